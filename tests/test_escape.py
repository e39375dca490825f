"""Escaping: data text never becomes markup, and reads back exactly as written.

Checked on the HTML that Python-Markdown produces with the same extensions MkDocs uses
(the whole-site tests check MkDocs' own output too).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest
import yaml

from builder import escape
from builder.escape import html as html_escape
from builder.escape import md, safe_url

PROJECT = Path(__file__).resolve().parent.parent
# Unicode's bidirectional controls: embeddings and overrides, isolates, implicit marks.
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "text {: onclick=alert(1) }",
    "text\n{: #evil onclick=alert(1) }",
    "# heading",
    "line\n# heading",
    "a | b | c",
    "*[HTML]: Hyper",
    "!!! danger",
    "    indented code",
    "```\ncode\n```",
    "~~~",
    "===",
    "---",
    "1. item",
    "- item",
    "+ item",
    " + item",
    "> quote",
    "<div markdown>**x**</div>",
    "&lt;script&gt;",
    "&#60;b&#62;",
    "\\*not emphasis\\*",
    "[^1]",
    "<!-- comment -->",
    "x\x00y\x1bz",
    "Sarvenia’s “Quality Infrastructure” – 1,000 MW (2024)",
    "AT&T, R&D; &copy 2020 &amp &#38 a&b;c",
    "1.5 GW, 2025. COVID-19 U.S. -5",
    "12",
    ". after a number",
    "- - -",
    " -x",
    "admin\u202e\u2066gpj.exe\u2069\u200f\u061c",
]


def mkdocs_extensions() -> list[str]:
    # Only the extensions block: the rest of mkdocs.yml uses MkDocs' own tags (!ENV).
    text = (PROJECT / "mkdocs.yml").read_text()
    block = "markdown_extensions:" + text.split("\nmarkdown_extensions:", 1)[1].split("\nhooks:")[0]
    config = yaml.safe_load(block)
    names = []
    for entry in config["markdown_extensions"]:
        names.append(entry if isinstance(entry, str) else next(iter(entry)))
    return names


def render(text: str) -> str:
    return markdown.markdown(text, extensions=mkdocs_extensions())


def visible_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.mark.parametrize("value", ATTACKS)
@pytest.mark.parametrize("context", ["{}", "| {} | x |", "- {}", "Text before {} after.", "## {}"])
def test_data_never_becomes_markup(value: str, context: str) -> None:
    page = context.format(md(value))
    if context.startswith("|"):
        page = "| a | b |\n|---|---|\n" + page
    output = render(page)
    assert "<script" not in output
    assert "javascript:" not in re.sub(r">[^<]*<", "><", output), "only as text, never in markup"
    assert not re.search(r"<[a-z]+[^>]*\son[a-z]+=", output), "no event-handler attribute"
    assert "<a " not in output
    assert "<img" not in output
    assert "<mark" not in output
    assert "<h1" not in output
    assert "<pre" not in output
    assert "<blockquote" not in output


@pytest.mark.parametrize("value", ATTACKS)
def test_escaped_text_reads_back_exactly(value: str) -> None:
    # Control characters show as U+FFFD; whitespace runs fold to one space, as HTML shows them.
    expected = re.sub(
        r"\s+", " ", re.sub(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f{BIDI}]", "\ufffd", value)
    )
    output = render(f"Start: {md(value)}")
    assert visible_text(output) == f"Start: {expected}"


def test_table_cells_stay_in_their_column() -> None:
    output = render(f"| a | b |\n|---|---|\n| {md('x | y')} | z |\n")
    assert output.count("<td>") == 2
    assert "<td>x | y</td>" in html.unescape(output)


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://example.org/a?b=c", True),
        ("http://example.org", True),
        ("mailto:press@example.org", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("java%73cript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("vbscript:x", False),
        ("//evil.example/x", False),
        ('https://example.org/"onmouseover=x', False),
    ],
)
def test_only_web_and_mail_links(url: str, allowed: bool) -> None:
    assert (safe_url(url) is not None) == allowed


def test_whitespace_list_is_what_python_calls_whitespace() -> None:
    # md() folds whitespace with a fixed table; a new Unicode version could add spaces.
    every = {chr(code) for code in range(0x110000) if chr(code).isspace()}
    assert set(escape._WHITESPACE) == every


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a\x1cb", "a\ufffdb"),  # a control character that is also whitespace: U+FFFD wins
        ("a \t\u2003 b", "a b"),
        ("  +x", " \\+x"),
        ("x + y", "x + y"),
    ],
)
def test_control_characters_and_space_runs(value: str, expected: str) -> None:
    assert md(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("AT&T", "AT&T"),  # cannot start a character reference: left as written
        ("R&D; x", "R&amp;D; x"),  # "&D;" would be read as a reference
        ("a&b;c", "a&amp;b;c"),  # would be read as the reference '&b;'
        ("&#38;", "&amp;\\#38;"),
        ("COVID-19 and GTG-2", "COVID-19 and GTG-2"),
        ("-5", "\\-5"),
        (" - x", " \\- x"),
        ("U.S. e.g.", "U.S. e.g."),
        ("1. item", "1\\. item"),
        ("version 1.5", "version 1\\.5"),
        (". after", "\\. after"),
    ],
)
def test_only_what_could_mean_something_is_escaped(value: str, expected: str) -> None:
    assert md(value) == expected


def test_a_term_with_ampersand_dash_dot_or_any_script_gets_its_tooltip() -> None:
    for term in ["AT&T", "COVID-19", "U.S.A", "NM+SL", "R&D", "ЕС", "中国", "Ж&Д", "Ελλάδα"]:
        output = render(f"Text {md(term)}, more.\n\n*[{term}]: Expansion")
        assert f'<abbr title="Expansion">{html_escape(term)}</abbr>' in output, (term, output)


@pytest.mark.parametrize("control", list(BIDI))
def test_bidirectional_controls_never_reach_the_page(control: str) -> None:
    value = f"invoice{control}fdp.exe"
    assert control not in md(value)
    assert control not in html_escape(value)
    assert control not in render(f"# {md(value)}\n\n| {md(value)} |\n|---|\n")
