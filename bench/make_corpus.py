"""Generate a benchmark corpus from the bundled sample report.

    python bench/make_corpus.py N OUTDIR [--seed S]

Writes OUTDIR/report-0001.txt … report-NNNN.txt. Every document is the whole
sample (6,508 characters; 17,874 bytes of UTF-8) with each of its figures
changed: every Arabic number is multiplied by a per-document factor and a small
per-number jitter (both drawn from a generator seeded by (seed, document
number)) and re-formatted with the same number of decimals. Years (2021年),
months and days (6月30日, 1-5月) are left alone so that dates and the year
of each figure still parse; percentages stay below 100 %. Names, sentences and
sections are untouched, so each document reads like another bureau report of
the same kind, and the extraction does the same amount of work on each.

60 documents ≈ 390k characters, 600 ≈ 3.9M. No two documents are equal (checked).
The output is a pure function of (N, seed): the same call gives the same bytes.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "kg" / "data" / "shanxi-st-bureaus-2022.txt"

# a number, with what follows it (to recognise dates and percentages)
_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])(?=(\s*\**\s*)(.?))")
# 2021年, 1-5月, 6月30日: dates stay as they are
_DATE_PART = re.compile(r"\d+\s*\**\s*[-－—~～至]\s*\**\s*\d+\s*\**\s*月|\d+\s*\**\s*[年月日号]")


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def _protected(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _DATE_PART.finditer(text)]


def vary(text: str, seed: int, index: int) -> str:
    """`text` with every figure changed, deterministically for (seed, index)."""
    rng = random.Random(f"kejigraph-bench:{seed}:{index}")
    factor = rng.uniform(0.5, 2.0)
    protected = _protected(text)

    def repl(m: re.Match) -> str:
        s = m.start(1)
        if any(a <= s < b for a, b in protected):
            return m.group(1)
        old = m.group(1)
        value = float(old) * factor * rng.uniform(0.9, 1.1)
        if m.group(3) in ("%", "％") and float(old) < 100:
            value = min(value, float(old) * rng.uniform(0.5, 1.0))
        if "." in old:
            decimals = len(old) - old.index(".") - 1
            new = f"{value:.{decimals}f}"
            if float(new) == 0:
                new = old
        else:
            new = str(max(1, round(value)))
        return new

    return _NUMBER.sub(repl, text)


def make_corpus(n: int, outdir: Path | str, seed: int = 0, text: str | None = None) -> list[Path]:
    """Write `n` varied copies of the sample into `outdir`; returns their paths in order."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    base = sample_text() if text is None else text
    seen: set[str] = set()
    paths = []
    width = max(4, len(str(n)))
    for i in range(1, n + 1):
        attempt = 0
        while True:
            body = vary(base, seed, i if attempt == 0 else f"{i}.{attempt}")
            digest = hashlib.sha256(body.encode()).hexdigest()
            if digest not in seen:
                break
            attempt += 1
            if attempt > 100:
                raise RuntimeError(f"cannot make document {i} differ from the others")
        seen.add(digest)
        path = outdir / f"report-{i:0{width}d}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def change_one(path: Path | str, seed: int = 1) -> None:
    """Change the figures of one generated document in place (for cache tests)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(vary(text, seed, f"changed:{path.name}"), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, help="number of documents")
    p.add_argument("outdir", type=Path)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    paths = make_corpus(args.n, args.outdir, args.seed)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    print(f"{len(paths)} documents, {chars:,} characters → {args.outdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
