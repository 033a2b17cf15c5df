"""One `kg.build.build(...)` call, its BuildReport printed as JSON (for bench/run.py).

    python bench/build_once.py CORPUS OUT [--cache DIR] [--jobs N]

The same work as `kg build CORPUS -o OUT --cache DIR --quiet --jobs N`, but the
caller also learns how many documents came from the cache (report.cache_hits).
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("corpus", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--cache", type=Path, help="cache folder (default: no cache)")
    p.add_argument("--jobs", type=int, default=1)
    args = p.parse_args(argv)

    from kg.build import build
    report = build([args.corpus], args.out, jobs=args.jobs, cache_dir=args.cache, quiet=True)
    data = asdict(report)
    data["warnings"] = len(data["warnings"])
    print(json.dumps(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
