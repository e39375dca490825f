"""What the event decided, as distinct from what was proposed, done earlier or suggested.

The Outcomes page, its picture and the home page all group initiatives the same way, so
the grouping lives here once. An initiative's *stage* comes from its status
(:data:`builder.vocabulary.STAGE_OF`), except that one put forward at an earlier meeting
(its ``occasion``) belongs with the earlier and background items whatever its status:
the 2029 ministers' agreement is not something this event decided. Suggestions and
unconfirmed claims stay where they are, wherever they were made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from builder.chronology import in_order
from builder.index import Entity, Index, Item
from builder.kinds import INITIATIVES, SECTORS, TIMELINE
from builder.model import Figure, Initiative, Sector, TimelineEvent
from builder.vocabulary import STAGE_OF, STAGES, Stage

BACKGROUND = "background"
UNCONFIRMED = "unconfirmed"
# Stages that are the event's own outcomes: what the home page shows first.
OUTCOME_STAGES = ("decided", "announced")
STAGE_RANK = {stage.name: rank for rank, stage in enumerate(STAGES)}


def stage_of(item: Initiative) -> str:
    """The stage an initiative is shown under (a name from STAGES)."""
    stage = STAGE_OF[item.status]
    if item.occasion is not None and stage != UNCONFIRMED:
        return BACKGROUND
    return stage


def is_outcome(item: Initiative | Figure) -> bool:
    """Whether it is an outcome of this event: decided or announced at it, or a figure
    marked as one (a pledge, a target)."""
    if isinstance(item, Figure):
        return item.outcome
    return stage_of(item) in OUTCOME_STAGES


@dataclass(frozen=True)
class Group:
    """The initiatives of one stage from one occasion: this event, an earlier meeting, or
    (for background) none in particular."""

    anchor: str
    title: str
    occasion: Entity[TimelineEvent] | None
    initiatives: tuple[Entity[Initiative], ...]


@dataclass(frozen=True)
class Section:
    """One stage, its groups in reading order."""

    stage: Stage
    groups: tuple[Group, ...]

    @property
    def count(self) -> int:
        return sum(len(group.initiatives) for group in self.groups)

    @property
    def initiatives(self) -> tuple[Entity[Initiative], ...]:
        return tuple(entity for group in self.groups for entity in group.initiatives)


def outcomes(index: Index) -> tuple[Section, ...]:
    """Every stage, in the order of STAGES (empty ones too: the picture shows them all),
    each with its initiatives grouped by occasion, titles in alphabetical order."""
    event = index.briefing.event
    by_place: dict[tuple[str, str], list[Entity[Initiative]]] = {}
    for entity in index.of(INITIATIVES):
        key = (stage_of(entity.item), entity.item.occasion or "")
        by_place.setdefault(key, []).append(entity)
    # Earlier meetings in the order the timeline shows them (builder/chronology.py: a
    # meeting dated only by its year keeps its place among that year's dated ones).
    occasions = {occasion for _, occasion in by_place if occasion}
    meetings = [entry for entry in in_order(index.of(TIMELINE)) if entry.id in occasions]
    sections = []
    for stage in STAGES:
        groups = [
            Group(
                f"{stage.name}-{meeting.id}",
                f"At an earlier meeting: {meeting.title} ({_timeline_item(meeting).date_text})",
                _timeline(meeting),
                tuple(by_place[(stage.name, meeting.id)]),
            )
            for meeting in meetings
            if (stage.name, meeting.id) in by_place
        ]
        here = tuple(by_place.get((stage.name, ""), ()))
        if here:
            own = Group(stage.name + "-here", _here_title(stage, event.short_name), None, here)
            # Background: the earlier meetings first, then what was simply in place.
            groups = [*groups, own] if stage.name == BACKGROUND else [own, *groups]
        sections.append(Section(stage, tuple(groups)))
    return tuple(sections)


def _here_title(stage: Stage, event: str) -> str:
    if stage.name == BACKGROUND:
        return "In place or finished before the event"
    if stage.name == UNCONFIRMED:
        return "Not put forward by a participant"
    return f"At {event}"


def _timeline_item(entity: Entity[Item]) -> TimelineEvent:
    item = entity.item
    if not isinstance(item, TimelineEvent):  # validation: occasion names a timeline entry
        raise TypeError(f"{entity.id!r} is not an entry of the {TIMELINE.name}")
    return item


def _timeline(entity: Entity[Item]) -> Entity[TimelineEvent]:
    _timeline_item(entity)
    return cast("Entity[TimelineEvent]", entity)  # checked just above


def outcomes_first(entities: list[Entity[Initiative]]) -> list[Entity[Initiative]]:
    """Initiatives in the order of their stages (outcomes first), otherwise as given."""
    return sorted(entities, key=lambda e: STAGE_RANK[stage_of(e.item)])


def figures_outcomes_first(entities: list[Entity[Figure]]) -> list[Entity[Figure]]:
    """Figures that are outcomes of the event first, otherwise as given."""
    return sorted(entities, key=lambda e: not e.item.outcome)


def stage_title(item: Initiative) -> str:
    return next(stage.title for stage in STAGES if stage.name == stage_of(item))


def counts_by_sector(
    index: Index, sections: tuple[Section, ...]
) -> list[tuple[Entity[Sector], tuple[int, ...]]]:
    """Per sector (in title order), how many initiatives each stage has in it; sectors
    with none left out. The Outcomes picture's text alternative."""
    rows = []
    for sector in index.of(SECTORS):
        counts = tuple(
            sum(sector.id in entity.item.sectors for entity in section.initiatives)
            for section in sections
        )
        if any(counts):
            rows.append((sector, counts))
    return rows
