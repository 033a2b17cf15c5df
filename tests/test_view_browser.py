"""The network page in a real browser: draws, searches, hovers, fetches nothing, runs no names.

Drives Debian's /usr/bin/chromium headless through Playwright's sync API. Every
request that is not file:// is aborted and recorded; the page must make none.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from kg.view import render_network
from test_view import MALICIOUS_LABEL, SMALL_ENTITY_COUNT, make_much_read_graph, make_small_graph, make_synthetic_graph

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Watched:
    """A page with its network requests, console errors and dialogs recorded."""

    def __init__(self, browser, bypass_csp: bool = False) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("dialog", self._dialog)

    def _route(self, route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path, timeout_ms: int = 30_000) -> float:
        """Load the page and wait for it to say it is ready; return seconds taken."""
        start = time.perf_counter()
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-state=ready]", state="attached", timeout=timeout_ms)
        return time.perf_counter() - start

    def pwned(self) -> bool:
        return self.page.evaluate("() => window.__kgPwned !== undefined")


@pytest.fixture(scope="module")
def small_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "network.html"
    render_network(make_small_graph(), out)
    return out


@pytest.fixture()
def watched(browser):
    w = Watched(browser)
    yield w
    w.context.close()


@pytest.fixture(params=[False, True], ids=["csp", "csp-bypassed"])
def watched_either(browser, request):
    """With the page's CSP, and without it: escaping must hold even if the CSP were lost."""
    w = Watched(browser, bypass_csp=request.param)
    yield w
    w.context.close()


def test_small_page_draws_one_node_per_entity_without_network(watched, small_page):
    watched.open(small_page)
    ids = watched.page.evaluate("() => kgView.nodes.getIds()")
    drawn = watched.page.evaluate("() => Object.keys(kgView.network.getPositions()).length")
    labels = watched.page.evaluate("() => kgView.nodes.get().map(n => n.label)")
    assert len(ids) == SMALL_ENTITY_COUNT == drawn
    assert MALICIOUS_LABEL in labels
    # tooltips are DOM elements, never HTML strings
    assert watched.page.evaluate("() => kgView.nodes.get().every(n => n.title instanceof HTMLElement)")
    assert watched.page.evaluate("() => kgView.edges.get().every(e => e.title instanceof HTMLElement)")
    # physics stopped once stable
    assert watched.page.evaluate("() => kgView.network.physics.physicsEnabled") is False
    assert watched.requests == []
    assert watched.errors == []


