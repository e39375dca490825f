"""The embedded briefing claims no more than its quotes: every link stated or given a
reason, statuses in the sources' own words, menus neither cited, skipped-as-fact nor
counted as mentions (issue: a second read of the data against the five sources)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.coverage import coverage_report
from builder.index import Index
from builder.kinds import PROJECTS
from builder.load import load
from builder.pipeline import Paths, prepare
from builder.validate import Briefing, validate
from tests.conftest import PROJECT


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return validate(load(PROJECT / "data"))


def test_every_link_is_stated_or_has_a_reason(tmp_path: Path) -> None:
    warnings = prepare(Paths(PROJECT / "data", tmp_path, PROJECT / "templates")).warnings
    assert warnings == []


def item(briefing: Briefing, key: str) -> object:
    for items in briefing.collections.values():
        for found in items:
            if getattr(found, "id", None) == key:
                return found
    raise KeyError(key)


@pytest.mark.parametrize(
    ("key", "status"),
    [
        ("ca-japan-2040-strategy", "proposed"),  # among Mirziyoyev's proposals
        ("japanese-financial-institutions-role", "supported"),  # "support was expressed"
        ("japan-central-asia-ai-partnership", "announced"),  # cooperation "includes … the launch"
        ("summit-documents-signed", "signed"),  # "signed and submitted"
        ("transport-logistics-cooperation-initiative", "launched"),  # "launched" in 2017
        ("decl-cultural-educational-exchanges", "uncorroborated"),  # only the aggregator
        ("decl-green-energy-support", "uncorroborated"),
        ("samarkand-bukhara-solar-storage", "financed"),  # "JBIC provided financing"
    ],
)
def test_statuses_say_what_the_quotes_say(briefing: Briefing, key: str, status: str) -> None:
    assert getattr(item(briefing, key), "status") == status  # noqa: B009


def test_with_the_support_of_is_not_financing(briefing: Briefing) -> None:
    """Only the Uzbek transport projects are "Japan-financed", and JBIC's solar financing."""
    financed = sorted(p.id for p in briefing.of(PROJECTS) if p.financiers)
    assert financed == [
        "karshi-termez-electrification",
        "samarkand-bukhara-solar-storage",
        "samarkand-bukhara-urgench-airports",
        "tashguzar-kumkurgan-railway",
    ]


def test_a_related_theme_does_not_count_as_a_second_source(briefing: Briefing) -> None:
    index = Index(briefing)
    for key in ("decl-cultural-educational-exchanges", "decl-green-energy-support"):
        support = index.support(key)
        assert [s.id for s in support.sources] == ["aggregator-declaration"]
        assert [s.id for s in support.context] == ["outcome-report"]


def test_menus_are_no_mentions(briefing: Briefing) -> None:
    """The pre-summit analysis' site menus (¶2, ¶4) name Uzbekistan and its President."""
    index = Index(briefing)
    for key in ("uzbekistan", "shavkat-mirziyoyev"):
        places = {(m.source, m.paragraph) for m in index.mentions_of(key)}
        assert places.isdisjoint({("pre-summit-analysis", 2), ("pre-summit-analysis", 4)})


def test_every_paragraph_is_cited_or_skipped(briefing: Briefing) -> None:
    text, uncovered = coverage_report(Index(briefing))
    assert uncovered == 0, text
