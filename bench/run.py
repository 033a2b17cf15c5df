"""The build benchmark: `kg build` against jieba's bare segmentation of the same files.

    python bench/run.py [--corpus DIR] [--jobs 1,2] [--repeat 3] [--readme] [--label TEXT]
                        [--markdown FILE] [--json FILE]
    python bench/run.py --generated [--sizes 60,600] [--jobs 1,2] [--repeat 3] [--cache-size N] ...

Two modes:

  corpus      (the default) real, distinct documents: every *.txt directly in --corpus
              (default ../shared/corpus/national from the repository root: 52 national
              government work reports, 1.1 M characters; SOURCES.md and anything not .txt
              is skipped). The same file list is handed to `kg build` and to the baseline.
              Measured: baseline and build at each --jobs value, interleaved; the ratio
              build / baseline at each; peak memory. With --readme the result (tables and a
              JSON summary, the commit measured) is appended to bench/README.md under
              "## Results: national corpus".
  --generated copies of the bundled sample with their figures varied (bench/make_corpus.py),
              at two sizes, plus the scaling, --jobs and cache targets below.

Every measurement is a fresh interpreter (a subprocess), timed from spawn to exit,
so imports and jieba's dictionary load are counted on both sides. Builds and
baselines are run --repeat times and the median run is reported: on a shared
machine one run can be off by a tenth. The runs a ratio compares are interleaved
(baseline, build, baseline, build, …; at the large size every --jobs value in each
round), so that a slow or fast spell of the machine falls on both sides alike. Peak memory is
taken two ways: `max proc` is ru_maxrss from wait4() (the largest single process
of the tree: the build itself with --jobs 1), `tree` the largest sum of RSS over
the process and its children, polled every 50 ms with psutil (forked workers
share pages, so the sum over-counts them).

Targets of the corpus mode:
  build, jobs 1 ≤ 2× baseline jobs 1 (jieba.lcut over the same files);  peak memory ≤ 1 GiB
  build, jobs J: ratio to baseline jobs J, speedup over jobs 1 and peak memory reported;
                 graph.ttl byte-identical to jobs 1

Measurements of the --generated mode (S = the smallest size, L = the largest):

  baseline    bench/baseline_jieba.py: jieba.lcut over every document, same process count
  posseg      the same with jieba.posseg (the tagger kg uses), for reference: no target
  build       kg build CORPUS -o TMP --no-cache --quiet --jobs J
  cache       bench/build_once.py (kg.build.build) with a fresh cache: cold, warm (unchanged
              corpus), then after changing one document; cache hits come from the BuildReport

Targets of the --generated mode:
  build S, jobs 1 ≤ 2× baseline S jobs 1;  peak memory ≤ 1 GiB
  build L, jobs 1 ≤ 1.1 × (L/S) × build S jobs 1  (11× for 60 → 600)
  build L, jobs J ≥ 0.8·J × faster than jobs 1 (1.6× for J = 2); graph.ttl byte-identical
  warm re-run ≤ 10% of the cold build with cache; every document from the cache; same graph.ttl
  one document changed: exactly that one re-extracted (cache hits = N − 1)

With --generated, corpora come from bench/make_corpus.py (the sample with its figures varied), written to
a temporary folder (or --workdir) that is removed at the end unless --keep (as are the
build outputs of the corpus mode).
"""
from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

from make_corpus import change_one, make_corpus  # noqa: E402

GIB = 1024 ** 3


@dataclass
class Run:
    name: str
    docs: int
    chars: int
    jobs: int
    wall: float = 0.0
    cpu: float = 0.0         # seconds of CPU (user + system), the process and its reaped children
    maxrss: int = 0          # bytes, largest single process (wait4 ru_maxrss)
    tree_rss: int = 0        # bytes, largest polled sum over the process tree
    rc: int = 0
    stdout: str = ""
    stderr: str = ""
    killed: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def chars_per_s(self) -> float:
        return self.chars / self.wall if self.wall else 0.0


