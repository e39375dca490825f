"""Each cited quote has a mark with an anchor of its own, and its citations link to it:
the quote a reader came for can be told from the paragraph's other quotes."""

from __future__ import annotations

import itertools
import re

from builder.index import Index
from builder.load import load
from builder.pipeline import Paths, prepare
from builder.validate import validate
from tests.conftest import Edit

# Paragraph 5 of the harbour report, as its claims quote it.
STAGE = "will build a landing stage at Port Alder in 2032–2033"


def cite_ada_brook_again(edit: Edit) -> None:
    """A second quote of paragraph 2 by the same person, inside the first one."""
    edit(
        "people.yaml",
        "      quote: Minister Ada Brook of Nordmark\n",
        "      quote: Minister Ada Brook of Nordmark\n"
        "    - source: harbour-report\n"
        "      quote: Ada Brook of Nordmark\n",
    )


def test_marks_follow_the_text_without_overlaps(tiny: Paths) -> None:
    index = Index(validate(load(tiny.data)))
    text = index.briefing.sources["harbour-report"].paragraphs[4].folded
    marks = index.quote_marks("harbour-report", 5)
    assert [m.anchor for m in marks] == [f"p5-q{n}" for n in range(1, len(marks) + 1)]
    assert [text[m.start : m.end] for m in marks] == [
        "Nordmark's Alder Harbour Board",
        STAGE,
        "paid for by Nordmark",
        "advised by the Sudland Lake Institute",
        " (SLI)",  # the organisation's quote runs on past the project's: the rest
    ]
    assert all(a.end <= b.start for a, b in itertools.pairwise(marks))
    # A citation links to the mark where its quote starts.
    (institute,) = index.citations_of("sudland-lake-institute")
    assert index.quote_anchor(institute) == "p5-q4"


def test_a_short_quote_links_to_the_mark_it_lies_in_not_the_last(tiny: Paths, edit: Edit) -> None:
    # Three quotes start alike, longest first: "Minister … Nordmark", then a longer one
    # from "Ada", then "Ada Brook" alone, which lies in the first mark, not in the
    # second's remainder.
    edit(
        "people.yaml",
        "      quote: Minister Ada Brook of Nordmark\n",
        "      quote: Minister Ada Brook of Nordmark\n"
        "    - source: harbour-report\n"
        "      quote: Ada Brook of Nordmark proposed\n"
        "    - source: harbour-report\n"
        "      quote: Ada Brook\n",
    )
    index = Index(validate(load(tiny.data)))
    first, longer, short = index.citations_of("ada-brook")[:3]
    assert [index.quote_anchor(c) for c in (first, longer, short)] == ["p2-q1"] * 3
    text = index.briefing.sources["harbour-report"].paragraphs[1].folded
    assert [text[m.start : m.end] for m in index.quote_marks("harbour-report", 2)][:2] == [
        "Minister Ada Brook of Nordmark",
        " proposed",
    ]


def test_a_quote_inside_another_shares_its_mark(tiny: Paths, edit: Edit) -> None:
    cite_ada_brook_again(edit)
    index = Index(validate(load(tiny.data)))
    first, inner = index.citations_of("ada-brook")[:2]
    assert index.quote_anchor(first) == index.quote_anchor(inner) == "p2-q1"
    assert len(index.quote_marks("harbour-report", 2)) == 2  # and the ferry proposal


def test_a_table_quote_links_to_its_paragraph(tiny: Paths) -> None:
    index = Index(validate(load(tiny.data)))
    (cost,) = index.citations_of("ferry-cost")
    assert index.quote_anchor(cost) == "p4"


def test_citations_link_to_their_own_mark_and_cited_by_names_each_claim_once(
    tiny: Paths, edit: Edit
) -> None:
    cite_ada_brook_again(edit)
    pages = prepare(tiny).pages
    project = pages["projects/port-alder-landing-stage.md"]
    assert (
        f"“{STAGE}” — [Lake ministers meet in Port Alder, ¶5](../sources/harbour-report.md#p5-q2)"
        in project
    )
    source = pages["sources/harbour-report.md"]
    assert f'<mark id="p5-q2">{STAGE}</mark>' in source
    assert len(re.findall(r'<mark id="p5-q\d+">', source)) == 5
    cited_by = next(
        line for line in source.splitlines() if line.startswith("Cited by") and "ada-brook" in line
    )
    assert cited_by.count("people/ada-brook.md") == 1, cited_by
