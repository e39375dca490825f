"""Which pages may share one rendering of the navigation sidebar (builder/mkdocs_hook.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from builder.mkdocs_hook import SharedSidebar

NAV = SimpleNamespace(
    pages=[SimpleNamespace(url=url) for url in ("", "brief/", "countries/", "initiatives/")]
)


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("countries/nordmark/", "countries/*"),  # directory URLs: links relative to it
        ("countries/sudland/", "countries/*"),
        ("initiatives/hub/", "initiatives/*"),
        ("countries/nordmark.html", "countries"),  # file URLs: relative to its folder
        ("notes/", "*"),
        ("404.html", ""),
        ("brief/", None),  # in the navigation: its own entry is marked current
        ("countries/", None),
    ],
)
def test_pages_outside_the_navigation_share_by_folder(url: str, key: str | None) -> None:
    assert SharedSidebar.key(SimpleNamespace(url=url), NAV) == key


def test_a_page_with_navigation_links_inside_its_folder_keeps_its_own() -> None:
    nav = SimpleNamespace(pages=[*NAV.pages, SimpleNamespace(url="people/ada/notes/")])
    assert SharedSidebar.key(SimpleNamespace(url="people/ada/"), nav) is None
    assert SharedSidebar.key(SimpleNamespace(url="people/bob/"), nav) == "people/*"


def test_each_folder_is_rendered_once() -> None:
    sidebar = SharedSidebar()
    calls: list[str] = []

    def render(text: str) -> str:
        calls.append(text)
        return text

    page = SimpleNamespace
    first = sidebar(page(url="countries/a/"), NAV, caller=lambda: render("countries"))
    again = sidebar(page(url="countries/b/"), NAV, caller=lambda: render("other"))
    own = sidebar(page(url="brief/"), NAV, caller=lambda: render("brief"))
    assert (first, again, own) == ("countries", "countries", "brief")
    assert calls == ["countries", "brief"]