def measure(run: Run, cmd: list[str], max_rss: int, log) -> Run:
    """Run `cmd` in a fresh process; fill in wall time, peak memory, output."""
    import psutil

    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
               PYTHONHASHSEED="0", TQDM_DISABLE="1")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=err)
        done = threading.Event()
        peak = [0]

        def poll() -> None:
            try:
                root = psutil.Process(proc.pid)
            except psutil.Error:
                return
            while not done.is_set():
                total = 0
                try:
                    procs = [root] + root.children(recursive=True)
                except psutil.Error:
                    procs = []
                for p in procs:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                peak[0] = max(peak[0], total)
                if total > max_rss and run.killed is None:
                    run.killed = f"tree RSS {total / GIB:.1f} GiB > --max-rss"
                    for p in reversed(procs):
                        try:
                            p.kill()
                        except psutil.Error:
                            pass
                done.wait(0.05)

        watcher = threading.Thread(target=poll, daemon=True)
        watcher.start()
        _, status, usage = os.wait4(proc.pid, 0)
        run.wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        watcher.join()
        run.rc = proc.returncode
        run.maxrss = usage.ru_maxrss * 1024          # kilobytes on Linux
        run.cpu = usage.ru_utime + usage.ru_stime    # Linux: includes the children it waited for
        run.tree_rss = max(peak[0], run.maxrss)
        out.seek(0)
        err.seek(0)
        run.stdout = out.read().decode("utf-8", "replace")
        run.stderr = err.read().decode("utf-8", "replace")
    state = "ok" if run.rc == 0 else f"FAILED rc={run.rc} {run.killed or ''} {run.stderr.strip()[-500:]}"
    log(f"  {run.name:<28} {run.docs:>5} docs jobs {run.jobs}: {run.wall:7.2f} s  "
        f"{run.maxrss / 2**20:7.0f} MiB max proc  {run.tree_rss / 2**20:7.0f} MiB tree  {state}")
    return run


