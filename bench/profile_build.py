"""Where the time of one `kg build` goes.

    python bench/profile_build.py CORPUS [--jobs 1] [--cprofile FILE.prof] [--top 25]

Without --cprofile: runs `kg.build.build(CORPUS, TMP, cache_dir=None, quiet=True)`
over every *.txt under CORPUS (so a folder's SOURCES.md is left out, as bench/run.py does)
once with timing wrappers around its phases (no profiler overhead) and prints a
table of wall time per phase:

    extract        extract_document (the first one loads spaCy and the dictionary), of which
      tokenize       kg.extract.tokens.tokenize (jieba-rs words with dictionary tags)
      grammar        the rest of the extraction (cue grammar, relations, figures, spaCy Doc)
    resolve        kg.resolve.resolve
    serialise      kg.serialise.statements, Statements.union, to_turtle and to_trig
    view           kg.view.graph_data and render_network (network.html)
    the rest       reading and hashing the files, writing graph.ttl/graph.trig, renaming

With --cprofile FILE: runs the same build under cProfile, saves the stats to
FILE and prints the top functions by cumulative and by own time.
"""
from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TIMES: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)


def _timed(name: str, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            TIMES[name] += time.perf_counter() - t0
            CALLS[name] += 1
    return wrapper


def instrument() -> None:
    import kg.build
    import kg.extract.tokens
    import kg.resolve
    import kg.serialise
    import kg.view

    kg.build.extract_document = _timed("extract", kg.build.extract_document)
    kg.extract.tokens._tokenize_uncached = _timed("tokenize", kg.extract.tokens._tokenize_uncached)
    kg.build._pipeline = _timed("load", kg.build._pipeline)
    kg.resolve.resolve = _timed("resolve", kg.resolve.resolve)
    kg.serialise.statements = _timed("serialise", kg.serialise.statements)
    kg.serialise.to_turtle = _timed("serialise", kg.serialise.to_turtle)
    kg.serialise.to_trig = _timed("serialise", kg.serialise.to_trig)
    kg.serialise.Statements.union = _timed("serialise", kg.serialise.Statements.union)
    kg.view.graph_data = _timed("view", kg.view.graph_data)
    kg.view.render_network = _timed("view", kg.view.render_network)


def phases(corpus: Path, jobs: int) -> dict[str, float]:
    t0 = time.perf_counter()
    import kg.build
    import_s = time.perf_counter() - t0
    instrument()
    with tempfile.TemporaryDirectory(prefix="kg-profile-") as tmp:
        t0 = time.perf_counter()
        report = kg.build.build([corpus], Path(tmp), glob="*.txt", jobs=jobs, cache_dir=None, quiet=True)
        total = time.perf_counter() - t0
    accounted = TIMES["extract"] + TIMES["resolve"] + TIMES["serialise"] + TIMES["view"]
    out = {"import": import_s, "total": total, **TIMES}
    print(f"build of {corpus}: {report.documents} documents, {report.entities} entities, "
          f"{report.relations} relations, {report.observations} figures, jobs={jobs}")
    print()
    print("| phase | seconds | share of build() |")
    print("|---|---:|---:|")

    def row(name, s):
        print(f"| {name} | {s:.2f} | {100 * s / total:.1f}% |")

    row("build() total", total)
    if jobs <= 1:
        row("extract (extract_document)", TIMES["extract"])
        row("&nbsp;&nbsp;of which loading spaCy and the dictionary (once)", TIMES["load"])
        row("&nbsp;&nbsp;of which segmentation (tokenize, jieba-rs)", TIMES["tokenize"])
        row("&nbsp;&nbsp;of which grammar, spaCy Doc, the rest",
            TIMES["extract"] - TIMES["tokenize"] - TIMES["load"])
    else:
        print(f"| extract (in {jobs} worker processes: not timed here) | | |")
    row("resolve", TIMES["resolve"])
    row("serialise (statements, union, Turtle, TriG)", TIMES["serialise"])
    row("view (graph_data and network.html)", TIMES["view"])
    row("read files, cache, write outputs (the rest)", total - accounted)
    print(f"\nimport of kg.build: {import_s:.2f} s (not in build())")
    return out


def cprofile(corpus: Path, jobs: int, out: Path, top: int) -> None:
    import cProfile
    import pstats

    import kg.build
    with tempfile.TemporaryDirectory(prefix="kg-profile-") as tmp:
        prof = cProfile.Profile()
        prof.enable()
        kg.build.build([corpus], Path(tmp), glob="*.txt", jobs=jobs, cache_dir=None, quiet=True)
        prof.disable()
    prof.dump_stats(str(out))
    stats = pstats.Stats(str(out))
    stats.strip_dirs()
    print(f"cProfile stats saved to {out}\n\n=== by cumulative time ===")
    stats.sort_stats("cumulative").print_stats(top)
    print("=== by own time ===")
    stats.sort_stats("tottime").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Where the time of one kg build goes.")
    p.add_argument("corpus", type=Path)
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--cprofile", type=Path, metavar="FILE", help="profile with cProfile, save stats to FILE")
    p.add_argument("--top", type=int, default=25)
    args = p.parse_args(argv)
    if args.cprofile:
        cprofile(args.corpus, args.jobs, args.cprofile, args.top)
    else:
        phases(args.corpus, args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
