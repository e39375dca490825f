"""`python -m builder source add FILE --title …`: an article into the briefing as a source.

The article's text is copied verbatim (only its line ends and a byte-order mark are made
what the loader reads), under front matter with every field of the schema: what the
analyst stated on the command line, null for what is not known, and nothing taken from
the text unasked. What the text seems to state (a date, a byline) is offered; paragraphs
with no substance are proposed for ``skip:``, written commented out unless the analyst
asks for them (``--skips``): an entry in the data is one the analyst has accepted.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError

from builder import yamlsafe
from builder.authoring.noise import Proposal, propose_skips
from builder.authoring.stated import Offer, guess_language, offers
from builder.errors import DataError, Problem, display_path
from builder.ids import propose_id
from builder.kinds import SOURCES
from builder.load import MAX_SOURCE_BYTES, load
from builder.model import Line, PartialDate, Slug, SourceMeta, Text, Url
from builder.paragraphs import Paragraph, split
from builder.validate import describe_all
from builder.write import write_file

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/source.schema.json"
UNASSESSED = (
    "Not yet assessed: added with source add. Say here what kind of document it is, who "
    "stands behind it and how far it can be trusted, and set reliability to match."
)
MARKDOWN_SUFFIXES = (".md", ".markdown")
# Ids, codes and choices stay unquoted, as an analyst writes them, unless YAML would read
# them as something else: "no" (Norwegian) is a boolean to many YAML readers.
_PLAIN = re.compile(r"^[a-z][a-z0-9-]*$")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


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
    problems = _check_flags(given)
    body = _read_article(given.file, problems)
    language, why = given.language or "", ""
    if given.language is None and body is not None:
        guessed = guess_language(body)
        if guessed is None:
            problems.append(
                Problem(
                    "--language",
                    0,
                    0,
                    "",
                    "needed: the text's script does not show its language",
                    "give its ISO 639 code, e.g. --language en",
                )
            )
        else:
            language, why = guessed
    sources = data / SOURCES.name
    if given.file.resolve().parent == sources.resolve():
        # The loader would refuse it there (no front matter) before anything could start.
        raise DataError(
            [
                Problem(
                    display_path(given.file),
                    0,
                    0,
                    "",
                    "is in the sources folder already, without front matter",
                    "move it out: source add writes the source file there itself",
                )
            ]
        )
    taken = _ids_in(data)
    key = given.id or propose_id(given.title, taken)
    path = data / SOURCES.name / f"{key}.md"
    if given.id in taken:
        problems.append(
            Problem(
                "--id",
                0,
                0,
                "",
                f"{key!r} is already used",
                "ids are unique across all collections and sources; choose another",
            )
        )
    elif path.exists() or path.is_symlink():
        problems.append(
            Problem(
                display_path(path),
                0,
                0,
                "",
                "already exists; source add never replaces a source",
                "give another --id, or edit the file",
            )
        )
    if problems or body is None:
        raise DataError(problems)
    fmt = given.format or ("markdown" if given.file.suffix in MARKDOWN_SUFFIXES else "text")
    paragraphs = split(body, fmt)
    proposed, refused = propose_skips(paragraphs)
    stated = offers(paragraphs)
    proposed = _with_offers(proposed, stated)
    meta = _meta(given, key, language, fmt)
    text = _front_matter(meta, proposed, accept=given.skips) + body
    _self_check(text, display_path(path))
    if write:
        _create(path, text)
    unasked = [o for o in stated if getattr(given, o.field) is None]
    return Intake(path, text, paragraphs, language, why, proposed, refused, unasked)


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
        problem = Problem(display_path(path), 0, 0, "", "appeared meanwhile; not replaced")
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
            problems.append(Problem(flag, 0, 0, "", message, hint))
    return problems


def _read_article(file: Path, problems: list[Problem]) -> str | None:
    """The article's text with LF line ends, or None with a problem."""
    shown = display_path(file)
    try:
        if file.stat().st_size > MAX_SOURCE_BYTES:
            limit = f"{MAX_SOURCE_BYTES:,}"
            problems.append(Problem(shown, 0, 0, "", f"larger than {limit} bytes", "split it"))
            return None
        data = file.read_bytes()
    except OSError as error:
        problems.append(Problem(shown, 0, 0, "", f"cannot read the file: {error.strerror}"))
        return None
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        message = f"bytes that are not UTF-8 (0x{data[error.start]:02x})"
        problems.append(Problem(shown, line, column, "", message, "save the file as UTF-8"))
        return None
    # Web pages come with CRLF line ends; the loader reads LF only. Nothing else changes:
    # quotes are located in these very characters.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("---\n"):
        problems.append(
            Problem(
                shown,
                1,
                1,
                "",
                "already has front matter",
                "copy it into the sources folder yourself, or remove the front matter",
            )
        )
        return None
    if not text.strip():
        problems.append(Problem(shown, 0, 0, "", "the file is empty", "copy the article in"))
        return None
    return text if text.endswith("\n") else text + "\n"


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


def _front_matter(meta: dict[str, Any], proposed: list[Proposal], *, accept: bool) -> str:
    lines = ["---", SCHEMA_LINE]
    lines += [f"{name}: {_scalar(value)}" for name, value in meta.items()]
    if not proposed:
        lines.append("skip: []")
    else:
        lines.append("skip: [")
        if not accept:
            lines.append('  # Proposed by source add: remove "# " before each entry to keep.')
        mark = "" if accept else "# "
        for proposal in proposed:
            quote, reason = _scalar(proposal.paragraph.folded), _scalar(proposal.reason)
            lines.append(f"  {mark}{{quote: {quote}, reason: {reason}}},")
        lines.append("]")
    return "\n".join([*lines, "---", ""])


def _scalar(value: object) -> str:
    """A YAML scalar that reads back as exactly ``value``: null, or a double-quoted string
    (JSON's escapes are YAML's), with every character YAML would not keep escaped."""
    if value is None:
        return "null"
    if isinstance(value, str) and _PLAIN.match(value) and value not in _YAML_WORDS:
        return value
    quoted = json.dumps(str(value), ensure_ascii=False)
    return "".join(c if c.isprintable() else _escape(c) for c in quoted)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _self_check(text: str, shown: str) -> None:
    """The front matter reads back as a valid source, or nothing is written."""
    front = text[4 : text.index("\n---\n", 3) + 1]
    document, problems = yamlsafe.parse(front, shown, line_offset=1)
    if document is not None and not problems:
        try:
            SourceMeta.model_validate(document.data)
        except ValidationError as error:
            message, hint = describe_all(error.errors())
            problems = [Problem(shown, 0, 0, "", message, hint)]
    if problems:
        raise DataError(problems)