def interleave(specs, repeat: int, runs: dict, max_rss: int, log) -> list[Run]:
    """`repeat` rounds, each running every spec (key, make_run, cmd, extra) once in turn, so
    that a slower or faster spell of the machine falls on all the runs a ratio compares; the
    run with the median wall time stands for each spec (a failed run stands for it), all wall
    times kept in extra["walls"]. The chosen runs are also stored in `runs` by key."""
    done: dict[str, list[Run]] = {key: [] for key, *_ in specs}     # in the order run (round by round)
    failed: dict[str, Run] = {}
    for _ in range(max(1, repeat)):
        for key, make_run, cmd, _ in specs:
            if key not in failed:
                run = measure(make_run(), cmd, max_rss, log)
                if run.rc != 0:
                    failed[key] = run
                else:
                    done[key].append(run)
    chosen = []
    for key, _, _, extra in specs:
        if key in failed:
            run = failed[key]
        else:
            ordered = sorted(done[key], key=lambda r: r.wall)
            run = ordered[len(ordered) // 2]
            run.extra["walls"] = [round(r.wall, 3) for r in ordered]
            run.extra["rounds"] = [(round(r.wall, 3), round(r.cpu, 3)) for r in done[key]]
        run.extra.update(extra)
        runs[key] = run
        chosen.append(run)
    return chosen


def corpus_chars(folder: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt")))


def machine() -> dict:
    import psutil
    model = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0, 0, 0)
    return {"nproc": os.cpu_count(), "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
            else os.cpu_count(), "cpu": model, "ram_gib": round(psutil.virtual_memory().total / GIB, 1),
            "python": platform.python_version(), "load_before": [round(x, 2) for x in load]}



def target_rows(results) -> list[str]:
    """The targets table: what was measured against each target, and the verdict."""
    rows = ["", "| target | measured | target | result |", "|---|---|---|---|"]
    for what, measured, target, ok in results:
        verdict = "—" if ok is None else "PASS" if ok else "FAIL"
        rows.append(f"| {what} | {measured} | {target} | {verdict} |")
    return rows

def mib(b: int) -> str:
    return f"{b / 2**20:,.0f}"


NATIONAL = ROOT.parent / "shared" / "corpus" / "national"
README = BENCH / "README.md"
README_HEADING = "## Results: national corpus"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="kg build benchmark (see the module docstring)")
    p.add_argument("--corpus", type=Path, default=NATIONAL,
                   help=f"folder of real reports: every *.txt directly in it (default: {NATIONAL})")
    p.add_argument("--generated", action="store_true",
                   help="measure generated copies of the sample (bench/make_corpus.py) instead, at --sizes")
    p.add_argument("--sizes", help="--generated: corpus sizes in documents (default: 60,600; implies --generated)")
    p.add_argument("--jobs", default="1,2", help="process counts (default: 1,2)")
    p.add_argument("--cache-size", type=int,
                   help="--generated: corpus size for the cache runs (default: the smallest size)")
    p.add_argument("--workdir", type=Path, help="where corpora and outputs go (default: a temporary folder)")
    p.add_argument("--keep", action="store_true", help="keep the work folder")
    p.add_argument("--repeat", type=int, default=3,
                   help="runs per timed build and baseline; the median is reported (default: 3)")
    p.add_argument("--max-rss", type=float, default=8.0, help="kill a run whose process tree exceeds this many GiB")
    p.add_argument("--markdown", type=Path, help="also write the table to this file")
    p.add_argument("--json", type=Path, help="also write every measurement to this file")
    p.add_argument("--readme", action="store_true",
                   help=f"corpus mode: append the result to bench/README.md under '{README_HEADING}'")
    p.add_argument("--label", default="", help="corpus mode: a note for the result's heading, e.g. 'before'")
    args = p.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    if args.sizes or args.cache_size:
        args.generated = True
    if args.generated:
        args.sizes = args.sizes or "60,600"
        return generated_main(args)
    return corpus_main(args)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def git_state() -> dict:
    """The commit measured, and whether kg/ (the code measured) differs from it."""
    def git(*a: str) -> str:
        try:
            return subprocess.run(["git", "-C", str(ROOT), *a], capture_output=True, text=True,
                                  check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""
    return {"commit": git("rev-parse", "--short", "HEAD") or "?", "branch": git("rev-parse", "--abbrev-ref", "HEAD"),
            "subject": git("log", "-1", "--format=%s")[:100],
            "kg_modified": bool(git("status", "--porcelain", "--", "kg", "pyproject.toml"))}


def corpus_main(args) -> int:
    """Real documents: kg build and jieba.lcut over the same *.txt files, at each --jobs."""
    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        log(f"run.py: no corpus folder {corpus} (give --corpus DIR, or --generated)")
        return 2
    files = sorted(corpus.glob("*.txt"))
    if not files:
        log(f"run.py: no *.txt in {corpus}")
        return 2
    skipped = sorted(q.name for q in corpus.iterdir() if q.is_file() and q.suffix != ".txt")
    jobs_list = sorted({int(j) for j in args.jobs.split(",") if j.strip()} | {1})
    max_rss = int(args.max_rss * GIB)
    py = sys.executable
    docs = len(files)
    chars = sum(len(q.read_text(encoding="utf-8")) for q in files)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    info, state = machine(), git_state()
    log(f"machine: {info}")
    log(f"code: {state}")
    log(f"corpus: {corpus}: {docs} documents, {chars:,} characters (skipped: {', '.join(skipped) or 'nothing'})")
    log(f"work folder: {work}")
    runs: dict[str, Run] = {}
    results: list[tuple[str, str, str, bool | None]] = []
    t_start = time.perf_counter()
    try:
        specs = []
        for j in jobs_list:
            out = work / f"out-j{j}"
            shutil.rmtree(out, ignore_errors=True)
            specs.append((f"baseline-j{j}", lambda j=j: Run("baseline jieba.lcut", docs, chars, j),
                          [py, str(BENCH / "baseline_jieba.py"), *map(str, files), "--jobs", str(j)], {}))
            specs.append((f"build-j{j}", lambda j=j: Run("kg build --no-cache", docs, chars, j),
                          [py, "-m", "kg", "build", *map(str, files), "-o", str(out), "--no-cache", "--quiet",
                           "--strict", "--jobs", str(j)], {"out": str(out)}))
        log(f"\n{docs} documents, jobs {', '.join(map(str, jobs_list))}: baseline and build, "
            f"{args.repeat} rounds, interleaved")
        interleave(specs, args.repeat, runs, max_rss, log)
        build_1 = runs["build-j1"]
        for j in jobs_list:
            base, build = runs[f"baseline-j{j}"], runs[f"build-j{j}"]
            ok = base.rc == 0 and build.rc == 0
            ratio = build.wall / base.wall if ok else 0.0
            build.extra["ratio"] = ratio if ok else None
            build.extra["cpu_ratio"] = build.cpu / base.cpu if ok and base.cpu else None
            # the build and the baseline run just before it, round by round: the pairs nearest in time
            pairs = list(zip(build.extra.get("rounds", []), base.extra.get("rounds", []))) if ok else []
            build.extra["round_ratios"] = [b[0] / a[0] for b, a in pairs]
            build.extra["round_cpu_ratios"] = [b[1] / a[1] for b, a in pairs if a[1]]
            results.append((f"build jobs {j} vs jieba.lcut jobs {j}, same files",
                            f"{ratio:.2f}× ({build.wall:.2f} s vs {base.wall:.2f} s)" if ok else "run failed",
                            "≤ 2×" if j == 1 else "(reported)", (ratio <= 2 if ok else False) if j == 1 else None))
            if j == 1:
                results.append(("build jobs 1 peak memory", f"{mib(build.maxrss)} MiB", "≤ 1 GiB",
                                build.rc == 0 and build.maxrss <= GIB))
                continue
            ok = ok and build_1.rc == 0
            results.append((f"build jobs {j} peak memory (tree; max proc)",
                            f"{mib(build.tree_rss)} MiB; {mib(build.maxrss)} MiB", "(reported)", None))
            results.append((f"build jobs {j} vs jobs 1: speedup",
                            f"{build_1.wall / build.wall:.2f}×" if ok else "run failed", "(reported)", None))
            same = ok and filecmp.cmp(Path(build_1.extra["out"]) / "graph.ttl",
                                      Path(build.extra["out"]) / "graph.ttl", shallow=False)
            results.append((f"build jobs {j} vs jobs 1: graph.ttl",
                            "byte-identical" if same else "DIFFERENT" if ok else "run failed", "identical", same))
    finally:
        elapsed = time.perf_counter() - t_start
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)

    try:
        shown = corpus.relative_to(ROOT.parent)
        shown = f"../{shown}"
    except ValueError:
        shown = str(corpus)
    code = f"`{state['commit']}`" + (" with uncommitted changes to kg/" if state["kg_modified"] else "")
    summary_lines = ["| jobs | kg build s | jieba.lcut s | ratio | build peak RSS MiB (max proc / tree) "
                     "| ratio per round | CPU s build / jieba (ratio) | CPU ratio per round |",
                     "|---:|---:|---:|---:|---:|---|---|---|"]
    summary = []
    for j in jobs_list:
        base, build = runs[f"baseline-j{j}"], runs[f"build-j{j}"]
        ratio = build.extra.get("ratio")
        cpu_ratio = build.extra.get("cpu_ratio")
        summary.append({"jobs": j, "build_s": round(build.wall, 3), "jieba_s": round(base.wall, 3),
                        "ratio": round(ratio, 3) if ratio else None,
                        "build_cpu_s": round(build.cpu, 2), "jieba_cpu_s": round(base.cpu, 2),
                        "cpu_ratio": round(cpu_ratio, 3) if cpu_ratio else None,
                        "round_ratios": [round(r, 3) for r in build.extra.get("round_ratios", [])],
                        "round_cpu_ratios": [round(r, 3) for r in build.extra.get("round_cpu_ratios", [])],
                        "build_peak_mib": round(build.maxrss / 2**20), "build_tree_mib": round(build.tree_rss / 2**20),
                        "build_walls": build.extra.get("walls"), "jieba_walls": base.extra.get("walls"),
                        "ok": build.rc == 0 and base.rc == 0})
        summary_lines.append(f"| {j} | {build.wall:.2f}{' (FAILED)' if build.rc else ''} | "
                             f"{base.wall:.2f}{' (FAILED)' if base.rc else ''} | "
                             + (f"{ratio:.2f}×" if ratio else "—") + f" | {mib(build.maxrss)} / {mib(build.tree_rss)} | "
                             + " / ".join(f"{r:.2f}" for r in build.extra.get("round_ratios", [])) + " | "
                             + f"{build.cpu:.1f} / {base.cpu:.1f} (" + (f"{cpu_ratio:.2f}×" if cpu_ratio else "—")
                             + ") | " + " / ".join(f"{r:.2f}" for r in build.extra.get("round_cpu_ratios", [])) + " |")
    lines = [f"Corpus `{shown}`: {docs} documents (*.txt; skipped: {', '.join(skipped) or 'nothing'}), "
             f"{chars:,} characters. Code: {code} ({state['branch']}: {state['subject']}).", "",
             *summary_lines, "",
             f"Medians of {args.repeat} runs each, baselines and builds interleaved; every run a fresh "
             f"interpreter timed from spawn to exit. Machine: {info['nproc']} CPUs ({info['usable_cpus']} usable), "
             f"{info['cpu']}, {info['ram_gib']} GiB RAM, Python {info['python']}; load average before the run "
             f"{', '.join(map(str, info['load_before']))}. Whole benchmark: {elapsed:.0f} s. "
             "The target is on the ratio of the median wall times; the ratio per round (each build over "
             "the baseline run just before it) shows the spread, and CPU time (user + system of the process "
             "and its workers) is less disturbed by other work on the machine.", "",
             "| run | docs | chars | jobs | wall s (median) | all runs s | CPU s | chars/s | "
             "peak RSS MiB (max proc) | peak RSS MiB (tree) |",
             "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|"]
    for r in runs.values():
        walls = " / ".join(f"{w:.2f}" for w in r.extra.get("walls", []))
        lines.append(f"| {r.name}{' (FAILED)' if r.rc else ''} | {r.docs} | {r.chars:,} | {r.jobs} | {r.wall:.2f} | "
                     f"{walls} | {r.cpu:.1f} | {r.chars_per_s:,.0f} | {mib(r.maxrss)} | {mib(r.tree_rss)} |")
    lines += target_rows(results)
    table = "\n".join(lines)
    print(table)
    record = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "label": args.label, **state,
              "corpus": shown, "documents": docs, "characters": chars, "repeat": args.repeat,
              "summary": summary, "machine": info, "elapsed": round(elapsed, 1),
              "targets": [dict(zip(("what", "measured", "target", "pass"), r)) for r in results]}
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps({**record, "runs": {k: {**{f: getattr(v, f) for f in
                                         ("name", "docs", "chars", "jobs", "wall", "cpu", "maxrss", "tree_rss", "rc",
                                          "killed", "extra")}, "chars_per_s": v.chars_per_s}
                                         for k, v in runs.items()}}, ensure_ascii=False, indent=1),
                             encoding="utf-8")
    if args.readme:
        command = " ".join(["python bench/run.py", *map(shlex.quote, args.argv)])
        compact = {k: record[k] for k in ("date", "label", "commit", "kg_modified", "corpus", "documents",
                                          "characters", "repeat", "summary", "elapsed")}
        compact["load_before"] = info["load_before"]
        entry = (f"### {record['date']}, commit {state['commit']}"
                 + (" (+ uncommitted kg/ changes)" if state["kg_modified"] else "")
                 + (f": {args.label}" if args.label else "") + "\n\n"
                 + f"`{command}`\n\n" + table + "\n\n```json\n"
                 + json.dumps(compact, ensure_ascii=False) + "\n```\n")
        append_to_readme(README, README_HEADING, entry)
        log(f"appended to {README} under '{README_HEADING}'")
    return 0 if all(ok is not False for *_, ok in results) else 1


