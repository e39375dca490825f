"""schema.org descriptions (JSON-LD) of the event and the sources, from stated facts only.

Nothing unknown is filled in: a source without a stated date, author or publisher gets
no such property.
"""

from __future__ import annotations

from typing import Any

from builder.model import Event, SourceMeta


def event_jsonld(event: Event) -> dict[str, Any]:
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