def test_hovering_every_node_and_edge_runs_nothing(watched_either, small_page):
    watched = watched_either
    watched.open(small_page)
    page = watched.page
    box = page.locator("#kg-network canvas").bounding_box()
    points = page.evaluate("""() => {
        const net = kgView.network, out = [];
        for (const [id, p] of Object.entries(net.getPositions())) {
            const d = net.canvasToDOM(p); out.push({id: id, x: d.x, y: d.y});
        }
        return out;
    }""")
    shown = []
    for pt in points:
        page.mouse.move(box["x"] + pt["x"], box["y"] + pt["y"])
        page.wait_for_selector("div.vis-tooltip", state="visible", timeout=3000)
        shown.append(page.locator("div.vis-tooltip").inner_text())
        page.mouse.move(box["x"] + 2, box["y"] + 2)
    assert any(MALICIOUS_LABEL in text for text in shown)   # shown as text, not parsed
    assert page.locator("div.vis-tooltip img, div.vis-tooltip svg, div.vis-tooltip script").count() == 0
    # the edge from the bureau to the malicious entity: its evidence quote holds payloads
    mid = page.evaluate("""() => {
        const net = kgView.network;
        const e = kgView.edges.get().find(e => e.title.textContent.includes('window.__kgPwned'));
        const a = net.getPosition(e.from), b = net.getPosition(e.to);
        return net.canvasToDOM({x: (2 * a.x + b.x) / 3, y: (2 * a.y + b.y) / 3});
    }""")
    page.mouse.move(box["x"] + mid["x"], box["y"] + mid["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=3000)
    assert "window.__kgPwned" in page.locator("div.vis-tooltip").inner_text()
    page.wait_for_timeout(100)
    assert watched.dialogs == []
    assert not watched.pwned()
    assert watched.errors == [] and watched.requests == []


def test_search_selects_by_label_and_alias(watched, small_page):
    watched.open(small_page)
    page = watched.page
    want = page.evaluate("() => kgView.data.nodes.find(n => n.label === '清华大学').id")
    page.fill("#kg-search", "清华")
    page.press("#kg-search", "Enter")
    assert page.evaluate("() => kgView.network.getSelectedNodes()") == [want]
    assert "清华大学" in page.locator("#kg-status").inner_text()
    assert "清华大学" in page.locator("#kg-details").inner_text()
    page.fill("#kg-search", "没有这个")
    page.press("#kg-search", "Enter")
    assert "未找到" in page.locator("#kg-status").inner_text()
    # searching the payload finds it as text and runs nothing
    page.fill("#kg-search", "<img src=x")
    page.press("#kg-search", "Enter")
    assert len(page.evaluate("() => kgView.network.getSelectedNodes()")) == 1
    assert not watched.pwned() and watched.dialogs == [] and watched.errors == []


def test_filters_hide_types_and_predicates(watched, small_page):
    watched.open(small_page)
    page = watched.page
    page.locator("input[data-type=Enterprise]").uncheck()
    drawn = page.evaluate("() => Object.keys(kgView.network.getPositions()).length")
    assert drawn == SMALL_ENTITY_COUNT - 2
    # the four relations of the two enterprises leave with them, and the counts say so
    assert page.evaluate("() => kgView.edgeView.length") == 12 - 4
    assert page.locator("input[data-predicate=partnersWith] ~ .kg-count").inner_text() == "2"
    page.locator("input[data-predicate=partnersWith]").uncheck()
    edges = page.evaluate("() => kgView.network.body.data.edges.length")
    assert edges == 12 - 4 - 2   # the two partnersWith edges still drawn leave the edge view
    assert page.locator("input[data-type=Enterprise] ~ .kg-count").inner_text() == "2"
    page.click("#kg-reset")
    assert page.evaluate("() => Object.keys(kgView.network.getPositions()).length") == SMALL_ENTITY_COUNT
    assert watched.errors == []


def test_two_thousand_nodes_open_interactive(watched, tmp_path):
    out = tmp_path / "big.html"
    render_network(make_synthetic_graph(2000), out)
    seconds = watched.open(out, timeout_ms=30_000)
    page = watched.page
    assert page.evaluate("() => kgView.nodes.length") == 2000
    assert page.evaluate("() => kgView.network.physics.physicsEnabled") is False
    page.fill("#kg-search", "别名01234")
    page.press("#kg-search", "Enter")
    sel = page.evaluate("() => kgView.network.getSelectedNodes().map(id => kgView.data.nodes[id].label)")
    assert sel and sel[0].endswith("01234")
    assert watched.requests == [] and watched.errors == []
    assert seconds < 15, f"2,000-node page took {seconds:.1f} s to become interactive"


def test_an_edge_tooltip_counts_the_passages_it_does_not_quote(watched, tmp_path):
    out = tmp_path / "much.html"
    render_network(make_much_read_graph(), out)
    watched.open(out)
    tips = watched.page.evaluate("() => kgView.edges.get().map(e => e.title.textContent)")
    assert len(tips) == 1
    assert "加强与清华大学等高校合作" in tips[0] and "与清华大学签订合作协议" in tips[0]
    assert "另有 3 处 / 3 more" in tips[0]
    assert watched.errors == [] and watched.requests == []


# --- a corpus: 5,000 entities, 10,000 relations, 40 reports ---------------------------

@pytest.fixture(scope="module")
def corpus_page(tmp_path_factory):
    """The corpus page and its data as written (what the assertions are computed from)."""
    from test_view import make_corpus_data, page_data

    out = tmp_path_factory.mktemp("corpus") / "network.html"
    report = render_network(make_corpus_data(5000, 10000), out)
    return out, report, page_data(out.read_text(encoding="utf-8"))


def drawn_ids(page) -> set[int]:
    """The ids in the DataView vis draws from."""
    return set(page.evaluate("() => kgView.nodeView.getIds()"))


def test_a_corpus_opens_on_its_connected_core_within_five_seconds(watched, corpus_page):
    path, report, data = corpus_page
    assert report["nodes"] == 5000 and report["edges"] == 10000 and report["isolated_hidden"]
    watched.open(path, timeout_ms=60_000)
    page = watched.page
    ready_ms = page.evaluate("() => kgView.readyAt")   # since navigation start, first frame drawn
    core = {n["id"] for n in data["nodes"] if not n.get("isolated")}
    assert 0 < report["isolated"] == 5000 - len(core)
    assert drawn_ids(page) == core
    assert len(page.evaluate("() => kgView.network.getPositions()")) == len(core)
    # the view is fitted to the core: every drawn node is inside the canvas
    inside = page.evaluate("""() => {
        const net = kgView.network, box = net.canvas.frame.canvas.getBoundingClientRect();
        return Object.values(net.getPositions()).every(p => {
            const d = net.canvasToDOM(p); return d.x >= -1 && d.y >= -1 && d.x <= box.width + 1 && d.y <= box.height + 1; });
    }""")
    assert inside
    # hub labels are drawn readable at this zoom; the others would be too small, so vis skips them
    hubs = page.evaluate("() => kgView.hubLabels()")
    assert len(hubs) == sum(1 for n in data["nodes"] if n.get("hub")) >= 20
    assert all(h["px"] >= 12 for h in hubs)
    assert page.evaluate("() => 13 * kgView.network.getScale()") < 6
    page.evaluate("() => kgView.network.moveTo({scale: 1.2})")
    assert page.evaluate("() => 13 * kgView.network.getScale()") >= 6      # all labels drawn from here
    iso = page.locator("#kg-isolated label").inner_text()
    assert str(report["isolated"]) in iso
    assert watched.requests == [] and watched.errors == []
    assert ready_ms < 5000, f"5,000-entity page took {ready_ms:.0f} ms to its first frame"


def test_the_isolated_toggle_shows_and_hides_them(watched, corpus_page):
    path, report, data = corpus_page
    watched.open(path, timeout_ms=60_000)
    page = watched.page
    box = page.locator("input[data-isolated]")
    assert not box.is_checked()
    box.check()
    assert drawn_ids(page) == {n["id"] for n in data["nodes"]}
    assert page.locator("#kg-stats").inner_text().startswith("5000 / 5000")
    box.uncheck()
    assert len(drawn_ids(page)) == 5000 - report["isolated"]
    assert watched.errors == []


def expected_by_documents(data: dict, docs: set[int]) -> set[int]:
    """The non-isolated entities mentioned in any of `docs`: what the document filter keeps."""
    return {n["id"] for n in data["nodes"] if not n.get("isolated") and docs.intersection(n["docs"])}


def test_document_year_and_narrator_filters_with_live_counts(watched, corpus_page):
    path, _, data = corpus_page
    watched.open(path, timeout_ms=60_000)
    page = watched.page
    docs = data["documents"]
    # one report only
    page.click("button[data-none=doc]")
    assert drawn_ids(page) == set()
    page.locator("input[data-doc='3']").check()
    want = expected_by_documents(data, {3})
    assert drawn_ids(page) == want and want
    counts = page.evaluate("() => kgView.counts")
    assert sum(counts["type"].values()) == len(want)
    assert counts["doc"]["3"] == len(want)
    # the other documents' counts say what ticking them would add: their own entities
    assert counts["doc"]["4"] == len(expected_by_documents(data, {4}))
    row = page.locator("input[data-doc='3'] ~ .kg-count").inner_text()
    assert row == str(len(want))
    # drawn edges join drawn entities and were read from the chosen report
    edges = page.evaluate("() => kgView.edgeView.get().map(e => e.id)")
    by_id = {e["id"]: e for e in data["edges"]}
    assert edges and all(by_id[e]["from"] in want and by_id[e]["to"] in want and 3 in by_id[e]["docs"]
                         for e in edges)
    page.click("button[data-all=doc]")
    # by year: hide one year, and the entities read only in that year's reports go
    year = docs[0]["year"]
    page.locator(f"input[data-year='{year}']").uncheck()
    other_years = {i for i, d in enumerate(docs) if d["year"] != year}
    assert drawn_ids(page) == expected_by_documents(data, other_years)
    page.locator(f"input[data-year='{year}']").check()
    # by narrator: keep one bureau's reports
    narrator = docs[0]["narrators"][0]
    page.click("button[data-none=narrator]")
    page.locator(f"input[data-narrator='{narrator}']").check()
    theirs = {i for i, d in enumerate(docs) if narrator in d["narrators"]}
    assert drawn_ids(page) == expected_by_documents(data, theirs)
    # a type filter on top, and its count
    page.locator("input[data-type=Enterprise]").uncheck()
    left = expected_by_documents(data, theirs) - {n["id"] for n in data["nodes"] if n["type"] == "Enterprise"}
    assert drawn_ids(page) == left
    counts = page.evaluate("() => kgView.counts")
    assert counts["type"]["Enterprise"] == len(expected_by_documents(data, theirs)) - len(left)
    page.click("#kg-reset")
    assert len(drawn_ids(page)) == sum(1 for n in data["nodes"] if not n.get("isolated"))
    assert watched.errors == []


def test_search_lists_every_match_and_selection_lists_relations(watched, corpus_page):
    path, _, data = corpus_page
    watched.open(path, timeout_ms=60_000)
    page = watched.page
    page.fill("#kg-search", "别名0123")
    page.press("#kg-search", "Enter")
    items = page.locator("#kg-results li button")
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    matching = sorted(n["id"] for n in data["nodes"] if any(a.startswith("别名0123") for a in n["aliases"]))
    assert items.count() == len(matching) == 10
    assert sorted(int(items.nth(i).get_attribute("data-node")) for i in range(10)) == matching
    # pick one that has relations
    pick = next(i for i in range(10) if data["nodes"][int(items.nth(i).get_attribute("data-node"))]["degree"] > 0)
    node_id = int(items.nth(pick).get_attribute("data-node"))
    items.nth(pick).click()
    assert page.evaluate("() => kgView.network.getSelectedNodes()") == [node_id]
    mine = [e for e in data["edges"] if node_id in (e["from"], e["to"])]
    hood = {node_id} | {e["from"] for e in mine} | {e["to"] for e in mine}
    assert set(page.evaluate("() => kgView.neighbourhood()")) == hood
    details = page.locator("#kg-details")
    assert details.locator(".kg-relations > li").count() == len(mine)
    text = details.inner_text()
    for e in mine:
        other = e["to"] if e["from"] == node_id else e["from"]
        assert labels[other] in text
        assert e["evidence"][0]["quote"] in text and e["evidence"][0]["document"] in text
    query = page.locator(".kg-sparql").input_value()
    iri = data["nodes"][node_id]["iri"]
    assert "kgr:" + iri[4:].replace("/", "\\/") in query and "SELECT" in query
    assert watched.errors == []


def test_community_colouring_and_folding(watched, corpus_page):
    path, _, data = corpus_page
    watched.open(path, timeout_ms=60_000)
    page = watched.page
    communities = data["communities"]
    assert len(communities) > 1 and communities[0]["size"] >= communities[1]["size"]
    page.locator("input[name=kg-colour][value=community]").check()
    colours = page.evaluate("() => Object.fromEntries(kgView.nodes.get().map(n => [n.id, n.color.background]))")
    for n in data["nodes"]:
        c = n.get("community")
        want = communities[c]["color"] if c is not None else "#c7c7c7"
        assert colours[str(n["id"])] == want
    assert len({communities[c]["color"] for c in range(min(12, len(communities)))}) == min(12, len(communities))
    page.locator("input[name=kg-colour][value=type]").check()
    firm = next(n for n in data["nodes"] if n["type"] == "Enterprise")
    assert page.evaluate(f"() => kgView.nodes.get({firm['id']}).color.background") == data["vocab"]["types"]["Enterprise"]["color"]
    # fold into clusters, then open one with a click
    page.click("#kg-fold")
    big = [c for c in communities if c["size"] >= 4]
    assert page.evaluate("(n) => Array.from({length: n}, (_, i) => kgView.isFolded('community-' + i))",
                         len(big)) == [True] * len(big)
    drawn = page.evaluate("() => Object.keys(kgView.network.getPositions()).length")
    assert drawn < 1000
    box = page.locator("#kg-network canvas").bounding_box()
    page.evaluate("() => kgView.network.moveTo({position: kgView.network.getPosition('community-0'), scale: 1})")
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.evaluate("() => kgView.isFolded('community-0')") is False
    members = [n["id"] for n in data["nodes"] if n.get("community") == 0]
    positions = page.evaluate("() => kgView.network.getPositions()")
    assert all(str(m) in positions for m in members)
    assert watched.errors == []


def test_corpus_names_stay_text(watched, corpus_page):
    path, _, data = corpus_page
    watched.open(path, timeout_ms=60_000)
    page = watched.page
    assert "<img src=x" in page.locator("#kg-docs").inner_text()
    page.fill("#kg-search", "<script>")
    page.press("#kg-search", "Enter")
    assert MALICIOUS_LABEL in page.locator("#kg-results").inner_text()
    assert page.locator("aside img, aside svg, aside script").count() == 0
    assert not watched.pwned() and watched.dialogs == [] and watched.errors == []


def test_the_copied_query_returns_the_facts_the_panel_lists(watched, tmp_path):
    """The page's SPARQL for a selected entity, run by `kg query`'s engine on the build's
    graph, gives the relations (with their sentences and documents) and figures listed."""
    from test_view import TRICKY_REPORT, page_data

    from kg.build import build
    from kg.store import open_store, run_query

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "tricky.txt").write_text(TRICKY_REPORT, encoding="utf-8")
    out = tmp_path / "out"
    build([tmp_path / "in"], out, jobs=1, quiet=True)
    page_path = out / "network.html"
    data = page_data(page_path.read_text(encoding="utf-8"))
    watched.open(page_path)
    page = watched.page
    bureau = next(n for n in data["nodes"] if n["label"] == "运城市科学技术局")
    page.fill("#kg-search", "运城市科学技术局")
    page.press("#kg-search", "Enter")
    query = page.locator(".kg-sparql").input_value()
    assert query == page.evaluate(f"() => kgView.sparqlFor(kgView.data.nodes[{bureau['id']}])")
    page.click("#kg-copy")
    page.wait_for_function("() => document.getElementById('kg-status').textContent.includes('copied')")

    rows = list(run_query(open_store(out), query))
    value = lambda term: term.value if term is not None else None   # noqa: E731
    found = {(value(r["kind"]), value(r["fact"]), value(r["other"]), value(r["quote"])) for r in rows}
    listed = set()
    for e in data["edges"]:
        if bureau["id"] in (e["from"], e["to"]):
            outward = e["from"] == bureau["id"]
            other = data["nodes"][e["to"] if outward else e["from"]]["label"]
            for ev in e["evidence"]:
                listed.add(("→" if outward else "←", e["predicate"], other, ev["quote"]))
    assert listed and listed <= found
    assert {f for f in found if f[0] != "figure"} == listed
    figures = {f for f in found if f[0] == "figure"}
    assert len(figures) == len(bureau["figureSources"]) >= len(bureau["figures"]) > 0
    # the panel quotes each figure's sentence, as the query does
    panel = page.locator("#kg-details .kg-figures").inner_text()
    assert all(src["quote"] in panel and src["figure"] in panel for src in bureau["figureSources"])
    assert {f[3] for f in figures} == {src["quote"] for src in bureau["figureSources"]}
    assert all(r["document"].value == "tricky.txt" for r in rows)
    assert watched.errors == [] and watched.requests == []