def append_to_readme(path: Path, heading: str, entry: str) -> None:
    """Put `entry` at the end of the section under `heading` (before the next '## ' heading),
    making the section at the end of the file if there is none."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    try:
        start = next(i for i, line in enumerate(lines) if line.rstrip() == heading)
    except StopIteration:
        path.write_text(text.rstrip("\n") + f"\n\n{heading}\n\n{entry}", encoding="utf-8")
        return
    following = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    end = following
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    lines[end:following] = ["\n" if lines[end - 1].endswith("\n") else "\n\n", entry,
                            *(["\n"] if following < len(lines) else [])]
    path.write_text("".join(lines), encoding="utf-8")


def generated_main(args) -> int:
    """Generated copies of the sample at --sizes: the scaling, --jobs and cache targets."""
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    jobs_list = sorted({int(j) for j in args.jobs.split(",") if j.strip()} | {1})
    small, large = sizes[0], sizes[-1]
    cache_size = args.cache_size or small
    max_rss = int(args.max_rss * GIB)
    py = sys.executable

    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    info = machine()
    log(f"machine: {info}")
    log(f"work folder: {work}")
    runs: dict[str, Run] = {}
    results: list[tuple[str, str, str, bool | None]] = []   # (what, measured, target, pass)
    t_start = time.perf_counter()
    try:
        corpora: dict[int, Path] = {}
        for n in sorted(set(sizes) | {cache_size}):
            corpora[n] = work / f"corpus-{n}"
            if not corpora[n].exists():
                make_corpus(n, corpora[n])
        chars = {n: corpus_chars(c) for n, c in corpora.items()}
        log("corpora: " + ", ".join(f"{n} docs = {chars[n]:,} chars" for n in sorted(chars)))

        def build_spec(n: int, j: int) -> tuple:
            out = work / f"out-{n}-j{j}"
            shutil.rmtree(out, ignore_errors=True)
            return (f"build-{n}-j{j}", lambda: Run("kg build --no-cache", n, chars[n], j),
                    [py, "-m", "kg", "build", str(corpora[n]), "-o", str(out), "--no-cache", "--quiet",
                     "--jobs", str(j)], {"out": str(out)})

        def baseline_spec(n: int, j: int, posseg: bool = False) -> tuple:
            name = "jieba.posseg.lcut (reference)" if posseg else "baseline jieba.lcut"
            cmd = [py, str(BENCH / "baseline_jieba.py"), str(corpora[n]), "--jobs", str(j)]
            return (f"{'posseg' if posseg else 'baseline'}-{n}-j{j}", lambda: Run(name, n, chars[n], j),
                    cmd + (["--posseg"] if posseg else []), {})

        def interleaved(*specs: tuple, repeat: int = args.repeat) -> list[Run]:
            return interleave(specs, repeat, runs, max_rss, log)

        # --- the small corpus: build vs baseline -----------------------------------------
        log(f"\n[1] {small} documents, jobs 1: baseline and build, interleaved")
        base_s, build_s = interleaved(baseline_spec(small, 1), build_spec(small, 1))
        interleaved(baseline_spec(small, 1, posseg=True), repeat=1)
        if build_s.rc == 0 and base_s.rc == 0:
            ratio = build_s.wall / base_s.wall
            results.append((f"build {small} docs, jobs 1 vs jieba.lcut baseline",
                            f"{ratio:.2f}× ({build_s.wall:.2f} s vs {base_s.wall:.2f} s)", "≤ 2×", ratio <= 2))
        else:
            results.append((f"build {small} docs, jobs 1 vs baseline", "run failed", "≤ 2×", False))
        results.append((f"build {small} docs, jobs 1 peak memory", f"{mib(build_s.maxrss)} MiB", "≤ 1 GiB",
                        build_s.rc == 0 and build_s.maxrss <= GIB))

        # --- the large corpus: scaling ---------------------------------------------------
        parallel = [j for j in jobs_list if j != 1]
        built: dict[int, Run] = {}
        if large != small or parallel:
            log(f"\n[2] {large} documents, jobs {', '.join(map(str, jobs_list))}: scaling and parallel, interleaved")
            specs = [spec for j in jobs_list for spec in (baseline_spec(large, j), build_spec(large, j))]
            built = dict(zip(jobs_list, interleaved(*specs)[1::2]))
        if large != small:
            build_l = built[1]
            factor = large / small
            limit = 1.1 * factor
            if build_l.rc == 0 and build_s.rc == 0:
                r = build_l.wall / build_s.wall
                results.append((f"build {large} vs {small} docs, jobs 1: time",
                                f"{r:.1f}× ({build_l.wall:.1f} s)", f"≤ {limit:.0f}×", r <= limit))
                results.append((f"build {large} vs {small} docs, jobs 1: peak memory",
                                f"{build_l.maxrss / build_s.maxrss:.1f}× ({mib(build_l.maxrss)} MiB)",
                                "(reported)", None))
            else:
                results.append((f"build {large} docs, jobs 1", f"run failed ({build_l.killed or build_l.rc})",
                                f"≤ {limit:.0f}×", False))
        else:
            build_l = built.get(1, build_s)

        # --- parallel ----------------------------------------------------------------------
        for j in parallel:
            build_j = built[j]
            ok = build_j.rc == 0 and build_l.rc == 0
            speedup = build_l.wall / build_j.wall if ok else 0.0
            results.append((f"build {large} docs, jobs {j} vs jobs 1: speedup",
                            f"{speedup:.2f}× ({build_j.wall:.2f} s vs {build_l.wall:.2f} s)" if ok else "run failed",
                            f"≥ {0.8 * j:.1f}×", ok and speedup >= 0.8 * j))
            same = ok and filecmp.cmp(Path(build_l.extra["out"]) / "graph.ttl",
                                      Path(build_j.extra["out"]) / "graph.ttl", shallow=False)
            results.append((f"build {large} docs, jobs {j} vs jobs 1: graph.ttl",
                            "byte-identical" if same else "DIFFERENT" if ok else "run failed",
                            "identical", same))

        # --- the cache ---------------------------------------------------------------------
        n = cache_size
        log(f"\n[4] cache, {n} documents, jobs 1")
        ccorpus = work / f"cache-corpus-{n}"
        shutil.rmtree(ccorpus, ignore_errors=True)
        shutil.copytree(corpora[n], ccorpus)
        cdir, cout = work / "cache", work / "out-cache"
        shutil.rmtree(cdir, ignore_errors=True)
        shutil.rmtree(cout, ignore_errors=True)
        once = [py, str(BENCH / "build_once.py"), str(ccorpus), str(cout), "--cache", str(cdir), "--jobs", "1"]
        cold = measure(Run("build, cold cache", n, chars[n], 1), once, max_rss, log)
        cold_ttl = (cout / "graph.ttl").read_bytes() if cold.rc == 0 else b""
        warm = measure(Run("build, warm cache", n, chars[n], 1), once, max_rss, log)
        runs["cache-cold"], runs["cache-warm"] = cold, warm
        if cold.rc == 0 and warm.rc == 0:
            rep = json.loads(warm.stdout.strip().splitlines()[-1])
            warm.extra["report"] = rep
            share = warm.wall / cold.wall
            same = (cout / "graph.ttl").read_bytes() == cold_ttl
            results.append((f"warm re-run, {n} docs unchanged: time vs cold",
                            f"{100 * share:.0f}% ({warm.wall:.1f} s vs {cold.wall:.1f} s)", "≤ 10%", share <= 0.10))
            results.append(("warm re-run: documents from cache, output",
                             f"{rep['cache_hits']}/{rep['documents']} from cache, graph.ttl "
                             + ("identical" if same else "DIFFERENT"), f"{n}/{n}, identical",
                             rep["cache_hits"] == n and rep["documents"] == n and same))
            victim = sorted(ccorpus.glob("*.txt"))[n // 2]
            change_one(victim)
            one = measure(Run("build, one doc changed", n, chars[n], 1), once, max_rss, log)
            runs["cache-one"] = one
            if one.rc == 0:
                rep1 = json.loads(one.stdout.strip().splitlines()[-1])
                one.extra["report"] = rep1
                results.append((f"one of {n} docs changed: re-extracted",
                                f"{rep1['documents'] - rep1['cache_hits']} re-extracted, {rep1['cache_hits']} "
                                f"from cache ({one.wall:.1f} s)", "exactly 1",
                                rep1["cache_hits"] == n - 1 and rep1["documents"] == n))
            else:
                results.append((f"one of {n} docs changed", "run failed", "exactly 1", False))
        else:
            results.append(("cache runs", "run failed", "", False))
    finally:
        elapsed = time.perf_counter() - t_start
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)

    # --- the report ---------------------------------------------------------------------------
    lines = [f"Builds and baselines: the median of {args.repeat} runs each, the runs a ratio compares interleaved.", "",
             f"Machine: {info['nproc']} CPUs ({info['usable_cpus']} usable), {info['cpu']}, "
             f"{info['ram_gib']} GiB RAM, Python {info['python']}; load average before the run "
             f"{', '.join(map(str, info['load_before']))}. Whole benchmark: {elapsed:.0f} s.", "",
             "| run | docs | chars | jobs | wall s | chars/s | peak RSS MiB (max proc) | peak RSS MiB (tree) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in runs.values():
        lines.append(f"| {r.name}{' (FAILED)' if r.rc else ''} | {r.docs} | {r.chars:,} | {r.jobs} | {r.wall:.2f} | "
                     f"{r.chars_per_s:,.0f} | {mib(r.maxrss)} | {mib(r.tree_rss)} |")
    lines += target_rows(results)
    table = "\n".join(lines)
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "elapsed": elapsed,
                                         "runs": {k: {**{f: getattr(v, f) for f in
                                                         ("name", "docs", "chars", "jobs", "wall", "maxrss",
                                                          "tree_rss", "rc", "killed", "extra")},
                                                      "chars_per_s": v.chars_per_s} for k, v in runs.items()},
                                         "targets": [dict(zip(("what", "measured", "target", "pass"), r))
                                                     for r in results]}, ensure_ascii=False, indent=1),
                             encoding="utf-8")
    return 0 if all(ok is not False for *_, ok in results) else 1


if __name__ == "__main__":
    sys.exit(main())
