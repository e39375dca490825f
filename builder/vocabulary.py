"""The schema's closed word lists, each word with the one sentence that defines it.

The schema (builder/model.py) names the words; this module says what each means and how
the site groups them. The legends on the site, the Method page's lists and the README's
data reference are all generated from these tables, so a word is defined once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Word:
    """One allowed value of a field, what it means, and (for statuses) its stage."""

    name: str
    meaning: str
    stage: str = ""


@dataclass(frozen=True)
class Stage:
    """How far an item got, a coarser grouping of statuses for readers."""

    name: str
    title: str
    meaning: str


# In the order a reader wants them: what was decided first, suggestions last.
STAGES: tuple[Stage, ...] = (
    Stage("decided", "Decided", "signed, adopted, agreed, launched, financed or under way"),
    Stage("announced", "Announced", "announced or planned by a participant"),
    Stage("proposed", "Proposed", "put forward or supported by a participant, not agreed"),
    Stage("background", "Earlier and background", "in place or finished before the event"),
    Stage("unconfirmed", "Suggestions and unconfirmed claims", "analysts' ideas, weak claims"),
)

STATUSES: tuple[Word, ...] = (
    Word("signed", "The sources say the parties signed it (a document or agreement).", "decided"),
    Word(
        "adopted",
        "The sources say it was formally adopted (a declaration, a programme).",
        "decided",
    ),
    Word("agreed", "The sources say the parties agreed on it.", "decided"),
    Word("launched", "The sources say it was launched: it has started.", "decided"),
    Word(
        "financed", "The sources name who pays for it: a loan, a grant or an investment.", "decided"
    ),
    Word("underway", "The sources describe it as in progress.", "decided"),
    Word("announced", "A participant announced it as a plan or an intention.", "announced"),
    Word("planned", "The sources say it is planned or being prepared.", "announced"),
    Word(
        "proposed",
        "A participant (see 'proposed by') put it forward; no source says the others agreed.",
        "proposed",
    ),
    Word(
        "supported",
        "A participant (see 'proposed by') voiced support; no source says the others agreed.",
        "proposed",
    ),
    Word("existing", "It was in place before the event.", "background"),
    Word("completed", "The sources say it is finished.", "background"),
    Word("suggested", "An analyst suggested it; no participant put it forward.", "unconfirmed"),
    Word(
        "uncorroborated",
        "A single weak source claims it; no other source states it.",
        "unconfirmed",
    ),
)

SEVERITIES: tuple[Word, ...] = (
    Word(
        "major",
        "The sources conflict on something a reader would act on: a figure that may be wrong "
        "many times over, a date, who did what. The affected pages say so in a banner.",
    ),
    Word(
        "minor",
        "The sources differ on a detail that does not change the reading. The affected pages "
        "carry a note.",
    ),
    Word(
        "variant",
        "The same thing written differently: a spelling, a transliteration, a form of a name. "
        "The affected pages list it as 'also written'.",
    ),
    Word(
        "note",
        "Not a conflict: the analyst explains a reading, a name or an attribution. Listed in "
        "the register only.",
    ),
)

CITATION_ROLES: tuple[Word, ...] = (
    Word("support", "The quote states the claim; its source counts as corroboration."),
    Word(
        "context",
        "The quote gives background or a related theme; it is shown, but its source does not "
        "count as corroboration.",
    ),
)

STATUS_MEANING: dict[str, str] = {word.name: word.meaning for word in STATUSES}
STAGE_OF: dict[str, str] = {word.name: word.stage for word in STATUSES}
SEVERITY_MEANING: dict[str, str] = {word.name: word.meaning for word in SEVERITIES}
# Severities whose discrepancies are conflicts: they put a "Contested" banner on pages.
CONFLICTS = ("major", "minor")
