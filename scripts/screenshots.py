"""Screenshots of the home, a country and an initiative page, and of a source reached by
a citation (its quote picked out), at desktop and phone widths.

    .venv/bin/python scripts/screenshots.py [--out screenshots] [--site SITE_DIR]

Builds the real site into a temporary folder (never into docs/ or site/) unless --site
names an already built one, serves it on 127.0.0.1, and photographs each page's first
screen with Debian's Chromium, in the light scheme. Prints the paths it wrote.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from any folder
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, ViewportSize, sync_playwright  # noqa: E402

from builder.kinds import COUNTRIES, INITIATIVES  # noqa: E402
from builder.load import load  # noqa: E402
from builder.validate import validate  # noqa: E402
from tests.browser.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    build_site,
    chromium_missing_message,
    serve,
    site_page,
)

WIDTHS: dict[str, ViewportSize] = {
    "desktop": {"width": 1280, "height": 800},
    "mobile": {"width": 375, "height": 812},
}


def pages(site: Path, country: str, initiative: str) -> dict[str, str]:
    """Name of each screenshot -> the site path it shows."""
    initiative_page = site_page(site, "initiatives", initiative)
    return {
        "home": "/",
        "country": site_page(site, "countries", country),
        "initiative": initiative_page,
        "quote": first_quote_link(site, initiative_page),
    }


def chosen(data: Path) -> tuple[str, str]:
    """Which country and initiative to show, from the briefing itself: the participating
    country that put forward the most initiatives (its page has the most to show), and
    the first featured initiative; "" where the briefing has none (the first page then)."""
    briefing = validate(load(data))
    initiatives = briefing.of(INITIATIVES)
    countries = {c.id for c in briefing.of(COUNTRIES)}
    parties = [p.party for p in briefing.event.participants if p.party in countries]
    put_forward = Counter(key for i in initiatives for key in i.proposers if key in parties)
    country = max(parties, key=lambda key: put_forward[key], default="")
    featured = [i.id for i in initiatives if i.featured]
    return country, (featured or [i.id for i in initiatives] or [""])[0]


def first_quote_link(site: Path, page: str) -> str:
    """Where the page's first citation of a quote leads: a source page, at the quote."""
    html = (site / page.strip("/") / "index.html").read_text("utf-8")
    found = re.search(r'href="((?:\.\./)+sources/[a-z0-9-]+/)#(p\d+-q\d+)"', html)
    if found is None:
        raise RuntimeError(f"{page} cites no quote")
    source = posixpath.normpath(posixpath.join(page, found[1]))
    return f"{source}/#{found[2]}"


def photograph(
    browser: Browser, base: str, site: Path, out: Path, shown: dict[str, str]
) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for width_name, viewport in WIDTHS.items():
        mobile = width_name == "mobile"
        context = browser.new_context(
            viewport=viewport, color_scheme="light", is_mobile=mobile, has_touch=mobile
        )
        page = context.new_page()
        for name, path in shown.items():
            page.goto(base + path, wait_until="networkidle")
            target = out / f"{name}-{width_name}.png"
            page.screenshot(path=str(target), animations="disabled")
            written.append(target)
        context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--site", type=Path, help="an already built site folder to photograph")
    args = parser.parse_args(argv)
    missing = chromium_missing_message()
    if missing:
        print(f"screenshots: {missing}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="screenshots-") as temp:
        try:
            site = args.site.resolve() if args.site else build_site(Path(temp), ROOT / "data")
        except RuntimeError as error:
            print(f"screenshots: {error}", file=sys.stderr)
            return 1
        with serve(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                shown = pages(site, *chosen(ROOT / "data"))
                written = photograph(browser, base, site, args.out, shown)
            finally:
                browser.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
