"""An item's links are stated by the paragraphs it quotes, or given a reason in `inferred`;
a discrepancy affects only what its versions' paragraphs are about. Warnings, positioned."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.errors import MAX_SHOWN, print_warnings
from builder.grounding import inferable
from builder.load import load
from builder.model import Discrepancy, Figure, Initiative, Project
from builder.pipeline import Paths, prepare
from builder.validate import validate
from tests.conftest import Edit, run_builder

ASK = "harbour-report ¶3"  # "Sudland's minister Ola Reed … asked for a water-quality study."


def warnings_of(paths: Paths) -> list[str]:
    return [str(w) for w in validate(load(paths.data)).warnings]


def test_the_fixture_states_every_link(tiny: Paths) -> None:
    assert warnings_of(tiny) == []


def test_a_country_no_quoted_paragraph_names_is_a_positioned_warning(
    tiny: Paths, edit: Edit
) -> None:
    edit("initiatives.yaml", "  countries: [sudland]\n", "  countries: [sudland, nordmark]\n")
    assert warnings_of(tiny) == [
        f"data/initiatives.yaml:24:24: [1].countries[1]: 'nordmark' is not named in the "
        f"paragraphs this item quotes ({ASK}), and cites none of them\n"
        "    hint: quote a paragraph that names it, or say why in inferred: {countries: ...}"
    ]


def test_a_reason_in_inferred_answers_the_warning(tiny: Paths, edit: Edit) -> None:
    edit("initiatives.yaml", "  countries: [sudland]\n", "  countries: [sudland, nordmark]\n")
    edit(
        "initiatives.yaml",
        "  related: [lake-ferry]\n",
        "  related: [lake-ferry]\n  inferred:\n    countries: the lake is shared\n",
    )
    assert warnings_of(tiny) == []


def test_a_reason_for_an_empty_field_is_flagged(tiny: Paths, edit: Edit) -> None:
    edit(
        "initiatives.yaml",
        "  related: [lake-ferry]\n",
        "  related: [lake-ferry]\n  inferred:\n    occasion: an earlier meeting\n",
    )
    assert warnings_of(tiny) == [
        "data/initiatives.yaml:27:15: [1].inferred.occasion: gives a reason for 'occasion', "
        "which lists nothing\n"
        "    hint: remove inferred.occasion, or fill in occasion"
    ]


def test_a_proposer_named_only_elsewhere_is_flagged(tiny: Paths, edit: Edit) -> None:
    """Ada Brook is named in ¶2, not in ¶3, which the study quotes."""
    edit("initiatives.yaml", "  proposers: [ola-reed]\n", "  proposers: [ada-brook]\n")
    assert warnings_of(tiny) == [
        f"data/initiatives.yaml:22:15: [1].proposers[0]: 'ada-brook' is not named in the "
        f"paragraphs this item quotes ({ASK}), and cites none of them\n"
        "    hint: quote a paragraph that names it, or say why in inferred: {proposers: ...}"
    ]


def test_a_related_item_is_stated_only_where_the_two_share_a_paragraph(
    tiny: Paths, edit: Edit
) -> None:
    """The study's `related: [lake-ferry]` is stated because the ferry cites ¶3 too ("supported
    the ferry plan"); once it no longer does, nothing in the sources links the two (and
    nothing the ferry quotes names Sudland any more)."""
    edit(
        "initiatives.yaml",
        "    - source: harbour-report\n      quote: supported the ferry plan\n",
        "",
    )
    edit("discrepancies.yaml", "  affects: [lake-ferry]", "  affects: []")
    assert warnings_of(tiny) == [
        "data/initiatives.yaml:9:25: [0].countries[1]: 'sudland' is not named in the "
        "paragraphs this item quotes (harbour-report ¶2, blog-post ¶1), and cites none of them\n"
        "    hint: quote a paragraph that names it, or say why in inferred: {countries: ...}",
        f"data/initiatives.yaml:23:13: [1].related[0]: 'lake-ferry' is not named in the "
        f"paragraphs this item quotes ({ASK}), and cites none of them\n"
        "    hint: quote a paragraph that names it, or say why in inferred: {related: ...}",
    ]


def test_a_project_financier_not_named_is_flagged(tiny: Paths, edit: Edit) -> None:
    """Ola Reed is named in ¶3; the landing stage quotes only ¶5."""
    edit("projects.yaml", "  financiers: [nordmark]\n", "  financiers: [nordmark, ola-reed]\n")
    assert warnings_of(tiny) == [
        "data/projects.yaml:10:26: [0].financiers[1]: 'ola-reed' is not named in the "
        "paragraphs this item quotes (harbour-report ¶5), and cites none of them\n"
        "    hint: quote a paragraph that names it, or say why in inferred: {financiers: ...}"
    ]


def test_a_discrepancy_affecting_an_unrelated_entity_is_flagged(tiny: Paths, edit: Edit) -> None:
    edit("discrepancies.yaml", "  affects: [lake-ferry]", "  affects: [lake-ferry, ferry-cost]")
    assert warnings_of(tiny) == [
        "data/discrepancies.yaml:15:25: [0].affects[1]: 'ferry-cost' is not named in the "
        "paragraphs the versions quote (harbour-report ¶3, blog-post ¶1), and cites none "
        "of them\n"
        "    hint: list only entities that use the disputed fact, or quote the version that "
        "concerns it"
    ]


def test_the_warnings_do_not_stop_a_build_and_are_printed(tiny: Paths, edit: Edit) -> None:
    edit("initiatives.yaml", "  countries: [sudland]\n", "  countries: [sudland, nordmark]\n")
    assert len(prepare(tiny).warnings) == 1
    result = run_builder("check", cwd=Path.cwd())
    assert result.returncode == 0
    assert result.stderr.startswith("warning: data/initiatives.yaml:24:24: [1].countries[1]:")


def test_the_checked_fields_are_the_ones_inferred_may_name() -> None:
    assert inferable(Initiative) == ("proposers", "countries", "related", "occasion")
    assert inferable(Project) == ("countries", "financiers", "supporters", "partners")
    assert inferable(Figure) == ("countries",)
    assert inferable(Discrepancy) == ()


def test_the_page_shows_the_reason(tiny: Paths, edit: Edit) -> None:
    edit("initiatives.yaml", "  countries: [sudland]\n", "  countries: [sudland, nordmark]\n")
    edit(
        "initiatives.yaml",
        "  related: [lake-ferry]\n",
        "  related: [lake-ferry]\n  inferred:\n    countries: the lake is shared\n",
    )
    page = prepare(tiny).pages["initiatives/water-study.md"]
    assert (
        "- **Countries:** [Sudland](../countries/sudland.md), [Nordmark](../countries/"
        "nordmark.md) (inferred: the lake is shared)\n"
    ) in page


def test_a_project_page_tells_support_from_financing(tiny: Paths, edit: Edit) -> None:
    edit(
        "projects.yaml",
        "  financiers: [nordmark]\n",
        "  financiers: [nordmark]\n  supporters: [sudland-lake-institute]\n"
        "  inferred:\n    supporters: advice is a kind of support\n",
    )
    page = prepare(tiny).pages["projects/port-alder-landing-stage.md"]
    lines = [line for line in page.splitlines() if line.startswith(("- **Financed", "- **Supp"))]
    assert lines == [
        "- **Financed by:** [Nordmark](../countries/nordmark.md)",
        "- **Supported by:** [Sudland Lake Institute](../organisations/sudland-lake-institute.md)"
        ' — the sources say "with the support of", not who paid (inferred: advice is a kind'
        " of support)",
    ]


LANDING_PLAN = """
- id: landing-plan
  title: Landing plan
  summary: The blog's ferry, with a landing stage.
  kind: plan
  status: planned
  sectors: [transport]
  related: [port-alder-landing-stage]
  citations:
    - source: blog-post
      quote: The Lakes Forum agreed a ferry service
