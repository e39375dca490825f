"""What was decided: the Outcomes page's grouping, named corroboration, status badges that
link to their legend, and banners only for real conflicts. Read on the bloc-summit
fixture, whose initiatives cover every stage and an earlier meeting, and whose register
has one discrepancy of each severity; and on the tiny fixture's golden-free pages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from markupsafe import Markup

from builder.corroboration import corroboration, source_labels
from builder.escape import md
from builder.index import Index, Support
from builder.kinds import INITIATIVES
from builder.load import load
from builder.model import Initiative
from builder.outcomes import counts_by_sector, outcomes, outcomes_first, stage_of
from builder.pipeline import Paths, prepare
from builder.validate import validate
from builder.vocabulary import STAGES
from tests.conftest import BLOC_SUMMIT, PROJECT, TINY


@pytest.fixture(scope="module")
def bloc_index() -> Index:
    return Index(validate(load(BLOC_SUMMIT / "data")))


@pytest.fixture(scope="module")
def bloc_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    docs = tmp_path_factory.mktemp("bloc-docs")
    return prepare(Paths(BLOC_SUMMIT / "data", docs, PROJECT / "templates")).pages


@pytest.fixture(scope="module")
def tiny_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    docs = tmp_path_factory.mktemp("tiny-docs")
    return prepare(Paths(TINY / "data", docs, PROJECT / "templates")).pages


def grouped(index: Index) -> dict[str, dict[str, list[str]]]:
    """stage -> group anchor -> initiative ids, as the Outcomes page lists them."""
    return {
        section.stage.name: {g.anchor: [e.id for e in g.initiatives] for g in section.groups}
        for section in outcomes(index)
    }


def test_every_stage_in_order_with_the_event_apart_from_earlier_meetings(
    bloc_index: Index,
) -> None:
    assert grouped(bloc_index) == {
        "decided": {
            "decided-here": [
                "strategic-partnership",
                "joint-roadmap-2032-2037",
                "meridian-scholarships",
                "summits-every-two-years",
            ]
        },
        "announced": {
            "announced-here": ["hvdc-interconnector-study", "meridian-gateway-investment-package"]
        },
        "proposed": {
            "proposed-here": [
                "kessa-basin-water-compact",
                "raw-materials-partnership",
                "visa-facilitation",
            ]
        },
        # Launched, but at the 2029 ministers' meeting: not this event's decision.
        "background": {
            "background-t-2029-10-first-ministers-meeting": ["ministerial-dialogue"],
            "background-here": ["kessa-flood-warning-system"],
        },
        "unconfirmed": {
            "unconfirmed-here": ["free-trade-area-2035", "suggested-joint-secretariat"]
        },
    }


def test_a_stage_with_nothing_is_still_a_section(tmp_path: Path) -> None:
    index = Index(validate(load(TINY / "data")))
    sections = outcomes(index)
    assert [s.stage.name for s in sections] == [stage.name for stage in STAGES]
    assert [s.count for s in sections] == [0, 0, 2, 0, 0]


def test_an_earlier_suggestion_stays_a_suggestion(bloc_index: Index) -> None:
    item = bloc_index.get("suggested-joint-secretariat").item
    assert isinstance(item, Initiative)
    earlier = item.model_copy(update={"occasion": "t-2029-10-first-ministers-meeting"})
    assert stage_of(earlier) == "unconfirmed"
    launched = item.model_copy(update={"status": "launched", "occasion": earlier.occasion})
    assert stage_of(launched) == "background"
    assert stage_of(item.model_copy(update={"status": "launched"})) == "decided"


def test_outcomes_come_first_otherwise_in_the_given_order(bloc_index: Index) -> None:
    featured = [
        e.id for e in outcomes_first([e for e in bloc_index.of(INITIATIVES) if e.item.featured])
    ]
    assert featured == [
        "joint-roadmap-2032-2037",
        "hvdc-interconnector-study",
        "meridian-gateway-investment-package",
    ]
    everything = [e.id for e in outcomes_first(bloc_index.of(INITIATIVES))]
    assert everything[-2:] == ["free-trade-area-2035", "suggested-joint-secretariat"]


def test_sector_counts_count_an_initiative_in_each_of_its_sectors(bloc_index: Index) -> None:
    rows = {
        sector.id: counts for sector, counts in counts_by_sector(bloc_index, outcomes(bloc_index))
    }
    # The Roadmap is in six sectors: it counts once in each of them, under "decided".
    assert rows["water"] == (1, 0, 1, 1, 0)
    assert rows["diplomacy-and-institutions"] == (3, 0, 0, 1, 1)


def test_sources_are_named_by_their_kind_and_told_apart_when_kinds_repeat(
    bloc_index: Index,
) -> None:
    labels = source_labels(bloc_index.briefing.sources[s].meta for s in bloc_index.briefing.sources)
    assert labels == {
        "aggregator-blog": "blog post",
        # Two news reports: the whole kind tells them apart.
        "dorvask-inform-report": "news report (news agency, in Russian)",
        "joint-statement": "official joint statement",
        "matthess-analysis": "analysis",
        "meridian-wire-report": "news report (wire agency)",
    }


def test_corroboration_names_each_source_with_its_reliability(
    tiny_pages: dict[str, str], bloc_pages: dict[str, str]
) -> None:
    figures = tiny_pages["figures.md"]
    assert "| 1 source: [news report](sources/harbour-report.md) (high reliability) |" in figures
    ferry = tiny_pages["initiatives/lake-ferry.md"]
    # The most reliable first.
    assert (
        "Backed by 2 sources: [news report](../sources/harbour-report.md) (high), "
        "[aggregator piece](../sources/blog-post.md) (low)." in ferry
    )
    every_page = "\n".join([*tiny_pages.values(), *bloc_pages.values()])
    # "12 of 16 paragraphs" on a source page is a coverage count, not a trust score.
    bare = re.search(r"\b\d+ of \d+\b(?! paragraphs)", every_page)
    assert bare is None, "a bare 'n of m' count is left"


def test_context_sources_are_named_apart_and_not_counted(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(TINY / "data", data)
    path = data / "initiatives.yaml"
    text = path.read_text("utf-8").replace(
        "    - source: blog-post\n      quote: The Lakes Forum agreed a ferry service\n",
        "    - source: blog-post\n      quote: The Lakes Forum agreed a ferry service\n"
        "      role: context\n",
    )
    path.write_text(text, "utf-8")
    (tmp_path / "docs").mkdir()
    pages = prepare(Paths(data, tmp_path / "docs", PROJECT / "templates")).pages
    assert (
        "Backed by 1 source: [news report](../sources/harbour-report.md) (high reliability); "
        "background only: [aggregator piece](../sources/blog-post.md)."
    ) in pages["initiatives/lake-ferry.md"]


def test_a_claim_no_source_states_says_so_and_names_its_background() -> None:
    meta = validate(load(TINY / "data")).sources["blog-post"].meta
    words = corroboration(
        Support((), 2, (meta,)),
        {"blog-post": "blog [post]"},
        lambda m, t: Markup("<") + md(t) + Markup(">"),
    )
    assert words == "no source that states it; background only: <blog \\[post\\]>"


def test_status_badges_link_to_their_definition_from_any_folder(
    tiny_pages: dict[str, str],
) -> None:
    badge = (
        "[supported](FOLDER#status-supported){: .status .status-supported "
        "title=\"A participant (see 'proposed by') voiced support; no source says the others "
        'agreed." }'
    )
    from_elsewhere = badge.replace("FOLDER", "../outcomes/index.md")
    assert from_elsewhere in tiny_pages["initiatives/lake-ferry.md"]
    assert badge.replace("FOLDER", "index.md") in tiny_pages["outcomes/index.md"]
    # Each status has the anchor its badges link to, once, on the Outcomes page.
    ids = re.findall(r'<span id="status-([a-z]+)"></span>', tiny_pages["outcomes/index.md"])
    assert len(ids) == len(set(ids)) == 14


def test_the_register_is_ordered_by_severity_then_title(bloc_pages: dict[str, str]) -> None:
    register = bloc_pages["discrepancies.md"]
    order = re.findall(r"^## .* \{: #(d-[a-z0-9-]+) \}$", register, re.MULTILINE)
    assert order == [
        "d-gateway-package-amount",  # major
        "d-summit-length",  # minor
        "d-reyvik-spelling",  # variant
        "d-second-summit-host",  # note
    ]
    assert "*Severity:* [variant](#severity-variant) · *Kind:* spelling" in register


def test_only_conflicts_put_a_banner_and_it_says_how_much_they_matter(
    bloc_pages: dict[str, str], tiny_pages: dict[str, str]
) -> None:
    major = bloc_pages["initiatives/meridian-gateway-investment-package.md"]
    assert '!!! danger "Contested: the sources conflict on something that matters"' in major
    minor = tiny_pages["initiatives/lake-ferry.md"]
    assert '!!! warning "Contested: the sources differ on a detail"' in minor
    assert "Contested" not in minor.split("!!! warning", 1)[1].split("\n\n", 1)[1]
    # A spelling variant is a note beside the other spellings, not a banner.
    host = bloc_pages["people/tomas-reyvik.md"]
    assert "Contested" not in host
    assert "(the sources differ: see [the register](../discrepancies.md#d-reyvik-spelling))" in host
    # An analyst's note flags nothing.
    rhythm = bloc_pages["initiatives/summits-every-two-years.md"]
    assert "Contested" not in rhythm
    assert "the sources differ" not in rhythm


def test_the_warning_mark_has_its_legend_wherever_it_is_used(bloc_pages: dict[str, str]) -> None:
    for page in ("index.md", "figures.md", "outcomes/index.md"):
        text = bloc_pages[page]
        assert " ⚠ |" in text, f"{page}: the contested figure lost its mark"
        assert "⚠ marks a figure on which the sources conflict" in text or (
            "**⚠** after a name: the sources conflict" in text
        ), page


def test_the_home_page_leads_with_the_outcomes(bloc_pages: dict[str, str]) -> None:
    home = bloc_pages["index.md"]
    first_link = re.search(r"\[([^\]]+)\]\(([^)]+)\)", home.split("\n# ", 1)[1])
    assert first_link is not None
    assert first_link.groups() == ("What was agreed: the outcomes", "outcomes/index.md")
    # Headline figures: the event's outcomes, then background, labelled as such.
    outcome_at = home.index(
        "### Outcomes of Aurelian Union – Meridian States Summit {: #headline-outcomes }"
    )
    background_at = home.index("### Background, not an outcome of")
    assert outcome_at < home.index("scholarships-per-year") < background_at
    assert background_at < home.index("figures.md#trade-2031")
    # Key initiatives say how far each got.
    assert "· Decided at the event ·" in home
    assert "· Announced at the event ·" in home


def test_the_outcomes_page_is_first_in_the_navigation(tiny_pages: dict[str, str]) -> None:
    from builder.siteconfig import _nav

    assert _nav(Path("/nowhere"))[:2] == ["  - Home: index.md", "  - Outcomes: outcomes/index.md"]
