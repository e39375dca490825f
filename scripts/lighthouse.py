"""Google Lighthouse scores of a built site, served with gzip as GitHub Pages serves it.

    python scripts/lighthouse.py [--site site] [--out FILE] [--runs N] [PAGE ...]

Serves the site folder on a free port of 127.0.0.1, compressing HTML, CSS, JavaScript,
JSON, SVG and XML with gzip when the browser accepts it (GitHub Pages does; its
``Cache-Control: max-age=600`` is sent too), and runs Lighthouse's default mobile preset
(a mid-range phone, simulated slow 4G) with Debian's Chromium on each page: by default the
home page, the first country page and the first initiative page. Prints each page's four
scores (performance, accessibility, best practices, SEO; the median of ``--runs`` for
performance, which varies from run to run) and the performance audits that cost points.

Lighthouse comes from npm (``npx``, a pinned version); it is a report, not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

# A pinned version (13.x needs a newer Node than Debian's); LIGHTHOUSE=command overrides it.
LIGHTHOUSE = shlex.split(os.environ.get("LIGHTHOUSE", "npx --yes lighthouse@12.8.2"))
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed as GitHub Pages compresses text, over connections kept
    open (Pages serves HTTP/2: one connection for all of a page's files; Python's server
    speaks HTTP/1.0 by default, a new connection per file, each costing Lighthouse's
    simulated phone a round trip of its slow network)."""

    protocol_version = "HTTP/1.1"

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not path.name.endswith(COMPRESSED) or not accepts:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        import io

        return io.BytesIO(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    handler = functools.partial(GzipHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def default_pages(site: Path) -> list[str]:
    pages = ["/"]
    for folder in ("countries", "initiatives"):
        entries = sorted(p.parent.name for p in (site / folder).glob("*/index.html"))
        if entries:
            pages.append(f"/{folder}/{entries[0]}/")
    return pages


def lighthouse(url: str, work: Path) -> dict[str, Any]:
    out = work / "report.json"
    command = [*LIGHTHOUSE, url, "--output=json", f"--output-path={out}", "--quiet"]
    command += [f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode or not out.is_file():
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    report: dict[str, Any] = json.loads(out.read_text("utf-8"))
    return report


def costs(report: dict[str, Any]) -> list[str]:
    """The performance audits that lose points, with what they say they would save."""
    found = []
    for ref in report["categories"]["performance"]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        score = audit.get("score")
        if ref.get("weight", 0) == 0 and audit.get("details", {}).get("type") != "opportunity":
            continue
        if score is None or score >= 0.9:
            continue
        found.append(f"{audit['title']}: {audit.get('displayValue', '')} (score {score:.2f})")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/lighthouse.py", description=__doc__)
    parser.add_argument(
        "pages", nargs="*", help="paths on the site (default: home, a country, an initiative)"
    )
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--runs", type=int, default=3, help="runs per page (default 3)")
    parser.add_argument("--out", type=Path, help="also write the report (Markdown) here")
    args = parser.parse_args(argv)
    site: Path = args.site.resolve()
    if not (site / "index.html").is_file():
        print(f"{site}: no built site (run make site first)", file=sys.stderr)
        return 1
    if shutil.which(LIGHTHOUSE[0]) is None:
        print("npx (Node.js) is needed to run Lighthouse", file=sys.stderr)
        return 1
    pages = args.pages or default_pages(site)
    lines = [
        "| page | performance | accessibility | best practices | SEO |",
        "|---|---|---|---|---|",
    ]
    notes = []
    with served(site) as base, tempfile.TemporaryDirectory() as work:
        for page in pages:
            reports = [lighthouse(base + page, Path(work)) for _ in range(args.runs)]
            scores = {
                c: statistics.median(100 * (r["categories"][c]["score"] or 0) for r in reports)
                for c in CATEGORIES
            }
            performance = sorted(
                100 * (r["categories"]["performance"]["score"] or 0) for r in reports
            )
            spread = f" ({performance[0]:.0f}–{performance[-1]:.0f})" if len(reports) > 1 else ""
            cells = [f"{scores['performance']:.0f}{spread}"]
            cells += [f"{scores[c]:.0f}" for c in CATEGORIES[1:]]
            lines.append(f"| {page} | " + " | ".join(cells) + " |")
            middle = sorted(reports, key=lambda r: r["categories"]["performance"]["score"] or 0)
            typical = middle[len(middle) // 2]
            lcp = typical["audits"]["largest-contentful-paint"]["displayValue"]
            notes.append(f"{page}: largest contentful paint {lcp}; " + "; ".join(costs(typical)))
            print(lines[-1], flush=True)
    text = "\n".join([*lines, "", *(f"- {note}" for note in notes), ""])
    print("\n" + text)
    if args.out:
        args.out.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
