"""How long a network page takes from load to interactive, in headless Chromium.

"Interactive" is the moment the page marks itself ready: for small graphs when
vis.js physics has stabilised and been switched off, for large ones (laid out
in Python beforehand) when the first frame is drawn (of the connected core: a
large page starts with its isolated entities hidden). Also timed: writing the
page (render_network), one search-and-select once ready, and, inside the page,
showing the isolated entities and colouring by community (each one pass of
vis over its DataSet).

    .venv/bin/python bench/view_bench.py                       # synthetic 300, 2,000; corpus 5,000/10,000
    .venv/bin/python bench/view_bench.py output/network.html   # plus a real page
    .venv/bin/python bench/view_bench.py --sizes 500,1000,2000 --corpus 5000x10000,2000x4000 --runs 5
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))   # the synthetic graph builder lives with the tests
sys.path.insert(0, str(ROOT / "scripts"))

from screenshot import CHROMIUM_ARGS, chromium_path  # noqa: E402


def synthetic_page(n: int, folder: Path) -> tuple[Path, float]:
    """A page for an n-entity synthetic graph, and the seconds render_network took."""
    from test_view import make_synthetic_graph

    from kg.view import render_network

    graph = make_synthetic_graph(n)
    out = folder / f"synthetic-{n}.html"
    start = time.perf_counter()
    render_network(graph, out)
    return out, time.perf_counter() - start


def corpus_page(spec: str, folder: Path) -> tuple[Path, float]:
    """A page for a generated corpus, "5000x10000" = 5,000 entities, 10,000 relations, 40 reports."""
    from test_view import make_corpus_data

    from kg.view import render_network

    entities, relations = (int(x) for x in spec.lower().split("x"))
    data = make_corpus_data(entities, relations)
    out = folder / f"corpus-{spec}.html"
    start = time.perf_counter()
    render_network(data, out)
    return out, time.perf_counter() - start


def measure(browser, page_path: Path, runs: int) -> dict:
    """Median timings over `runs` fresh loads (a new context each time: no warm cache)."""
    loads, readies, walls, searches, toggles, colourings = [], [], [], [], [], []
    info = {}
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        blocked = []
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                   else (blocked.append(r.request.url), r.abort()))
        start = time.perf_counter()
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector("body[data-state=ready]", state="attached", timeout=120_000)
        walls.append((time.perf_counter() - start) * 1000)
        timing = page.evaluate("""() => {
            const nav = performance.getEntriesByType('navigation')[0];
            return {dcl: nav.domContentLoadedEventEnd, ready: kgView.readyAt,
                    nodes: kgView.data.summary.shown, edges: kgView.data.summary.edges,
                    layout: kgView.data.layout};
        }""")
        loads.append(timing["dcl"])
        readies.append(timing["ready"])
        label = next((n["label"] for n in page.evaluate("() => kgView.data.nodes.slice(-1)")), "")
        t0 = time.perf_counter()
        page.fill("#kg-search", label)
        page.press("#kg-search", "Enter")
        page.wait_for_function("() => kgView.network.getSelectedNodes().length > 0")
        searches.append((time.perf_counter() - t0) * 1000)
        inside = page.evaluate("""() => {
            const t0 = performance.now(); kgView.setIsolatedVisible(true); kgView.setIsolatedVisible(false);
            const t1 = performance.now(); kgView.setColouring('community');
            const t2 = performance.now(); kgView.setColouring('type');
            return {toggle: (t1 - t0) / 2, colour: (performance.now() - t2 + t2 - t1) / 2};
        }""")
        toggles.append(inside["toggle"])
        colourings.append(inside["colour"])
        info = {k: timing[k] for k in ("nodes", "edges", "layout")}
        info["blocked"] = len(blocked)
        context.close()
    return {**info, "dcl_ms": statistics.median(loads), "ready_ms": statistics.median(readies),
            "wall_ms": statistics.median(walls), "search_ms": statistics.median(searches),
            "toggle_ms": statistics.median(toggles), "colour_ms": statistics.median(colourings),
            "mb": page_path.stat().st_size / 1e6}


def print_table(rows: list[dict]) -> None:
    head = ("page", "nodes", "edges", "layout", "MB", "write s", "DOM ready ms", "interactive ms",
            "goto→ready ms", "search ms", "isolated toggle ms", "colouring ms")
    lines = [head]
    for r in rows:
        lines.append((r["page"], str(r["nodes"]), str(r["edges"]), r["layout"], f"{r['mb']:.2f}",
                      f"{r['write_s']:.2f}" if r.get("write_s") is not None else "-",
                      f"{r['dcl_ms']:.0f}", f"{r['ready_ms']:.0f}", f"{r['wall_ms']:.0f}",
                      f"{r['search_ms']:.0f}", f"{r['toggle_ms']:.0f}", f"{r['colour_ms']:.0f}"))
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    for i, line in enumerate(lines):
        print("  ".join(c.rjust(w) if j else c.ljust(w) for j, (c, w) in enumerate(zip(line, widths))))
        if i == 0:
            print("  ".join("-" * w for w in widths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", type=Path, help="network pages to time as they are")
    parser.add_argument("--sizes", default="300,2000", help="synthetic graph sizes (default 300,2000; '' for none)")
    parser.add_argument("--corpus", default="5000x10000",
                        help="generated corpora, ENTITIESxRELATIONS, comma-separated (default 5000x10000; '' for none)")
    parser.add_argument("--runs", type=int, default=3, help="loads per page; the median is shown (default 3)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON instead of a table")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            targets = [(path.name, path, None) for path in args.pages]
            for size in (int(s) for s in args.sizes.split(",") if s.strip()):
                path, seconds = synthetic_page(size, Path(tmp))
                targets.append((f"synthetic {size}", path, seconds))
            for spec in (s for s in args.corpus.split(",") if s.strip()):
                path, seconds = corpus_page(spec.strip(), Path(tmp))
                targets.append((f"corpus {spec.strip()}", path, seconds))
            for name, path, write_s in targets:
                rows.append({"page": name, "write_s": write_s, **measure(browser, path, args.runs)})
        finally:
            browser.close()
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print_table(rows)
    return 1 if any(r["blocked"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
