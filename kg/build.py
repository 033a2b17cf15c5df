"""`kg build`: read → normalise → extract → resolve → serialise → view.

Documents stream through extraction one at a time (in worker processes with
`--jobs`, or on a Dask cluster with `--scheduler`), each result cached by
content hash and extractor version; the merge and the writing happen once, in
a fixed order, so every way of running gives the same bytes. Outputs are
written to temporary files and renamed into place only when everything has
succeeded: a failed build leaves the previous output as it was.
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import os
import signal
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg import EXTRACTOR_VERSION
from kg.errors import (EXIT_BAD_INPUT, EXIT_ENVIRONMENT, EXIT_FAILED, EXIT_TERMINATED, KgError, os_reason,
                       printable)
from kg.model import Document, DocumentMeta, Extraction, Given

OUTPUT_FILES = ("graph.ttl", "graph.trig", "network.html")


# --- one document (pure, picklable: runs in any worker) ------------------------------

@lru_cache(maxsize=1)
def _pipeline():
    """The extraction pipeline, made once per process. It, its vocabulary and the
    modules behind it live as long as the process, so they are frozen out of the cyclic
    collector's sight (`gc.freeze`): no collection, the one at exit included, walks them
    again, and forked workers share their pages untouched."""
    from kg.extract import lexicon, make_pipeline

    nlp = make_pipeline()
    lexicon()
    gc.freeze()
    return nlp


def extract_document(doc: Document, step: Callable[[Document, str], None] | None = None) -> Extraction:
    """Everything read from one document. Pure: same document, same extraction. `step`
    hears which stage a long document is at (a progress bar's business)."""
    from kg import narrator as narr
    from kg.extract import extract_section
    from kg.normalise import normalise
    from kg.read import document_date, document_title
    from kg.sections import document_year, split_sections

    step = step or (lambda doc, what: None)
    step(doc, "normalising")
    norm = normalise(doc.text)
    step(doc, "finding sections")
    given = doc.given
    sections, stand_in = narr.narrate(split_sections(norm.text), norm.text, given=given,
                                      metadata_title=doc.title, source=doc.source)
    date = (given.date if given and given.date else None) or document_date(doc.text)
    year = int(date[:4]) if date and date[:4].isdigit() else document_year(norm.text)
    title = (given.title if given and given.title else None) or doc.title or document_title(doc.text) \
        or (sections[0].heading if sections else None)
    narrators = tuple(dict.fromkeys(s.narrator for s in sections if s.narrator_source != "none" and s.narrator))
    meta = DocumentMeta(doc_id=doc.doc_id, source=doc.source, sha256=doc.sha256,
                        media_type=doc.media_type, title=title, date=date or (str(year) if year else None),
                        chars=len(doc.text), narrators=narrators,
                        narrator_source=sections[0].narrator_source if narrators else "none",
                        area=stand_in or narr.area_of(norm.text))
    ex = Extraction(meta=meta, sections=sections)
    step(doc, "loading the extractor")
    nlp = _pipeline()
    for number, section in enumerate(sections, 1):
        step(doc, f"section {number}/{len(sections)}")
        mentions, relations, observations = extract_section(nlp, norm, doc.doc_id, section, year)
        if stand_in and section.narrator == stand_in:
            mentions, relations, observations = narr.as_place(stand_in, mentions, relations, observations)
        ex.mentions.extend(mentions)
        ex.relations.extend(relations)
        ex.observations.extend(observations)
    return ex


# --- the cache ------------------------------------------------------------------------

@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """The extractor's version and the hash of the code and vocabulary that extract, so a
    cached extraction is never reused by a different extractor."""
    import kg
    root = Path(kg.__file__).parent
    digest = hashlib.sha256(EXTRACTOR_VERSION.encode())
    for module in ("normalise", "sections", "narrator", "extract", "vocab", "gazetteer", "model", "data/places.tsv"):
        # a package counts by every module in it, named, so that moving code between them counts too
        package = root / module
        paths = sorted(package.glob("*.py")) if package.is_dir() else [root / (module if "." in module else f"{module}.py")]
        for path in paths:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class Cache:
    """Extractions keyed by document content and extractor version."""

    folder: Path | None
    hits: int = 0
    misses: int = 0

    def _path(self, doc: Document) -> Path | None:
        if self.folder is None:
            return None
        key = hashlib.sha256(f"{extractor_fingerprint()}\t{doc.doc_id}\t{doc.source}\t{doc.sha256}\t{doc.given!r}"
                             .encode()).hexdigest()
        return self.folder / f"{key[:32]}.json"

    def get(self, doc: Document) -> Extraction | None:
        """The cached extraction of `doc`, or None. The file is JSON (loading it makes
        data, never runs code) and is used only when it is an extraction of this very
        document: anything else in the folder, damaged or planted, is a miss."""
        from kg.model import extraction_from_json

        path = self._path(doc)
        try:
            ex = extraction_from_json(path.read_bytes()) if path is not None else None
        except (OSError, ValueError, TypeError, AttributeError, KeyError, RecursionError):
            ex = None
        if ex is None or (ex.meta.doc_id, ex.meta.source, ex.meta.sha256) != (doc.doc_id, doc.source, doc.sha256):
            self.misses += 1
            return None
        self.hits += 1
        return ex

    def put(self, doc: Document, ex: Extraction) -> None:
        from kg.fsutil import write_bytes_atomic
        from kg.model import extraction_to_json

        path = self._path(doc)
        if path is None:
            return
        try:
            write_bytes_atomic(path, extraction_to_json(ex))
        except OSError as err:
            raise KgError(f"cannot write the cache {printable(self.folder)}/: {os_reason(err)}",
                          EXIT_ENVIRONMENT) from None


# --- running extraction ---------------------------------------------------------------

def _extract_all(docs: Iterable[Document], cache: Cache, jobs: int, scheduler: str | None,
                 step: Callable[[Document, str], None] | None = None) -> Iterator[Extraction]:
    """Extractions in input order; only documents missing from the cache are extracted.
    `step` follows the stages of each document extracted in this process."""
    if scheduler:
        yield from _extract_dask(docs, cache, scheduler)
        return
    if jobs <= 1:
        for doc in docs:
            ex = cache.get(doc)
            if ex is None:
                ex = extract_document(doc, step)
                cache.put(doc, ex)
            yield ex
        return
    from collections import deque

    window: deque = deque()
    with _LazyPool(jobs) as pool:
        for batch in _batches(docs, cache, TASK_SIZE):
            missing = [doc for doc, ex in batch if ex is None]
            window.append((batch, pool.submit(extract_documents, missing) if missing else None))
            while len(window) > jobs * 2:
                yield from _settle(window.popleft(), cache)
        while window:
            yield from _settle(window.popleft(), cache)


def _fork_context():
    """Where processes fork safely (Linux), children inherit what this process has loaded
    and made, nothing copied or sent; elsewhere (spawn) None."""
    import multiprocessing as mp

    return mp.get_context("fork") if sys.platform.startswith("linux") else None


def _child_init(parent: int) -> None:
    """Set up a worker or writer process so that it never outlives the build (process
    `parent`): SIGTERM (what the parent sends when it stops) ends it at once, Ctrl-C is
    left to the parent, and on Linux the kernel sends it SIGKILL should the parent die
    without a word."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - no prctl in this libc
            pass
        if os.getppid() != parent:  # the parent died before the line above took effect
            os._exit(1)


def _in_child(parent: int, target, *args) -> None:
    """Run `target` in a forked writer; its exit code says how it failed (the parent
    reports it in one line): EXIT_ENVIRONMENT when the system refused a write."""
    _child_init(parent)
    try:
        target(*args)
    except OSError:
        os._exit(EXIT_ENVIRONMENT)
    except BaseException:
        os._exit(EXIT_FAILED)


class _LazyPool:
    """A process pool started on the first document the cache lacks (a warm re-run starts
    none). Where processes fork, the pipeline is loaded here first and the workers inherit
    it: loaded once, its pages shared, where each worker would load its own copy."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.pool = None

    def submit(self, fn, *args):
        if self.pool is None:
            from concurrent.futures import ProcessPoolExecutor

            fork = _fork_context()
            if fork is not None:
                _pipeline()
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=fork,
                                            initializer=_child_init, initargs=(os.getpid(),))
        return self.pool.submit(fn, *args)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *exc):
        """On success wait for the workers; on failure or SIGTERM stop them now, not after
        the documents they are in the middle of."""
        if self.pool is None:
            return
        if exc_type is None:
            self.pool.shutdown(wait=True)
            return
        workers = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.join()


