"""What the event means for one party (builder/standing.py), and the country and
organisation pages that lead with it: each initiative in one list, the shared ones
counted and linked once, the party's projects with their years and backers."""

from __future__ import annotations

import re
from pathlib import Path

from builder.index import Index
from builder.load import load
from builder.pipeline import Paths, prepare
from builder.standing import standing
from builder.validate import validate
from tests.conftest import BLOC_SUMMIT, PROJECT, Edit


def ids(entities: object) -> list[str]:
    return [e.id for e in entities]  # type: ignore[attr-defined]


def bloc_index() -> Index:
    return Index(validate(load(BLOC_SUMMIT / "data")))


def test_each_initiative_is_in_one_list_by_who_put_it_forward_and_whom_it_concerns() -> None:
    index = bloc_index()
    tirmena = standing(index, "tirmena")
    # Put forward by Tirmena, or by its President (a person whose country it is).
    assert ids(tirmena.proposed) == ["kessa-basin-water-compact", "visa-facilitation"]
    # Names Tirmena and Vellaria only: not every Meridian State.
    assert ids(tirmena.specific) == ["kessa-flood-warning-system"]
    assert "strategic-partnership" in ids(tirmena.shared)
    lists = [*ids(tirmena.proposed), *ids(tirmena.specific), *ids(tirmena.shared)]
    assert len(lists) == len(set(lists)) == tirmena.initiatives
    assert sum(count.count for count in tirmena.stages) == tirmena.initiatives
    stages = [count.stage.name for count in tirmena.stages]
    assert stages == ["decided", "announced", "proposed", "background", "unconfirmed"]


def test_two_countries_differ_where_the_data_does() -> None:
    index = bloc_index()
    tirmena, sarvenia = standing(index, "tirmena"), standing(index, "sarvenia")
    assert ids(tirmena.projects_in) == ["port-hallan-container-terminal"]
    assert ids(sarvenia.projects_in) == [
        "alvenna-tessmar-railway-modernisation",  # 2030–2034
        "alvenna-tessmar-railway-extension",  # no years: last
    ]
    assert sarvenia.years_in == "2030–2034"
    assert sarvenia.backers_in == ["aurelian-investment-bank"]
    assert ids(sarvenia.specific) == [], "no initiative names Sarvenia without the others"


def test_an_organisation_that_took_part_has_its_proposals() -> None:
    union = standing(bloc_index(), "aurelian-union")
    assert union.party is not None
    assert [p.id for p in union.party.representatives] == ["liora-vantesse", "anselm-kordt"]
    assert ids(union.proposed) == [
        "meridian-gateway-investment-package",
        "raw-materials-partnership",
    ]
    assert (union.specific, union.shared, union.projects_in) == ((), (), ())


def test_projects_a_country_backs_elsewhere_count_its_agencies(tiny: Paths, edit: Edit) -> None:
    # The landing stage is in Nordmark and paid for by Nordmark; moved to Sudland, it is a
    # project Nordmark backs elsewhere, and so it is when its agency pays instead.
    edit("projects.yaml", "  countries: [nordmark]", "  countries: [sudland]")
    index = Index(validate(load(tiny.data)))
    assert ids(standing(index, "nordmark").projects_backed) == ["port-alder-landing-stage"]
    assert ids(standing(index, "sudland").projects_in) == ["port-alder-landing-stage"]
    assert standing(index, "nordmark").countries_backed == ["sudland"]
    edit("projects.yaml", "  financiers: [nordmark]", "  financiers: [alder-harbour-board]")
    index = Index(validate(load(tiny.data)))
    assert ids(standing(index, "nordmark").projects_backed) == ["port-alder-landing-stage"]


def test_the_country_page_leads_with_its_summary_and_lists_nothing_twice(tiny: Paths) -> None:
    pages = prepare(tiny).pages
    sudland = pages["countries/sudland.md"]
    summary = sudland.split("## What it means for Sudland", 1)[1].split("\n## ", 1)[0]
    assert "**Put forward 1 initiative:** 1 proposed" in summary
    assert "1 concerns it specifically" not in summary  # it put the water study forward
    assert "**Named in 2 initiatives:**" in summary
    assert "1 every participant alike" in summary
    # The ferry names both countries: one line, to the page that lists every initiative.
    assert re.search(r"\*\*Shared with every participant:\*\* 1 more initiative .*\]\(", sudland)
    for initiative in ("lake-ferry", "water-study"):
        assert sudland.count(f"initiatives/{initiative}.md)") <= 1, initiative
    nordmark = pages["countries/nordmark.md"]
    row = next(line for line in nordmark.splitlines() if "port-alder-landing-stage.md" in line)
    assert "2032–2033" in row
    assert "[Nordmark](nordmark.md)" in row
    assert "## Initiatives by sector" not in nordmark


def test_the_shared_line_links_the_outcomes_page_when_there_is_one(tiny: Paths) -> None:
    # Until the build has an outcomes page, the initiatives listing stands in for it.
    page = prepare(tiny).pages["countries/sudland.md"]
    shared = next(line for line in page.splitlines() if "Shared with every participant" in line)
    assert "](../initiatives/index.md)" in shared or "](../outcomes/index.md)" in shared


def test_an_organisations_page_reads_with_its_article_and_no_empty_count(tmp_path: Path) -> None:
    pages = prepare(Paths(BLOC_SUMMIT / "data", tmp_path / "docs", PROJECT / "templates")).pages
    union = pages["organisations/aurelian-union.md"]
    assert "## What it means for the Aurelian Union {: #at-a-glance }" in union
    assert "## Initiatives the Aurelian Union put forward {: #proposed }" in union
    assert "**Put forward 2 initiatives:** 1 announced, 1 proposed" in union
    # Its initiatives are all its own: no line counting them again.
    assert "Named in" not in union
    # An organisation that did not take part keeps the plain participation line.
    assert "What it means for" not in pages["organisations/aurelian-investment-bank.md"]
