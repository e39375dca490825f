"""Check every internal link and anchor of a built site; list external links, fetch none."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK_ATTRS = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
}
EXTERNAL_SCHEMES = ("http", "https", "mailto")


# A regular expression over tags rather than html.parser: six times faster on MkDocs'
# output, which checks of large sites need, and identical on it (tested against the
# parser). Attribute values may be double-, single- or unquoted.
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*)?>")
_ATTR = re.compile(r"""([a-zA-Z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, text: str) -> _Page:
        page = cls()
        for tag, attributes in _TAG.findall(text):
            # Most tags carry none of the attributes that matter: skip parsing theirs.
            lowered = attributes.lower()
            if not ("id" in lowered or "href" in lowered or "src" in lowered or "name" in lowered):
                continue
            tag = tag.lower()
            for name, double, single, bare in _ATTR.findall(attributes):
                value = html.unescape(double or single or bare)
                name = name.lower()
                if name == "id" or (tag == "a" and name == "name"):
                    page.ids.add(value)
                elif (tag, name) in _LINK_ATTRS:
                    page.links.append(value)
        return page


@dataclass
class LinkReport:
    pages: int = 0
    internal: int = 0
    broken: list[str] = field(default_factory=list)
    external: set[str] = field(default_factory=set)


class SiteChecker:
    def __init__(self, site: Path, site_url: str = "") -> None:
        self.site = site
        # Absolute links (the 404 page has them) start with the path the site is served at.
        self.base = urlsplit(site_url).path.rstrip("/") + "/"
        self._pages: dict[str, _Page | None] = {}

    def page(self, path: str) -> _Page | None:
        if path not in self._pages:
            file = self.site / path
            text = file.read_text("utf-8", errors="replace") if file.is_file() else None
            self._pages[path] = _Page.parse(text) if text is not None else None
        return self._pages[path]

    def run(self) -> LinkReport:
        report = LinkReport()
        for file in sorted(self.site.rglob("*.html")):
            source = file.relative_to(self.site).as_posix()
            current = self.page(source)
            report.pages += 1
            for link in current.links if current else []:
                problem = self.check(link, source, report)
                if problem:
                    report.broken.append(f"{source}: {link}: {problem}")
        return report

    def check(self, link: str, source: str, report: LinkReport) -> str:
        """Why ``link`` on page ``source`` is broken, or "" when it resolves."""
        parts = urlsplit(link)
        if parts.scheme in EXTERNAL_SCHEMES:
            report.external.add(link)
            return ""
        if parts.scheme or parts.netloc:
            return f"scheme {parts.scheme or '//'} is not allowed"
        report.internal += 1
        path = unquote(parts.path)
        if path.startswith("/"):
            if not path.startswith(self.base):
                return f"absolute link outside the site's base path {self.base}"
            path, source = path[len(self.base) :] or ".", "index.html"
        target = self._target(path, source)
        if target is None:
            return "leads outside the site"
        if not target.endswith(".html"):
            return "" if (self.site / target).is_file() else "file not found"
        found = self.page(target)
        if found is None:
            return "page not found"
        # A text fragment (#p3:~:text=…) is the browser's; only the anchor before it is ours.
        anchor = unquote(parts.fragment).split(":~:", 1)[0]
        if anchor and anchor not in found.ids:
            return f"anchor #{anchor} not found"
        return ""

    @staticmethod
    def _target(path: str, source: str) -> str | None:
        if not path:
            return source
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
        if joined == ".." or joined.startswith("../"):
            return None
        if path.endswith("/") or joined == ".":
            return "index.html" if joined == "." else f"{joined}/index.html"
        return joined


def check_site(site: Path, site_url: str = "") -> LinkReport:
    return SiteChecker(site, site_url).run()
