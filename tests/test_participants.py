"""Participants are countries or organisations, each with its representatives: how the
home page, the brief and the JSON-LD count and name them, the warning for a party listed
twice, and the venue printed with its country once. (The map's caption: test_pictures.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from builder.pipeline import Paths, prepare
from tests.conftest import BUILDER_ENV, Edit, problems_of

COUNCIL_ROW = (
    "| [Lake Council](organisations/lake-council.md) "
    "| [Mia Holm](people/mia-holm.md), [Per Lund](people/per-lund.md) |"
)


def with_lake_council(edit: Edit) -> None:
    """Make an organisation, a bloc, the fixture's third participant, with two people."""
    sentence = "The Lake Council sent its chair Mia Holm and its secretary Per Lund."
    edit("sources/harbour-report.md", "More news\n", f"More news\n{sentence}\n")
    edit(
        "organisations.yaml",
        "- id: sudland-lake-institute\n",
        "- id: lake-council\n"
        "  name: Lake Council\n"
        "  kind: bloc\n"
        "  citations:\n"
        "    - source: harbour-report\n"
        "      quote: The Lake Council sent its chair\n"
        "- id: sudland-lake-institute\n",
    )
    edit(
        "people.yaml",
        "- id: ola-reed\n",
        "- id: mia-holm\n"
        "  name: Mia Holm\n"
        "  role: Chair of the Lake Council\n"
        "  citations:\n"
        "    - source: harbour-report\n"
        "      quote: its chair Mia Holm\n"
        "- id: per-lund\n"
        "  name: Per Lund\n"
        "  role: Secretary of the Lake Council\n"
        "  citations:\n"
        "    - source: harbour-report\n"
        "      quote: its secretary Per Lund\n"
        "- id: ola-reed\n",
    )
    edit(
        "event.yaml",
        "outcome_documents:",
        "  - party: lake-council\n    representatives: [mia-holm, per-lund]\noutcome_documents:",
    )


def _line(page: str, start: str) -> str:
    return next(line for line in page.splitlines() if line.startswith(start))


def _jsonld(page: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_line(page, "jsonld: ").removeprefix("jsonld: "))
    return data


def test_an_organisation_with_two_representatives(tiny: Paths, edit: Edit) -> None:
    with_lake_council(edit)
    pages = prepare(tiny).pages
    home, brief = pages["index.md"], pages["brief.md"]
    assert _line(home, "- **Participants:**") == (
        "- **Participants:** 2 countries and the [Lake Council](organisations/lake-council.md)"
    )
    assert COUNCIL_ROW in home.splitlines()
    assert _line(brief, "**Participants:**") == (
        "**Participants:** [Nordmark](countries/nordmark.md) ([Ada Brook](people/ada-brook.md)); "
        "[Sudland](countries/sudland.md) ([Ola Reed](people/ola-reed.md)); "
        "[Lake Council](organisations/lake-council.md) "
        "([Mia Holm](people/mia-holm.md), [Per Lund](people/per-lund.md))"
    )
    # The event's page links to the organisation and the organisation's page back.
    assert "](../index.md)" in pages["organisations/lake-council.md"]


def test_the_jsonld_types_countries_organisations_and_people(tiny: Paths, edit: Edit) -> None:
    with_lake_council(edit)
    data = _jsonld(prepare(tiny).pages["index.md"])
    nordmark, sudland, council = data["attendee"]
    assert nordmark == {
        "@type": "GovernmentOrganization",
        "name": "Nordmark",
        "areaServed": {"@type": "Country", "name": "Nordmark"},
        "member": [{"@type": "Person", "name": "Ada Brook", "jobTitle": "Minister of Nordmark"}],
    }
    assert sudland["areaServed"] == {"@type": "Country", "name": "Sudland"}
    assert council == {
        "@type": "Organization",
        "name": "Lake Council",
        "member": [
            {"@type": "Person", "name": "Mia Holm", "jobTitle": "Chair of the Lake Council"},
            {"@type": "Person", "name": "Per Lund", "jobTitle": "Secretary of the Lake Council"},
        ],
    }


