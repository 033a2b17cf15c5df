"""The baseline of the build benchmark: jieba's bare segmentation of the same texts.

    python bench/baseline_jieba.py INPUT [INPUT ...] [--jobs N] [--posseg]

Reads every .txt under each INPUT folder, and every INPUT file named directly (in
the order given: bench/run.py hands it the same file list as `kg build`), imports jieba, loads its dictionary and runs
`jieba.lcut` (HMM on, jieba's default) over every document; with --jobs N the
documents are split over N forked processes (the dictionary is loaded once,
before the fork, as a pre-loaded worker would have it). With --posseg it runs
`jieba.posseg.lcut` instead, jieba's tagger (for reference only: the target
compares against plain `jieba.lcut`, and only that baseline imports
jieba.posseg, whose tag table loads on import). Prints one JSON line:
documents, characters, words.

bench/run.py times this script as a whole, in a fresh interpreter, so the
figure includes interpreter start, import and dictionary load, exactly like
the `kg build` it is compared with.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

_TEXTS: list[str] = []
_POSSEG = False


def _segment(i: int) -> int:
    import jieba
    if _POSSEG:
        import jieba.posseg
        return len(jieba.posseg.lcut(_TEXTS[i]))
    return len(jieba.lcut(_TEXTS[i]))


def main(argv: list[str] | None = None) -> int:
    global _POSSEG
    p = argparse.ArgumentParser(description="jieba segmentation of a corpus (the benchmark baseline)")
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT", help="folders (every .txt under them) or files")
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--posseg", action="store_true", help="jieba.posseg.lcut (POS tagging) instead of jieba.lcut")
    args = p.parse_args(argv)
    _POSSEG = args.posseg

    paths = [q for item in args.inputs for q in (sorted(item.rglob("*.txt")) if item.is_dir() else [item])]
    _TEXTS.extend(path.read_text(encoding="utf-8") for path in paths)

    import jieba
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    if _POSSEG:  # its tag table loads on import: part of that baseline, not of the plain one
        import jieba.posseg  # noqa: F401

    if args.jobs <= 1:
        words = sum(_segment(i) for i in range(len(_TEXTS)))
    else:
        import multiprocessing as mp
        with mp.get_context("fork").Pool(args.jobs) as pool:
            words = sum(pool.map(_segment, range(len(_TEXTS)), chunksize=1))
    print(json.dumps({"documents": len(_TEXTS), "characters": sum(map(len, _TEXTS)), "words": words}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
