"""The link check of a built site: it must catch what MkDocs does not (raw HTML links)."""

from __future__ import annotations

from pathlib import Path

from builder.linkcheck import check_site


def page(root: Path, path: str, body: str) -> None:
    file = root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(f"<!doctype html><html><body>{body}</body></html>")


def test_broken_and_good_links_are_told_apart(tmp_path: Path) -> None:
    page(
        tmp_path,
        "index.html",
        '<a href="a/">a</a><a href="a/#p2">p2</a><a href="a/#p9">p9</a>'
        '<a href="missing/">m</a><a href="javascript:alert(1)">j</a><a href="#top">t</a>'
        '<a href="a/#p2:~:text=hello">fragment</a><a href="https://example.org/">x</a>'
        '<img src="logo.svg"><a id="top"></a>',
    )
    page(tmp_path, "a/index.html", '<p id="p2">hello</p><a href="../index.html">home</a>')
    report = check_site(tmp_path)
    assert sorted(report.broken) == [
        "index.html: a/#p9: anchor #p9 not found",
        "index.html: javascript:alert(1): scheme javascript is not allowed",
        "index.html: logo.svg: file not found",
        "index.html: missing/: page not found",
    ]
    assert report.external == {"https://example.org/"}
    assert report.pages == 2


def test_absolute_links_resolve_under_the_site_url(tmp_path: Path) -> None:
    page(tmp_path, "404.html", '<a href="/briefing/a/">a</a><a href="/elsewhere/">e</a>')
    page(tmp_path, "a/index.html", "")
    report = check_site(tmp_path, "https://example.github.io/briefing/")
    assert report.broken == [
        "404.html: /elsewhere/: absolute link outside the site's base path /briefing/"
    ]


def test_links_may_not_leave_the_site(tmp_path: Path) -> None:
    page(tmp_path, "index.html", '<a href="../../etc/passwd">x</a>')
    assert check_site(tmp_path).broken == ["index.html: ../../etc/passwd: leads outside the site"]
