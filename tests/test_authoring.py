"""`quote` and `suggest`: what they propose passes the builder's own quote check, in the
source's own characters, and they say plainly when nothing can be quoted."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from builder import yamlsafe
from builder.authoring.quote import Picker, picker_for, yaml_quoted
from builder.authoring.suggest import render, suggest
from builder.index import Index
from builder.load import load
from builder.quotes import Location
from builder.validate import validate
from tests.conftest import BLOC_SUMMIT, TINY, run_builder


def copy_of(fixture: Path, tmp_path: Path) -> Path:
    shutil.copytree(fixture / "data", tmp_path / "data")
    return tmp_path / "data"


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def cite(data: Path, source: str, quote: str) -> None:
    """Add a citation of ``quote`` to the first initiative, as an analyst pastes it."""
    block = f"- source: {source}\n  quote: {yaml_quoted(quote)}"
    pasted = "\n".join("    " + line for line in block.split("\n"))
    replace(data / "initiatives.yaml", "  citations:\n", f"  citations:\n{pasted}\n")


def passes_the_quote_check(data: Path, source: str, quote: str) -> Location:
    """Paste the citation into the data and validate it all: the builder locates it."""
    cite(data, source, quote)
    briefing = validate(load(data))
    return briefing.locations[(source, " ".join(quote.split()))]


def test_quote_is_the_shortest_unique_whole_word_span(tmp_path: Path) -> None:
    data = copy_of(TINY, tmp_path)
    picked = picker_for(data, "harbour-report").pick("proposed ferry")
    assert picked.exact
    [first, *_] = picked.proposals
    assert (first.paragraph, first.quote) == (2, "proposed a joint ferry")
    assert passes_the_quote_check(data, "harbour-report", first.quote).paragraph == 2


def test_a_word_in_several_paragraphs_gets_a_unique_quote_in_each(tmp_path: Path) -> None:
    data = copy_of(TINY, tmp_path)
    picker = picker_for(data, "harbour-report")
    quotes = [(p.paragraph, p.quote) for p in picker.pick("ferry").proposals]
    # "ferry" alone occurs twice: each proposal adds the fewest words that make it unique
    # (the table's "Ferry" differs in case, and the quote check keeps case).
    assert quotes == [(4, "Ferry"), (3, "the ferry"), (2, "joint ferry")]
    for _, quote in quotes:
        assert picker.occurs_once(quote)
    assert passes_the_quote_check(data, "harbour-report", "the ferry").paragraph == 3


def test_words_in_the_order_remembered_come_first(tmp_path: Path) -> None:
    picker = picker_for(copy_of(TINY, tmp_path), "harbour-report")
    [proposal] = picker.pick("ola reed supported").proposals
    assert proposal.quote == "Ola Reed (also spelled Ola Rid) supported"


def test_a_cyrillic_source_keeps_its_letters(tmp_path: Path) -> None:
    data = copy_of(BLOC_SUMMIT, tmp_path)
    picked = picker_for(data, "dorvask-inform-report").pick("мобилизовать аурелов")
    [first, *_] = picked.proposals
    assert first.yaml() == (
        '- source: dorvask-inform-report\n  quote: "мобилизовать до 12 млрд аурелов"'
    )
    assert passes_the_quote_check(data, "dorvask-inform-report", first.quote).paragraph == 6


def test_a_homoglyph_in_the_source_is_found_and_kept(tmp_path: Path) -> None:
    """The source writes "Fоrum" with a Cyrillic о; the analyst types a Latin one."""
    data = copy_of(TINY, tmp_path)
    replace(data / "sources" / "harbour-report.md", "first Lakes Forum", "first Lakes F\u043erum")
    event = data / "event.yaml"
    event.write_text(event.read_text("utf-8").replace("Lakes Forum", "Lakes F\u043erum"), "utf-8")
    [first, *_] = picker_for(data, "harbour-report").pick("Lakes Forum").proposals
    assert first.quote == "Lakes F\u043erum"
    assert passes_the_quote_check(data, "harbour-report", first.quote).paragraph == 1


def test_curly_and_straight_quotes_are_yaml_quoted_to_read_back_exactly(tmp_path: Path) -> None:
    data = copy_of(BLOC_SUMMIT, tmp_path)
    [first, *_] = picker_for(data, "aggregator-blog").pick("seal historic").proposals
    assert first.yaml() == '- source: aggregator-blog\n  quote: "seal \\"historic\\""'
    document, problems = yamlsafe.parse(first.yaml(), "pasted")
    assert not problems
    assert document is not None
    assert document.data == [{"source": "aggregator-blog", "quote": 'seal "historic"'}]
    assert passes_the_quote_check(data, "aggregator-blog", first.quote).paragraph == 2


@pytest.mark.parametrize("text", ["a\\b", "«Меридианские ворота» – 12", "tab\there", "\u2028"])
def test_yaml_quoting_reads_back_character_for_character(text: str) -> None:
    document, problems = yamlsafe.parse(f"quote: {yaml_quoted(text)}\n", "x")
    assert not problems
    assert document is not None
    assert document.data == {"quote": text}


def test_a_repeated_headline_cannot_be_quoted_and_the_picker_says_so(tmp_path: Path) -> None:
    data = copy_of(TINY, tmp_path)
    source = data / "sources" / "harbour-report.md"
    source.write_text(
        source.read_text("utf-8").replace("---\nOn 4 May", "---\nLake ministers meet\nOn 4 May")
        + "Lake ministers meet\n",
        "utf-8",
    )
    picked = picker_for(data, "harbour-report").pick("ministers meet")
    assert (picked.proposals, picked.repeated) == ([], [1, 8])
    result = run_builder("--root", str(tmp_path), "quote", "harbour-report", "ministers", "meet")
    assert result.returncode == 1
    assert result.stdout == (
        "the words are also in ¶1, ¶8, which the source repeats word for word elsewhere: "
        "no quote from there can occur once\n"
    )


def test_without_every_word_the_closest_passages_come_scored(tmp_path: Path) -> None:
    picker = picker_for(copy_of(TINY, tmp_path), "harbour-report")
    picked = picker.pick("a joint boat service across the lake")
    assert not picked.exact
    assert [(p.paragraph, p.quote, p.score) for p in picked.proposals] == [
        (2, "a joint ferry service across Lake", 81)
    ]


def test_quote_command_prints_a_block_to_paste(tmp_path: Path) -> None:
    copy_of(TINY, tmp_path)
    result = run_builder("--root", str(tmp_path), "quote", "harbour-report", "water quality")
    assert result.returncode == 0
    assert result.stdout == (
        '¶3 (body line 3), every word:\n- source: harbour-report\n  quote: "water-quality"\n'
    )
    fuzzy = run_builder("--root", str(tmp_path), "quote", "harbour-report", "a boat service")
    assert fuzzy.returncode == 1
    assert fuzzy.stdout.startswith("not every word is in harbour-report; the closest passages:\n")


def test_quote_command_speaks_json(tmp_path: Path) -> None:
    copy_of(BLOC_SUMMIT, tmp_path)
    result = run_builder(
        "--root", str(tmp_path), "quote", "dorvask-inform-report", "Меридианские ворота",
        "--format", "json",
    )  # fmt: skip
    assert result.returncode == 0
    answer = json.loads(result.stdout)
    assert answer["exact"] is True
    assert answer["proposals"][0]["quote"] == "Меридианские ворота"
    assert answer["proposals"][0]["paragraph"] == 6


def test_an_unknown_source_is_named_with_the_known_ones(tmp_path: Path) -> None:
    copy_of(TINY, tmp_path)
    result = run_builder("--root", str(tmp_path), "quote", "harbor-report", "ferry", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "error: no source 'harbor-report' in data/sources; known: blog-post, harbour-report\n"
    )


def test_every_proposal_of_every_fixture_source_passes_the_quote_check() -> None:
    """Differential: whatever the picker proposes, the quote check finds exactly once."""
    for fixture in (TINY, BLOC_SUMMIT):
        briefing = validate(load(fixture / "data"))
        for key, source in briefing.sources.items():
            picker = Picker(key, source.paragraphs)
            for paragraph in source.paragraphs:
                for proposal in picker.pick(paragraph.folded[:40]).proposals:
                    assert picker._check.locate(key, proposal.quote) == Location(
                        proposal.paragraph,
                        picker.texts[proposal.paragraph - 1].index(proposal.quote),
                        picker.texts[proposal.paragraph - 1].index(proposal.quote)
                        + len(proposal.quote),
                    ), (key, proposal)


# -- suggest ------------------------------------------------------------------------------


def test_suggest_finds_an_uncited_figure(tmp_path: Path) -> None:
    data = copy_of(TINY, tmp_path)
    replace(data / "figures.yaml", "quote: 12 million crowns", "quote: paid for by Nordmark")
    found = suggest(Index(validate(load(data))), "harbour-report")
    assert [(s.paragraph, s.kind, s.found, s.quote) for s in found] == [
        (4, "figure", "12 million crowns", "12 million crowns")
    ]
    assert render(found, "harbour-report", "text") == (
        "harbour-report: 1 suggestion in 1 paragraph, outside every quote\n"
        "¶4 (body line 4), figure '12 million crowns':\n"
        "  - source: harbour-report\n"
        '    quote: "12 million crowns"'
    )


def test_suggest_reads_a_russian_source(tmp_path: Path) -> None:
    data = copy_of(BLOC_SUMMIT, tmp_path)
    replace(
        data / "timeline.yaml",
        'quote: "следующая встреча пройдет в Веранне в 2034 году"',
        'quote: "Лидеры также договорились проводить саммиты раз в два года"',
    )
    found = suggest(Index(validate(load(data))), "dorvask-inform-report")
    assert [(s.paragraph, s.kind, s.found, s.date) for s in found] == [
        (6, "date", "2037", "2037"),
        (9, "name", "Веранне", None),
        (9, "date", "2034", "2034"),
    ]
    stubs, problems = yamlsafe.parse(render(found, "dorvask-inform-report", "yaml"), "stubs")
    assert not problems
    assert stubs is not None
    [year_2034] = [s for s in stubs.data["timeline.yaml"] if s["date"] == "2034"]
    assert year_2034["citations"] == [
        {"source": "dorvask-inform-report", "quote": "в Веранне в 2034 году"}
    ]
    for suggestion in found:
        passes_the_quote_check(data, "dorvask-inform-report", suggestion.quote)


def test_suggest_finds_decisions_and_names_and_leaves_skipped_paragraphs(tmp_path: Path) -> None:
    data = copy_of(TINY, tmp_path)
    source = data / "sources" / "harbour-report.md"
    replace(source, "More news\n", "More news\nThe Vell Ferry Company signed a contract.\n")
    found = suggest(Index(validate(load(data))), "harbour-report")
    assert [(s.kind, s.found, s.status, s.quote) for s in found] == [
        ("name", "Vell Ferry Company", None, "Vell Ferry Company signed a"),
        ("decision", "signed", "agreed", "Vell Ferry Company signed a contract"),
    ]
    replace(source, "skip:\n", 'skip:\n  - quote: "signed a contract"\n    reason: test\n')
    assert suggest(Index(validate(load(data))), "harbour-report") == []


def test_suggest_names_the_entity_a_fact_probably_belongs_to(tmp_path: Path) -> None:
    data = copy_of(TINY, tmp_path)
    replace(
        data / "sources" / "harbour-report.md",
        "More news\n",
        "More news\nAda Brook announced 3 more ferries for Nordmark.\n",
    )
    found = suggest(Index(validate(load(data))), "harbour-report")
    figure = next(s for s in found if s.kind == "figure")
    assert (figure.found, figure.entities) == ("3 more", ["ada-brook", "nordmark"])
    answer = json.loads(render(found, "harbour-report", "json"))
    assert answer["suggestions"][0]["entities"] == ["ada-brook", "nordmark"]


def test_suggest_command_writes_nothing(tmp_path: Path) -> None:
    data = copy_of(BLOC_SUMMIT, tmp_path)
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    result = run_builder("--root", str(tmp_path), "suggest", "joint-statement")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("joint-statement: ")
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before


def test_quote_reads_only_its_source_so_it_works_mid_edit(tmp_path: Path) -> None:
    data = copy_of(TINY, tmp_path)
    (data / "initiatives.yaml").write_text("- id: [unclosed\n", "utf-8")
    result = run_builder("--root", str(tmp_path), "quote", "harbour-report", "water quality")
    assert (result.returncode, result.stdout.splitlines()[-1]) == (0, '  quote: "water-quality"')


def test_quote_reports_a_source_whose_paragraphs_it_cannot_tell(tmp_path: Path) -> None:
    data = copy_of(TINY, tmp_path)
    replace(data / "sources" / "harbour-report.md", "skip:\n", "format: html\nskip:\n")
    result = run_builder(
        "--root", str(tmp_path), "quote", "harbour-report", "ferry", cwd=tmp_path
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith(
        "data/sources/harbour-report.md:13:9: format: expected one of 'text' or 'markdown', "
        "found 'html'\n"
    )
