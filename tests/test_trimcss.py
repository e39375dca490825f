"""Stylesheet rules that nothing in the site can match are left out (builder/trimcss.py)."""

from __future__ import annotations

from pathlib import Path

from builder.trimcss import Classes, trim, trim_site

PAGE = "<p class=\"kept also\">x</p><svg><g class='drawn'></g></svg>"
SCRIPT = 'e.classList.add("md-dialog--active");x=`md-tag--${t}`'


def classes() -> Classes:
    return Classes([PAGE], [SCRIPT])


def test_a_rule_needing_an_absent_class_goes_and_the_others_stay_as_written() -> None:
    css = ".kept{color:red}.gone{color:blue}.kept .also>a{margin:0}.kept.gone{x:y}"
    assert trim(css, classes()) == ".kept{color:red}.kept .also>a{margin:0}"


def test_a_selector_list_keeps_the_selectors_that_may_match() -> None:
    assert trim(".gone,.kept,p .none{a:b}", classes()) == ".kept{a:b}"


def test_classes_a_script_adds_or_builds_from_a_prefix_are_kept() -> None:
    css = ".md-dialog--active{a:b}.md-tag--blue{c:d}.md-dialog--other{e:f}"
    assert trim(css, classes()) == ".md-dialog--active{a:b}.md-tag--blue{c:d}"


def test_classes_inside_parentheses_are_not_judged() -> None:
    css = "a:not(.gone){a:b}:is(.gone,.kept) p{c:d}.drawn:where(.none){e:f}"
    assert trim(css, classes()) == css


def test_an_emptied_media_block_goes_and_other_at_rules_stay() -> None:
    css = (
        "@media screen{.gone{a:b}}@media print{.kept{c:d}.gone{e:f}}"
        "@keyframes spin{0%{x:y}to{x:z}}@font-face{font-family:a}:root{--c:1}"
    )
    assert trim(css, classes()) == (
        "@media print{.kept{c:d}}@keyframes spin{0%{x:y}to{x:z}}@font-face{font-family:a}"
        ":root{--c:1}"
    )


def test_braces_and_commas_in_strings_and_attributes_do_not_split_rules() -> None:
    css = '.kept:after{content:"}{,"}[data-x="a,b"] .gone{a:b}[data-y="{"]{c:d}'
    assert trim(css, classes()) == '.kept:after{content:"}{,"}[data-y="{"]{c:d}'


def test_a_site_is_trimmed_in_place_from_its_own_pages_and_scripts(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "app.js").write_text(SCRIPT)
    sheet = tmp_path / "assets" / "main.css"
    sheet.parent.mkdir()
    sheet.write_text(".kept{a:b}.gone{c:d}.md-dialog--active{e:f}")
    before, after = trim_site(tmp_path)
    assert sheet.read_text() == ".kept{a:b}.md-dialog--active{e:f}"
    assert (before, after) == (43, 33)