#: Documents sent to a worker at a time: fewer, larger tasks cost less to hand over.
TASK_SIZE = 8


def extract_documents(docs: list[Document]) -> list[Extraction]:
    return [extract_document(doc) for doc in docs]


def _batches(docs: Iterable[Document], cache: Cache, size: int) -> Iterator[list[tuple[Document, Extraction | None]]]:
    """Documents with their cached extraction (or None), `size` at a time, in input order."""
    batch = []
    for doc in docs:
        batch.append((doc, cache.get(doc)))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _settle(item, cache: Cache) -> Iterator[Extraction]:
    batch, pending = item
    extracted = iter(pending.result() if pending is not None else ())
    for doc, ex in batch:
        if ex is None:
            ex = next(extracted)
            cache.put(doc, ex)
        yield ex


def _extract_dask(docs: Iterable[Document], cache: Cache, scheduler: str) -> Iterator[Extraction]:
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    else:
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as err:
            raise KgError(f"cannot reach the Dask scheduler at {scheduler}: {err}", 3) from err
    try:
        pending = []
        for doc in docs:
            ex = cache.get(doc)
            pending.append((doc, ex if ex is not None else client.submit(extract_document, doc, pure=False)))
        for doc, item in pending:
            if isinstance(item, Extraction):
                yield item
            else:
                ex = item.result()
                cache.put(doc, ex)
                yield ex
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --- the command ----------------------------------------------------------------------

