"""Screenshot a kejigraph network page (for the docs, or to eyeball a build).

Opens the page in headless Chromium through Playwright, with every non-file
request refused (the page must not need the network), waits until the page says
it is ready (layout stabilised and drawn), and saves a PNG.

    .venv/bin/python scripts/screenshot.py output/network.html            # -> docs/network.png
    .venv/bin/python scripts/screenshot.py output/view.html shot.png --search 清华大学
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    """Debian's chromium, else whatever `chromium` is on PATH; None lets Playwright use its own."""
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def screenshot(page_path: Path, png: Path, *, width: int = 1400, height: int = 900,
               search: str | None = None, timeout_ms: int = 60_000) -> dict:
    """Save a PNG of the page once ready; return what was blocked and logged, for the caller to report."""
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    errors: list[str] = []
    png.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                       else (blocked.append(route.request.url), route.abort()))
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(page_path.resolve().as_uri())
            page.wait_for_selector("body[data-state=ready]", state="attached", timeout=timeout_ms)
            if search:
                page.fill("#kg-search", search)
                page.press("#kg-search", "Enter")
                page.wait_for_timeout(700)   # the focus animation
            page.wait_for_timeout(200)
            page.screenshot(path=str(png))
        finally:
            browser.close()
    return {"png": str(png), "blocked": blocked, "errors": errors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", type=Path, help="network.html or view.html")
    parser.add_argument("png", type=Path, nargs="?", default=Path("docs/network.png"),
                        help="PNG to write (default: docs/network.png)")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--search", metavar="NAME", help="search this name first (selects and zooms to it)")
    args = parser.parse_args(argv)
    if not args.page.is_file():
        print(f"screenshot: no page at {args.page}", file=sys.stderr)
        return 2
    result = screenshot(args.page, args.png, width=args.width, height=args.height, search=args.search)
    print(f"wrote {result['png']}")
    for url in result["blocked"]:
        print(f"blocked network request: {url}", file=sys.stderr)
    for err in result["errors"]:
        print(f"console error: {err}", file=sys.stderr)
    return 1 if result["blocked"] or result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
