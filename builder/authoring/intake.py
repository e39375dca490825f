"""`python -m builder source add FILE --title …`: an article into the briefing as a source.

The article's text is copied verbatim (only its line ends and a byte-order mark are made
what the loader reads), under front matter with every field of the schema: what the
analyst stated on the command line, null for what is not known, and nothing taken from
the text unasked. What the text seems to state (a date, a byline) is offered; paragraphs
with no substance are proposed for ``skip:``, written commented out unless the analyst
asks for them (``--skips``): an entry in the data is one the analyst has accepted.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError

from builder.authoring.article import read_article
from builder.authoring.frontmatter import check_front_matter, front_matter
from builder.authoring.noise import Proposal, propose_skips
from builder.authoring.stated import Offer, guess_language, offers
from builder.errors import DataError, Problem, display_path
from builder.ids import propose_id
from builder.kinds import SOURCES
from builder.load import load
from builder.model import Line, PartialDate, Slug, SourceMeta, Text, Url
from builder.paragraphs import Paragraph, split
from builder.quotes import QuoteIndex
from builder.validate import describe_all
from builder.write import write_file

UNASSESSED = (
    "Not yet assessed: added with source add. Say here what kind of document it is, who "
    "stands behind it and how far it can be trusted, and set reliability to match."
)
MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class Given:
    """What the analyst stated on the command line."""

    file: Path
    title: str
    date: str | None = None
    url: str | None = None
    id: str | None = None
    language: str | None = None
    kind: str = "article"
    author: str | None = None
    publisher: str | None = None
    reliability: Literal["high", "medium", "low"] = "low"
    reliability_note: str | None = None  # None: a placeholder that says it is missing
    format: Literal["text", "markdown"] | None = None
    skips: bool = False  # write the proposed skips as entries, not as comments


@dataclass(frozen=True)
class Intake:
    """The source as it is (or would be) written, and what was proposed and offered."""

    path: Path
    text: str
    paragraphs: list[Paragraph]
    language: str
    language_why: str  # "" when the analyst gave it
    proposed: list[Proposal]
    refused: list[Proposal]  # looked like noise, but a skip would hide other paragraphs
    offered: list[Offer] = field(default_factory=list)


def add_source(data: Path, given: Given, *, write: bool = True) -> Intake:
    """Make the source file from ``given``; write it unless ``write`` is false. Raises
    DataError naming the flag or file at fault, and writes nothing then."""
    _refuse_inside(data, given.file)
    problems = _check_flags(given)
    body = read_article(given.file, problems)
    language, why = _language(given, body, problems)
    key, path = _place(data, given, problems)
    if problems or body is None:
        raise DataError(problems)
    fmt = given.format or ("markdown" if given.file.suffix in MARKDOWN_SUFFIXES else "text")
    paragraphs = split(body, fmt)
    proposed, refused = propose_skips(paragraphs)
    stated = offers(paragraphs)
    proposed = _with_offers(_located(proposed, paragraphs), stated)
    text = front_matter(_meta(given, key, language, fmt), proposed, accept=given.skips) + body
    check_front_matter(text, display_path(path))
    if write:
        _create(path, text)
    unasked = [o for o in stated if getattr(given, o.field) is None]
    return Intake(path, text, paragraphs, language, why, proposed, refused, unasked)


@dataclass(frozen=True)
class _Text:
    paragraphs: tuple[Paragraph, ...]


def _located(proposed: list[Proposal], paragraphs: list[Paragraph]) -> list[Proposal]:
    """The proposals the builder's own skip check finds, as it will find them in the
    written source (all of them: each quotes a paragraph whole; this keeps it so)."""
    quotes = QuoteIndex({"new": _Text(tuple(paragraphs))})
    return [p for p in proposed if quotes.paragraphs_with("new", p.paragraph.folded)]


def _unplaced(where: str, message: str, hint: str) -> Problem:
    """A problem with no line to point at: a flag's value, or a file as a whole."""
    return Problem(where, 0, 0, "", message, hint)


def _refuse_inside(data: Path, file: Path) -> None:
    # The loader would refuse the article there (no front matter) before anything could start.
    if file.resolve().parent == (data / SOURCES.name).resolve():
        message = "is in the sources folder already, without front matter"
        hint = "move it out: source add writes the source file there itself"
        raise DataError([_unplaced(display_path(file), message, hint)])


