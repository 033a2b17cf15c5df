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
