"""schema.org descriptions (JSON-LD) of the event and the sources, from stated facts only.

Nothing unknown is filled in: a source without a stated date, author or publisher gets
no such property.

The event's participants are its ``attendee`` values, which schema.org expects to be an
``Organization`` or a ``Person``. An organisation taking part is an ``Organization``; a
country taking part is its government, a ``GovernmentOrganization`` serving that
``Country`` (a ``Country`` is a place, not an attendee). The people who represented a
participant are its ``member`` values, each a ``Person`` with the role the data gives.
"""

from __future__ import annotations

from typing import Any

from builder.index import Index, Party
from builder.model import Organisation, Person, SourceMeta


def event_jsonld(index: Index) -> dict[str, Any]:
    event = index.briefing.event
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.name,
        "description": event.description,
        "startDate": event.dates.start,
        "location": {"@type": "Place", "name": event.venue},
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
    }
    if event.dates.end:
        data["endDate"] = event.dates.end
    if index.parties():
        data["attendee"] = [_attendee(party) for party in index.parties()]
    return data


def _attendee(party: Party) -> dict[str, Any]:
    name = party.entity.title
    data: dict[str, Any]
    if party.is_country:
        country = {"@type": "Country", "name": name}
        data = {"@type": "GovernmentOrganization", "name": name, "areaServed": country}
    else:
        data = {"@type": "Organization", "name": name}
        item = party.entity.item
        if isinstance(item, Organisation) and item.acronym:
            data["alternateName"] = item.acronym
    people = [_person(entity.title, entity.item) for entity in party.representatives]
    if people:
        data["member"] = people
    return data


def _person(name: str, item: object) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Person", "name": name}
    if isinstance(item, Person):
        data["jobTitle"] = item.role
    return data


def source_jsonld(meta: SourceMeta) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": meta.title,
        "genre": meta.kind,
        "inLanguage": meta.language,
    }
    if meta.date:
        data["datePublished"] = meta.date
    if meta.author:
        data["author"] = {"@type": "Person", "name": meta.author}
    if meta.publisher:
        data["publisher"] = {"@type": "Organization", "name": meta.publisher}
    if meta.url:
        data["url"] = meta.url
    return data