def test_a_party_without_representatives(tiny: Paths, edit: Edit) -> None:
    edit(
        "event.yaml",
        "outcome_documents:",
        "  - party: sudland-lake-institute\noutcome_documents:",
    )
    pages = prepare(tiny).pages
    home, brief = pages["index.md"], pages["brief.md"]
    institute = "[Sudland Lake Institute](organisations/sudland-lake-institute.md)"
    phrase = f"- **Participants:** 2 countries and the {institute}"
    assert _line(home, "- **Participants:**") == phrase
    assert f"| {institute} | — |" in home.splitlines()
    assert _line(brief, "**Participants:**").endswith(f"; {institute}")
    [*_, attendee] = _jsonld(home)["attendee"]
    assert attendee == {
        "@type": "Organization",
        "name": "Sudland Lake Institute",
        "alternateName": "SLI",
    }


def test_only_organisations(tiny: Paths, edit: Edit) -> None:
    countries = (
        "  - party: nordmark\n    representatives: [ada-brook]\n"
        "  - party: sudland\n    representatives: [ola-reed]\n"
    )
    edit("event.yaml", countries, "  - party: sudland-lake-institute\n")
    with_lake_council(edit)
    home = prepare(tiny).pages["index.md"]
    assert _line(home, "- **Participants:**") == (
        "- **Participants:** the [Sudland Lake Institute](organisations/sudland-lake-institute.md)"
        " and the [Lake Council](organisations/lake-council.md)"
    )


def test_a_party_must_be_a_country_or_an_organisation(tiny: Paths, edit: Edit) -> None:
    edit("event.yaml", "  - party: sudland\n", "  - party: ola-reed\n")
    [problem] = problems_of(tiny)
    assert problem.field == "participants[1].party"
    assert problem.message == "'ola-reed' is in people, expected countries or organisations"


def test_a_party_listed_twice_is_a_warning(tiny: Paths, edit: Edit, tmp_path: Path) -> None:
    edit(
        "event.yaml",
        "outcome_documents:",
        "  - party: nordmark\n    representatives: [ola-reed]\noutcome_documents:",
    )
    command = [sys.executable, "-m", "builder", "--data", str(tiny.data), "--docs", str(tiny.docs)]
    env = {**os.environ, "BRIEFING_CACHE": str(tmp_path / "cache")}
    result = subprocess.run(
        [*command, "check"],
        cwd=tiny.data.parent,
        capture_output=True,
        text=True,
        check=False,
        env={**env, **BUILDER_ENV},
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "warning: data/event.yaml:18:12: participants[2].party: 'nordmark' is listed twice "
        "(first at participants[0]); list it once with all its representatives\n"
    )
    # Until then it is counted and shown once, with the people of both entries.
    pages = prepare(tiny).pages
    assert _line(pages["index.md"], "- **Participants:**") == "- **Participants:** 2 countries"
    assert _line(pages["brief.md"], "**Participants:**").startswith(
        "**Participants:** [Nordmark](countries/nordmark.md) "
        "([Ada Brook](people/ada-brook.md), [Ola Reed](people/ola-reed.md)); "
    )


def test_the_venue_names_its_country_once(tiny: Paths, edit: Edit) -> None:
    def where() -> str:
        return _line(prepare(tiny).pages["index.md"], "- **Where:**")

    assert where() == "- **Where:** Port Alder, [Nordmark](countries/nordmark.md)"
    edit("event.yaml", "venue: Port Alder", "venue: Port Alder, NORDMARK")
    assert where() == "- **Where:** Port Alder, [NORDMARK](countries/nordmark.md)"
    edit("event.yaml", "venue: Port Alder, NORDMARK", "venue: Nordmark's Port Alder [north]")
    edit("countries.yaml", "  name: Nordmark\n", "  name: Nordmark\n  aliases: [Nordmark's]\n")
    assert where() == "- **Where:** [Nordmark's](countries/nordmark.md) Port Alder \\[north\\]"
