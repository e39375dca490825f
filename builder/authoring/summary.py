"""What ``source add`` tells the analyst: the file made, the skips proposed, the offers."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from builder.authoring.intake import Given, Intake, add_source
from builder.errors import display_path

EXCERPT = 70  # characters of a paragraph shown


def add_source_command(args: argparse.Namespace, data: Path) -> int:
    given = Given(
        file=args.file,
        title=args.title,
        date=args.date,
        url=args.url,
        id=args.id,
        language=args.language,
        kind=args.kind,
        author=args.author,
        publisher=args.publisher,
        reliability=args.reliability,
        reliability_note=args.reliability_note,
        format=args.format,
        skips=args.skips,
    )
    intake = add_source(data, given, write=not args.dry_run)
    print(describe(intake, given, written=not args.dry_run))
    return 0


def describe(intake: Intake, given: Given, *, written: bool) -> str:
    shown = display_path(intake.path)
    language = f"{intake.language} ({intake.language_why})" if intake.language_why else ""
    lines = [
        f"{'added' if written else 'would add'} {shown}: {len(intake.paragraphs)} paragraphs"
        + (f", language {language}" if language else "")
    ]
    if intake.proposed:
        if not written:
            how = "--skips writes them as entries, else they are written commented out"
        elif given.skips:
            how = "written as entries: delete those you want cited"
        else:
            how = 'written commented out: remove "# " before those to keep'

        lines.append(f"proposed skips ({how}):")
        lines += [f"  {_where(p.paragraph)}: {p.reason}" for p in intake.proposed]
    if intake.refused:
        lines.append(
            "not proposed, though they look like noise (a skip hides every paragraph "
            "with its words):"
        )
        lines += [f"  {_where(p.paragraph)}: {p.reason}" for p in intake.refused]
    for offer in intake.offered:
        flag = f"--{offer.field} {shlex.quote(offer.value)}"
        lines.append(f"the text says {offer.said!r} on line {offer.line}: add {flag}?")
    if intake.offered and written:
        lines.append(f"  (to accept one now, set its field in {shown})")
    if given.reliability_note is None and written:
        lines.append(
            f"to do: reliability is {given.reliability} and reliability_note a placeholder "
            "until you assess the source"
        )
    return "\n".join(lines)


def _where(paragraph: object) -> str:
    number, line, text = (getattr(paragraph, a) for a in ("number", "line", "folded"))
    excerpt = text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
    return f"¶{number} (line {line}) {excerpt!r}"
