"""`source add`: an article into the briefing, with complete front matter, proposed skips
and offered values, and nothing added that the analyst did not state or accept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder import yamlsafe
from builder.coverage import coverage
from builder.errors import DataError
from builder.model import SourceMeta
from builder.pipeline import Paths, prepare
from builder.write import write_file
from tests.conftest import BLOC_SUMMIT, PROJECT, TINY, problems_of, run_builder

RUSSIAN_TITLE = (
    "Лидеры Аврелианского союза и государств Меридиана приняли совместное заявление в Альвенне"
)
# A web page as copied: a menu, the headline twice, a byline, a dateline, one line of
# substance, a counter and a share link (whose word is also in the line of substance).
PAGE = """Home | News | Sport | Contact
Ferry talks resume
By Jane Roe
12 March 2031
Ferry talks resume
The ferry between Nordmark and Sudland will run twice a day from April; share your view.
👁 1234
share
"""


def article(folder: Path, text: str, name: str = "article.txt") -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def add(paths: Paths, *args: str) -> tuple[int, str, str]:
    result = run_builder("--data", str(paths.data), "--docs", str(paths.docs), "source", *args)
    return result.returncode, result.stdout, result.stderr


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text("utf-8")
    document, problems = yamlsafe.parse(text[4 : text.index("\n---\n", 3) + 1], "x")
    assert document is not None
    assert problems == []
    data: dict[str, object] = document.data
    return data


@pytest.fixture
def bloc(tmp_path: Path) -> Paths:
    shutil.copytree(BLOC_SUMMIT / "data", tmp_path / "data")
    return Paths(tmp_path / "data", tmp_path / "docs", PROJECT / "templates")


def test_a_cyrillic_article_becomes_a_source_that_builds(bloc: Paths, tmp_path: Path) -> None:
    """The Russian report of the bloc-summit fixture, as copied from its page: its
    language is plain from its letters, its id is its title transliterated."""
    report = (BLOC_SUMMIT / "data" / "sources" / "dorvask-inform-report.md").read_text("utf-8")
    body = report.split("\n---\n", 1)[1]
    code, out, err = add(bloc, "add", str(article(tmp_path, body)), "--title", RUSSIAN_TITLE)
    assert (code, err) == (0, "")
    added = bloc.data / "sources" / "lidery-avrelianskogo-soyuza-i-gosudarstv.md"
    assert out.splitlines() == [
        f"added {added}: 11 paragraphs, language ru (Cyrillic script with ы, э or ё and no "
        "letters of other Cyrillic alphabets)",
        'proposed skips (written commented out: remove "# " before those to keep):',
        "  ¶1 (line 1) 'Главная | Политика | Экономика | Регионы | Мир': navigation: 5 short "
        "items between separators (a menu or footer)",
        "  ¶3 (line 3) '15 мая 2032, 21:05': a dateline: its date belongs in the date field, "
        "if it is the publication's",
        "  ¶11 (line 11) 'Читайте также: В Тессмаре открылась весенняя ярмарка ремесел': a "
        "link to another story (read also, see also), not this one's text",
        "the text says '15 мая 2032' on line 3: add --date 2032-05-15?",
        f"  (to accept one now, set its field in {added})",
        "to do: reliability is low and reliability_note a placeholder until you assess the source",
    ]
    assert added.read_text("utf-8").endswith("\n---\n" + body), "the text is copied verbatim"
    meta = front_matter(added)
    assert meta["date"] is None, "offered, not filled in"
    assert meta["skip"] == [], "proposed, not accepted"
    assert problems_of(bloc) == []


def test_every_field_of_the_schema_is_written(tiny: Paths, tmp_path: Path) -> None:
    code, _, err = add(
        tiny, "add", str(article(tmp_path, PAGE)), "--title", "Ferry talks", "--language", "en"
    )
    assert (code, err) == (0, "")
    meta = front_matter(tiny.data / "sources" / "ferry-talks.md")
    assert list(meta) == list(SourceMeta.model_fields)
    assert {k: v for k, v in meta.items() if v is None} == dict.fromkeys(
        ["date", "date_note", "publisher", "author", "url"]
    )
    assert (meta["kind"], meta["reliability"], meta["format"]) == ("article", "low", "text")


def test_menus_repeats_and_counters_are_proposed_with_their_reasons(
    tiny: Paths, tmp_path: Path
) -> None:
    code, out, _ = add(
        tiny, "add", str(article(tmp_path, PAGE)), "--title", "Ferry talks", "--language", "en"
    )
    assert code == 0
    assert out.splitlines()[1:9] == [
        'proposed skips (written commented out: remove "# " before those to keep):',
        "  ¶1 (line 1) 'Home | News | Sport | Contact': navigation: 4 short items between "
        "separators (a menu or footer)",
        "  ¶2 (line 2) 'Ferry talks resume': printed 2 times word for word (¶2, ¶5): a "
        "headline or caption",
        "  ¶3 (line 3) 'By Jane Roe': a byline: its name belongs in the author field",
        "  ¶4 (line 4) '12 March 2031': a dateline: its date belongs in the date field, if it "
        "is the publication's",
        "  ¶7 (line 7) '👁 1234': no words: only numbers and symbols (a counter, a time, an icon)",
        "not proposed, though they look like noise (a skip hides every paragraph with its words):",
        "  ¶8 (line 8) 'share': its words are also in ¶6",
    ]
    assert out.splitlines()[9:11] == [
        "the text says '12 March 2031' on line 4: add --date 2031-03-12?",
        "the text says 'By Jane Roe' on line 3: add --author 'Jane Roe'?",
    ]


def test_accepted_skips_leave_only_the_substance_uncovered(tiny: Paths, tmp_path: Path) -> None:
    file = str(article(tmp_path, PAGE))
    code, _, err = add(tiny, "add", file, "--title", "Ferry talks", "--language", "en", "--skips")
    assert (code, err) == (0, "")
    meta = front_matter(tiny.data / "sources" / "ferry-talks.md")
    assert [s["quote"] for s in meta["skip"]] == [  # type: ignore[attr-defined]
        "Home | News | Sport | Contact",
        "Ferry talks resume",
        "By Jane Roe",
        "12 March 2031",
        "👁 1234",
    ]
    entry = next(e for e in coverage(prepare(tiny).index) if e.source.id == "ferry-talks")
    assert [p.number for p in entry.uncovered] == [6, 8]
    assert [p.number for p, _ in entry.skipped] == [1, 2, 3, 4, 5, 7]


def test_commented_proposals_become_entries_by_uncommenting(tiny: Paths, tmp_path: Path) -> None:
    file = str(article(tmp_path, PAGE))
    assert add(tiny, "add", file, "--title", "Ferry talks", "--language", "en")[0] == 0
    source = tiny.data / "sources" / "ferry-talks.md"
    text = source.read_text("utf-8")
    source.write_text(text.replace('  # {quote: "Home', '  {quote: "Home'), "utf-8")
    assert front_matter(source)["skip"] == [
        {
            "quote": "Home | News | Sport | Contact",
            "reason": "navigation: 4 short items between separators (a menu or footer)",
        }
    ]
    assert problems_of(tiny) == []


def test_given_values_are_written_and_not_offered_again(tiny: Paths, tmp_path: Path) -> None:
    code, out, _ = add(
        tiny,
        "add",
        str(article(tmp_path, PAGE)),
        "--title",
        "Ferry talks",
        "--language",
        "en",
        "--date",
        "2031-03-12",
        "--author",
        "Jane Roe",
        "--url",
        "https://example.org/ferry",
        "--id",
        "ferry-page",
        "--reliability",
        "medium",
        "--reliability-note",
        "A local paper's page; one named reporter.",
    )
    assert code == 0
    assert "the text says" not in out
    assert "to do:" not in out
    meta = front_matter(tiny.data / "sources" / "ferry-page.md")
    assert (meta["date"], meta["author"], meta["url"], meta["reliability"]) == (
        "2031-03-12",
        "Jane Roe",
        "https://example.org/ferry",
        "medium",
    )
    assert meta["reliability_note"] == "A local paper's page; one named reporter."
    assert problems_of(tiny) == []


def test_an_existing_source_is_never_replaced(tiny: Paths, tmp_path: Path) -> None:
    before = (tiny.data / "sources" / "harbour-report.md").read_bytes()
    file = str(article(tmp_path, PAGE))
    code, out, err = add(
        tiny, "add", file, "--title", "T", "--language", "en", "--id", "harbour-report"
    )
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "--id: 'harbour-report' is already used",
        "    hint: ids are unique across all collections and sources; choose another",
        "1 problem; nothing was written.",
    ]
    assert (tiny.data / "sources" / "harbour-report.md").read_bytes() == before
    code, _, _ = add(tiny, "add", file, "--title", "T", "--language", "en", "--id", "sudland")
    assert code == 1, "a country's id too"


def test_a_proposed_id_avoids_the_briefings_ids(tiny: Paths, tmp_path: Path) -> None:
    file = str(article(tmp_path, PAGE))
    code, out, _ = add(tiny, "add", file, "--title", "Harbour report", "--language", "en")
    assert code == 0
    assert out.startswith(f"added {tiny.data / 'sources' / 'harbour-report-2.md'}:")


def test_bad_values_are_refused_with_the_flag_and_nothing_is_written(
    tiny: Paths, tmp_path: Path
) -> None:
    file = str(article(tmp_path, "Der Gipfel begann am Montag in Alvenna mit einem Empfang.\n"))
    code, out, err = add(
        tiny, "add", file, "--title", "Gipfel", "--date", "15 May", "--id", "gipfel-ü"
    )
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "--date: not a date: '15 May'",
        "    hint: write YYYY, YYYY-MM or YYYY-MM-DD",
        "--id: not a valid id: 'gipfel-ü'",
        "    hint: use lower-case letters, digits and single hyphens: try 'gipfel-u'",
        "--language: needed: the text's script does not show its language",
        "    hint: give its ISO 639 code, e.g. --language en",
        "3 problems; nothing was written.",
    ]
    assert sorted(p.name for p in (tiny.data / "sources").iterdir()) == [
        "blog-post.md",
        "harbour-report.md",
    ]


def test_a_file_with_front_matter_is_refused(tiny: Paths, tmp_path: Path) -> None:
    source = TINY / "data" / "sources" / "blog-post.md"
    code, _, err = add(tiny, "add", str(source), "--title", "Copy", "--language", "en")
    assert code == 1
    assert f"{source.relative_to(PROJECT)}:1:1: already has front matter" in err


def test_crlf_and_a_byte_order_mark_are_what_the_loader_reads(tiny: Paths, tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(b"\xef\xbb\xbfFirst line of the text.\r\nSecond line, no end")
    code, _, err = add(tiny, "add", str(path), "--title", "Page", "--language", "en")
    assert (code, err) == (0, "")
    text = (tiny.data / "sources" / "page.md").read_text("utf-8")
    assert text.endswith("\n---\nFirst line of the text.\nSecond line, no end\n")
    assert problems_of(tiny) == []


def test_a_dry_run_writes_nothing(tiny: Paths, tmp_path: Path) -> None:
    file = str(article(tmp_path, PAGE))
    code, out, _ = add(tiny, "add", file, "--title", "Ferry", "--language", "en", "--dry-run")
    assert code == 0
    assert out.startswith("would add ")
    assert not (tiny.data / "sources" / "ferry.md").exists()


def test_a_markdown_article_keeps_its_blocks(tiny: Paths, tmp_path: Path) -> None:
    text = "# Ferry plan\n\nThe ferry will run twice a day,\nfrom April.\n\n- Home\n- News\n"
    code, out, err = add(
        tiny, "add", str(article(tmp_path, text, "a.md")), "--title", "Ferry", "--language", "en"
    )
    assert (code, err) == (0, "")
    assert front_matter(tiny.data / "sources" / "ferry.md")["format"] == "markdown"
    assert "added" in out
    assert "4 paragraphs" in out
    assert problems_of(tiny) == []


@pytest.mark.parametrize(
    "title",
    ['Yes: "quoted" \\ #1 & *star', "null", "a\u2028b\u0085c", "Ferry 🚢\u200b talks", "- 12"],
)
def test_front_matter_reads_back_as_given(tiny: Paths, tmp_path: Path, title: str) -> None:
    """Values are written so that YAML reads them back unchanged: "no" is Norwegian
    here, not false."""
    file = str(article(tmp_path, PAGE))
    code, _, err = add(tiny, "add", file, "--title", title, "--language", "no", "--id", "t")
    assert (code, err) == (0, "")
    meta = front_matter(tiny.data / "sources" / "t.md")
    assert (meta["title"], meta["language"]) == (title, "no")
    assert problems_of(tiny) == []


def test_an_article_saved_in_the_sources_folder_is_refused_plainly(tiny: Paths) -> None:
    saved = article(tiny.data / "sources", PAGE, "page.md")
    code, _, err = add(tiny, "add", str(saved), "--title", "Page", "--language", "en")
    assert code == 1
    assert err.splitlines()[:2] == [
        f"{saved}: is in the sources folder already, without front matter",
        "    hint: move it out: source add writes the source file there itself",
    ]


def test_a_source_that_appears_meanwhile_is_not_replaced(
    tiny: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from builder.authoring import intake

    target = tiny.data / "sources" / "page.md"

    def racing_write(path: Path, text: str) -> bool:
        target.write_text("another's\n", "utf-8")  # written between the check and the link
        return write_file(path, text)

    monkeypatch.setattr("builder.authoring.intake.write_file", racing_write)
    given = intake.Given(article(tmp_path, PAGE), "Page", language="en")
    with pytest.raises(DataError) as refused:
        intake.add_source(tiny.data, given)
    assert str(refused.value.problems[0]).endswith("page.md: appeared meanwhile; not replaced")
    assert target.read_text("utf-8") == "another's\n"
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "blog-post.md",
        "harbour-report.md",
        "page.md",
    ], "no temporary file left"