@dataclass
class BuildReport:
    documents: int = 0
    warnings: list[str] = field(default_factory=list)
    entities: int = 0
    relations: int = 0
    observations: int = 0
    cache_hits: int = 0
    up_to_date: bool = False
    per_document: list[dict] = field(default_factory=list)   # kg.buildreport rows


@contextmanager
def _no_cyclic_collection():
    """Pause Python's cyclic garbage collector for the length of a build.

    A build makes millions of small objects (tokens, mentions, statements) and keeps a
    growing share of them to the end, so every full collection walks more of them:
    a tenth of the time of a 600-report build went to collections that found nothing.
    What a build throws away holds no reference cycles, so reference counting frees it
    as before (peak memory is the same with the collector on or off); the collector is
    switched back on, as it was, when the build ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build(inputs: list[Path], out_dir: Path, *, glob: str | None = None, jobs: int = 1,
          cache_dir: Path | None = None, scheduler: str | None = None, quiet: bool = False,
          warn: Callable[[str], None] | None = None, with_view: bool = True,
          given: Given | None = None, manifest: Path | None = None) -> BuildReport:
    """Build the graph of `inputs` into `out_dir`; the bundled sample when `inputs` is empty.
    `given` (--title/--narrator) applies to every input, a `manifest` row to its own file."""
    with _no_cyclic_collection():
        return _build(inputs, out_dir, glob=glob, jobs=jobs, cache_dir=cache_dir, scheduler=scheduler,
                      quiet=quiet, warn=warn, with_view=with_view, given=given, manifest=manifest)


def _build(inputs: list[Path], out_dir: Path, *, glob: str | None, jobs: int, cache_dir: Path | None,
           scheduler: str | None, quiet: bool, warn: Callable[[str], None] | None,
           with_view: bool, given: Given | None = None, manifest: Path | None = None) -> BuildReport:
    from kg import buildreport, read
    from kg.fsutil import folder_lock
    from kg.narrator import givens_for
    from kg.resolve import resolve

    report = BuildReport()

    def on_error(path: Path, reason: str) -> None:
        message = f"skipped {path}: {reason}"
        report.warnings.append(message)
        if warn:
            warn(message)

    def on_repair(message: str) -> None:
        report.warnings.append(message)
        if warn:
            warn(message)

    def on_skip(path: Path) -> None:
        if not quiet:
            print(f"kg: note: skipped {printable(path)}: not a report by its name "
                  "(name the file to build it)", file=sys.stderr)

    paths = read.discover(inputs, glob, on_skip=on_skip) if inputs else [read.sample_path()]
    _make_folders(out_dir, cache_dir)
    cache = Cache(cache_dir)
    docs = read.iter_documents(paths, on_error, on_warning=on_repair)
    givens = givens_for(paths, read.assign_doc_ids(paths), given=given, manifest=manifest, warn=warn) \
        if given or manifest else {}
    if givens:
        docs = (replace(doc, given=givens.get(doc.doc_id)) for doc in docs)
    extractions = []
    in_process = jobs <= 1 and not scheduler
    with _extraction_progress(len(paths), quiet, live=in_process) as progress:
        for ex in _extract_all(docs, cache, jobs, scheduler, progress.step if in_process else None):
            extractions.append(ex)
            progress.done(ex)
    if not extractions:
        raise KgError("no input yielded any text" + (f" ({len(report.warnings)} file(s) skipped)"
                                                       if report.warnings else ""), EXIT_BAD_INPUT)
    report.documents = len(extractions)
    report.cache_hits = cache.hits
    build_key = _build_key(extractions, with_view)
    say = (lambda text: None) if quiet else (lambda text: print(text, file=sys.stderr, flush=True))
    try:
        waiting = f"waiting for another kg build writing into {printable(out_dir)}/ …"
        with folder_lock(out_dir, on_wait=lambda: say(waiting)):
            previous = _read_manifest(cache_dir, out_dir, build_key) if cache_dir else None
            if previous is not None:  # nothing changed since the last build of this folder
                report.entities, report.relations, report.observations = previous
                report.up_to_date = True
                report.per_document = (buildreport.read_report(out_dir) or {}).get("documents", [])
                return report
            say(f"resolving the names of {len(extractions)} document(s) …")
            graph = resolve(extractions)
            report.entities = len(graph.entities)
            report.relations = len({(s, p, o) for s, p, o, _ in graph.relations})
            report.observations = len(graph.observations)
            say(f"writing {', '.join(OUTPUT_FILES if with_view else OUTPUT_FILES[:2])} "
                f"({report.entities} entities) …")
            staged = _write_outputs(graph, out_dir, with_view=with_view, parallel=jobs > 1 or bool(scheduler))
            report.per_document = buildreport.document_rows(graph)
            buildreport.write_report(out_dir, report.per_document, report.warnings)
            if cache_dir:
                _write_manifest(cache_dir, out_dir, build_key, report, staged)
    except OSError as err:
        raise KgError(f"cannot write to {printable(out_dir)}/: {os_reason(err)}", EXIT_ENVIRONMENT) from None
    return report


def _make_folders(out_dir: Path, cache_dir: Path | None) -> None:
    """Make the output and cache folders before any work, so that a folder that cannot
    be written fails the build in one line at once, not after the extraction."""
    for folder in (out_dir, cache_dir):
        if folder is None:
            continue
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not os.access(folder, os.W_OK | os.X_OK):
                raise PermissionError(13, "Permission denied")
        except OSError as err:
            raise KgError(f"cannot write to {printable(folder)}/: {os_reason(err)}", EXIT_ENVIRONMENT) from None


class _Progress:
    """The extraction's progress bar: documents done, and within a long document the step
    it is at, so a single large report shows it is moving. Silent when quiet.

    With `live`, a thread redraws the bar every second, so its clock runs on through a
    step that takes a minute. Only for extraction in this process: a thread running
    while worker processes are forked could leave them a lock held for ever."""

    def __init__(self, total: int, quiet: bool, live: bool = False):
        self.bar = None
        self.last = 0.0
        self.ticker = None
        if not quiet:
            import threading

            from tqdm import tqdm
            self.bar = tqdm(total=total, unit="doc", desc="extracting", file=sys.stderr)
            if live:
                self.stopped = threading.Event()
                self.ticker = threading.Thread(target=self._tick, name="kg-progress", daemon=True)
                self.ticker.start()

    def _tick(self) -> None:
        while not self.stopped.wait(1.0):
            self.bar.refresh()

    #: Seconds between two updates of the step shown: a terminal is not flooded.
    STEP_INTERVAL = 0.5

    def step(self, doc: Document, what: str) -> None:
        """Within a document: show `what`, every STEP_INTERVAL at most."""
        import time

        now = time.monotonic()
        if self.bar is not None and now - self.last >= self.STEP_INTERVAL:
            self.last = now
            self.bar.set_postfix_str(f"{printable(doc.source)}: {what}")

    def done(self, ex: Extraction) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.ticker is not None:
            self.stopped.set()
            self.ticker.join()
        if self.bar is not None:
            self.bar.close()


@contextmanager
def _extraction_progress(total: int, quiet: bool, live: bool) -> Iterator[_Progress]:
    progress = _Progress(total, quiet, live)
    try:
        yield progress
    finally:
        progress.close()


def _write(render: Callable, what, path: Path) -> None:
    path.write_bytes(render(what))


def _draw(graph, path: Path) -> None:
    from kg.view import graph_data, render_network

    render_network(graph_data(graph), path)


def _write_outputs(graph, out_dir: Path, *, with_view: bool, parallel: bool) -> list[str]:
    """Render every output to a staged file, then rename them all into place.

    Nothing in `out_dir` changes unless every output rendered. With more than one
    process allowed, forked children draw the view (from the resolved graph, at once)
    and write the Turtle (once the statements are made) while this process writes the
    TriG; they inherit what they need, nothing is copied or sent."""
    from kg import serialise
    from kg.fsutil import forget_temporary, staged_path

    fork = _fork_context() if parallel else None
    children = []

    def run(target, *args) -> None:
        if fork is None:
            target(*args)
        else:
            children.append(fork.Process(target=_in_child, args=(os.getpid(), target, *args), daemon=True))
            children[-1].start()

    staged: list[tuple[Path, Path]] = []
    try:
        for name in OUTPUT_FILES if with_view else OUTPUT_FILES[:2]:
            staged.append((staged_path(out_dir / name), out_dir / name))
        ttl, trig = staged[0][0], staged[1][0]
        if with_view:
            run(_draw, graph, staged[2][0])
        statements = serialise.statements(graph)
        run(_write, serialise.to_turtle, statements, ttl)
        _write(serialise.to_trig, statements, trig)
        for child in children:
            child.join()
            if child.exitcode == EXIT_ENVIRONMENT:
                raise OSError(0, "writing graph.ttl or network.html failed (a full disk?)")
            if child.exitcode != 0:
                raise KgError("writing graph.ttl or network.html failed in its worker process", EXIT_FAILED)
        for tmp, final in staged:
            os.chmod(tmp, 0o644)
            os.replace(tmp, final)
            forget_temporary(tmp)
    finally:
        for child in children:
            if child.is_alive():
                child.terminate()
                child.join()
        for tmp, _ in staged:
            forget_temporary(tmp)
            if tmp.exists():
                tmp.unlink()
    return [final.name for _, final in staged]


# --- the build manifest: a re-run on unchanged input rewrites nothing ----------------

def _build_key(extractions: list[Extraction], with_view: bool) -> str:
    """The inputs of the outputs: the documents, and the code that extracts from them and
    writes the graph (a new version of kejigraph rewrites the outputs of an unchanged corpus)."""
    import kg
    digest = hashlib.sha256(f"{extractor_fingerprint()}\t{with_view}".encode())
    root = Path(kg.__file__).parent
    for path in [root / f"{m}.py" for m in ("resolve", "serialise", "view", "buildreport")] + \
            sorted((root / "templates").glob("*.*")):   # the page's script and style are its code too
        digest.update(path.read_bytes())
    for ex in extractions:
        digest.update(f"\n{ex.meta.doc_id}\t{ex.meta.source}\t{ex.meta.sha256}\t{ex.meta.narrators}"
                      f"\t{ex.meta.narrator_source}\t{ex.meta.title}\t{ex.meta.date}".encode())
    return digest.hexdigest()


def _file_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _read_manifest(cache_dir: Path, out_dir: Path, key: str) -> tuple[int, int, int] | None:
    """The last build's counts when it had the same inputs and its outputs are untouched."""
    import json
    try:
        manifest = json.loads((cache_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if manifest.get("key") != key or manifest.get("output") != str(out_dir.resolve()):
        return None
    if any(_file_hash(out_dir / name) != digest for name, digest in manifest.get("files", {}).items()):
        return None
    return manifest["entities"], manifest["relations"], manifest["observations"]


def _write_manifest(cache_dir: Path, out_dir: Path, key: str, report: "BuildReport", names: list[str]) -> None:
    import json
    from kg.fsutil import write_text_atomic
    manifest = {"key": key, "output": str(out_dir.resolve()),
                "files": {name: _file_hash(out_dir / name) for name in names},
                "entities": report.entities, "relations": report.relations, "observations": report.observations}
    write_text_atomic(cache_dir / "manifest.json", json.dumps(manifest, indent=1))


@contextmanager
def _sigterm_ends_cleanly():
    """While building, SIGTERM stops the worker and writer processes, removes the temporary
    files this process made, says so and exits 143, all from the handler: raising an
    exception instead would unwind through whatever it interrupts (a process pool's own
    locks among them) and could hang or be lost. Forked children set SIGTERM back to the
    default (`_child_init`); one that runs this handler before it has (a signal caught
    between fork and exec) ends at once."""
    import multiprocessing

    from kg.fsutil import live_temporary

    owner = os.getpid()

    def terminated(signum, frame):
        if os.getpid() != owner:
            os._exit(EXIT_TERMINATED)
        for child in multiprocessing.active_children():
            try:
                os.kill(child.pid, signal.SIGKILL)
            except (OSError, TypeError):
                pass
        for path in live_temporary():
            try:
                path.unlink()
            except OSError:
                pass
        os.write(2, "kg: terminated\n".encode())
        os._exit(EXIT_TERMINATED)

    try:
        previous = signal.signal(signal.SIGTERM, terminated)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(args) -> int:
    warnings: list[str] = []

    def warn(message: str) -> None:
        warnings.append(message)
        print(f"kg: warning: {printable(message)}", file=sys.stderr)

    out_dir = Path(args.output)
    cache_dir = None if args.no_cache else Path(args.cache) if args.cache else out_dir / ".cache"
    given = Given(title=args.title, narrator=args.narrator) if args.title or args.narrator else None
    with _sigterm_ends_cleanly():
        report = build([Path(p) for p in args.inputs], out_dir, glob=args.glob, jobs=args.jobs,
                       cache_dir=cache_dir, scheduler=args.scheduler, quiet=args.quiet, warn=warn,
                       given=given, manifest=Path(args.manifest) if args.manifest else None)
    _print_documents(report, quiet=args.quiet)
    if not args.quiet and report.up_to_date:
        print(f"{out_dir}/ is up to date: {report.documents} document(s) unchanged since the last build "
              f"({report.cache_hits} from cache)", file=sys.stderr)
    elif not args.quiet:
        print(f"built {out_dir}/: {report.documents} document(s), {report.entities} entities, "
              f"{report.relations} relations, {report.observations} figures"
              + (f" ({report.cache_hits} from cache)" if report.cache_hits else ""), file=sys.stderr)
    if warnings and args.strict:
        return EXIT_FAILED
    return 0


def _print_documents(report: BuildReport, *, quiet: bool) -> None:
    """Each document's row (unless quiet) and its warnings (always): what was built, per document."""
    from kg.buildreport import format_report

    if not quiet and report.per_document:
        print(format_report({"documents": report.per_document}), end="", file=sys.stderr)
    for row in report.per_document:
        for message in row["warnings"]:
            print(f"kg: warning: {message}", file=sys.stderr)


EXAMPLES = """\
examples:
  kg build                         the bundled sample report → output/
  kg build reports/ -o out/        every .txt .md .docx .pdf .html under reports/
  kg build a.txt b.docx --strict   exit 1 if any file had to be skipped
  kg build reports/ --jobs 2       extract in two processes
  kg build r.txt --title 2026年湖北省政府工作报告   who speaks, when the file does not say
  kg build r.txt --narrator 湖北省人民政府
  kg build reports/ --manifest reports.csv       per file: file,title,narrator,date
  kg build reports/ --scheduler local            a local Dask cluster
  kg build reports/ --scheduler tcp://host:8786  an existing Dask cluster

writes graph.ttl (the whole graph), graph.trig (one named graph per document)
and network.html (the interactive view) into the output folder; nothing there
changes unless the whole build succeeds. build-report.json there says, per
document, its narrator and how it was found, and its entities, relations,
figures and warnings (the table printed after a build; `kg stats` shows it).

the narrator (the agency that acts where a sentence names none) of a section is
the agency its heading names; a document without such headings has the first
of: --narrator, --title or its manifest row; a title line; the file's metadata
title (Word, PDF, HTML); a file name carrying a title; the text's own words
(我代表国务院; 全省 with the province it names most). Without one, the area the
text is mostly about holds its figures and a warning says so. A manifest is CSV
with a header (file,title,narrator,date) or JSON (a list of such objects);
'file' is a path relative to the manifest, or a file name.

exit codes:
  0  built
  1  built, but --strict and some input was skipped (or had bad bytes replaced)
  2  a missing path, or no input that yields text
  3  the Dask scheduler could not be reached
  4  the output or cache folder cannot be written (read-only, full disk)
  143  stopped by SIGTERM: temporary files removed, workers stopped, outputs as they were

In folders, files with a report's suffix (.txt .md .docx .pdf .html .htm, or
those matching --glob) are built, except hidden files and those named like a
project's own documentation (README, SOURCES, LICENSE, CHANGELOG, …), which are
named on stderr as skipped; a file named on the command line is always built.
Two builds into one output folder take turns: the second waits for the first.
"""


def register(sub) -> None:
    p = sub.add_parser("build", help="build the graph from reports (default: the bundled sample)",
                       description="Build the knowledge graph of one or more reports.",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="files or folders (default: the bundled sample)")
    p.add_argument("-o", "--output", default="output", help="output folder (default: output)")
    p.add_argument("--glob", help="only files whose name matches this pattern, e.g. '*.docx'")
    p.add_argument("--jobs", "-j", type=int, default=1, help="extraction processes (default: 1)")
    p.add_argument("--cache", help="cache folder (default: OUTPUT/.cache)")
    p.add_argument("--no-cache", action="store_true", help="extract every document again")
    p.add_argument("--scheduler", help="run extraction on Dask: 'local' or a scheduler address")
    p.add_argument("--strict", action="store_true", help="exit 1 when any input was skipped")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar, summary or per-document table")
    p.add_argument("--title", help="the title of the input(s), e.g. 2026年湖北省政府工作报告: names who speaks")
    p.add_argument("--narrator", help="who speaks in the input(s), e.g. 湖北省人民政府 (outranks --title)")
    p.add_argument("--manifest", metavar="FILE",
                   help="CSV or JSON with file,title,narrator,date for each input (outranks --title/--narrator)")
    p.set_defaults(func=_run)