"""


def test_a_related_item_whose_paragraphs_name_this_one_is_stated(tiny: Paths) -> None:
    """A link shows on both pages: it is stated when the other side's paragraphs name this
    item. The landing stage quotes ¶5, "... a landing stage at Port Alder ..."."""
    path = tiny.data / "initiatives.yaml"
    path.write_text(path.read_text("utf-8") + LANDING_PLAN, "utf-8")
    assert [w.split(": ", 2)[1] for w in warnings_of(tiny)] == ["[2].related[0]"]
    named = LANDING_PLAN.replace("  kind: plan\n", "  kind: plan\n  aliases: [Port Alder]\n")
    path.write_text(path.read_text("utf-8").replace(LANDING_PLAN, named), "utf-8")
    assert warnings_of(tiny) == []


def test_thousands_of_warnings_print_the_first_ones(capsys: pytest.CaptureFixture[str]) -> None:
    """A briefing with many ungrounded links prints as many warnings as an error report
    shows problems, then how many more."""
    lines = [f"data/x.yaml:{n}:1: [0].countries[0]: 'c' is not named" for n in range(1, 251)]
    print_warnings(lines)
    printed = capsys.readouterr().err.splitlines()
    assert len(printed) == MAX_SHOWN + 1
    assert printed[0] == "warning: data/x.yaml:1:1: [0].countries[0]: 'c' is not named"
    assert printed[-1] == f"... and {250 - MAX_SHOWN:,} more warnings"