def _language(given: Given, body: str | None, problems: list[Problem]) -> tuple[str, str]:
    """The language code, and why it was guessed ("" when given)."""
    if given.language is not None or body is None:
        return given.language or "", ""
    guessed = guess_language(body)
    if guessed is None:
        message = "needed: the text's script does not show its language"
        hint = "give its ISO 639 code, e.g. --language en"
        problems.append(_unplaced("--language", message, hint))
        return "", ""
    return guessed


def _place(data: Path, given: Given, problems: list[Problem]) -> tuple[str, Path]:
    """The source's id and file: given, or proposed from the title, and free."""
    taken = _ids_in(data)
    key = given.id or propose_id(given.title, taken)
    path = data / SOURCES.name / f"{key}.md"
    if given.id in taken:
        hint = "ids are unique across all collections and sources; choose another"
        problems.append(_unplaced("--id", f"{key!r} is already used", hint))
    elif path.exists() or path.is_symlink():
        message = "already exists; source add never replaces a source"
        hint = "give another --id, or edit the file"
        problems.append(_unplaced(display_path(path), message, hint))
    return key, path


def _with_offers(proposed: list[Proposal], stated: list[Offer]) -> list[Proposal]:
    """A dateline or byline proposed for skipping says so: its value is offered too."""
    said = {offer.line: offer for offer in stated}
    return [
        Proposal(p.paragraph, _LINE_KINDS[said[p.paragraph.line].field])
        if p.paragraph.line in said
        else p
        for p in proposed
    ]


_LINE_KINDS = {
    "date": "a dateline: its date belongs in the date field, if it is the publication's",
    "author": "a byline: its name belongs in the author field",
}


def _create(path: Path, text: str) -> None:
    """Write a new file whole, and never over one that appeared since it was looked for:
    the text goes to a temporary file (not ``*.md``, so no build reads it), which is then
    linked to its name, an operation that fails where a file already stands."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    write_file(temporary, text)
    try:
        os.link(temporary, path)
    except FileExistsError:
        problem = _unplaced(display_path(path), "appeared meanwhile; not replaced", "")
        raise DataError([problem]) from None
    except OSError:
        # A file system without hard links: the check above is then the only guard.
        write_file(path, text)
    finally:
        temporary.unlink(missing_ok=True)


def _check_flags(given: Given) -> list[Problem]:
    """Each value given on the command line, checked as the schema checks it."""
    checks: list[tuple[str, Any, str | None]] = [
        ("--title", Line, given.title),
        ("--date", PartialDate, given.date),
        ("--url", Url, given.url),
        ("--id", Slug, given.id),
        ("--kind", Line, given.kind),
        ("--author", Line, given.author),
        ("--publisher", Line, given.publisher),
        ("--reliability-note", Text, given.reliability_note),
        ("--language", SourceMeta.model_fields["language"].annotation, given.language),
    ]
    problems = []
    for flag, annotation, value in checks:
        if value is None:
            continue
        try:
            TypeAdapter(annotation).validate_python(value, strict=True)
        except ValidationError as error:
            message, hint = describe_all(error.errors())
            problems.append(_unplaced(flag, message, hint))
    return problems


def _ids_in(data: Path) -> set[str]:
    """Every id the briefing already uses: ids are unique across all collections."""
    raw = load(data)
    documents = [raw.event[1].data] if raw.event else []
    for _, document in raw.collections.values():
        documents += document.data if isinstance(document.data, list) else []
    taken = {str(d["id"]) for d in documents if isinstance(d, dict) and "id" in d}
    taken |= {str(s.front.data.get("id")) for s in raw.sources if isinstance(s.front.data, dict)}
    return taken | {Path(s.path).stem for s in raw.sources}


def _meta(given: Given, key: str, language: str, fmt: str) -> dict[str, Any]:
    """Every field of the schema, in its order: unknown ones null."""
    values: dict[str, Any] = {
        "id": key,
        "title": given.title,
        "kind": given.kind,
        "date": given.date,
        "publisher": given.publisher,
        "author": given.author,
        "url": given.url,
        "language": language,
        "reliability": given.reliability,
        "reliability_note": given.reliability_note or UNASSESSED,
        "format": fmt,
    }
    return {name: values.get(name) for name in SourceMeta.model_fields if name != "skip"}
