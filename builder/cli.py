"""python -m builder: build, check, report, quote, suggest, source add, links, publish, new,
schema, clean.

Each command imports only what it uses: the link check and ``clean`` should not wait for
pydantic, Jinja and the validators to load.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

from builder.errors import DataError
from builder.paths import PROJECT, Paths


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m builder", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: .)")
    parser.add_argument("--data", type=Path, help="data folder (default: ROOT/data)")
    parser.add_argument("--docs", type=Path, help="docs folder (default: ROOT/docs)")
    parser.add_argument("--templates", type=Path, help="templates folder (default: the builder's)")
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="validate the data and write the generated pages")
    commands.add_parser("check", help="validate and render everything; write nothing")
    commands.add_parser("report", help="list source paragraphs that no claim cites")
    quote = commands.add_parser(
        "quote", help="propose a quote of SOURCE that holds WORDS and occurs once in it"
    )
    quote.add_argument("source", metavar="SOURCE", help="id of the source")
    quote.add_argument("words", metavar="WORDS", nargs="+", help="words roughly as remembered")
    quote.add_argument("--limit", type=int, default=3, help="how many proposals (default: 3)")
    quote.add_argument("--format", choices=("text", "json"), default="text")
    suggest = commands.add_parser(
        "suggest", help="what SOURCE says that the briefing does not cite yet"
    )
    suggest.add_argument("source", metavar="SOURCE", help="id of the source")
    suggest.add_argument("--format", choices=("text", "yaml", "json"), default="text")
    links = commands.add_parser("links", help="check every internal link and anchor of a site")
    links.add_argument("site", type=Path, nargs="?", default=Path("site"))
    links.add_argument(
        "--site-url", default=os.environ.get("SITE_URL", ""), help="URL the site is served at"
    )
    publish = commands.add_parser(
        "publish",
        help="build the pages and the site (COMMAND --site-dir DIR), check links, swap SITE",
    )
    publish.add_argument("site", type=Path, nargs="?", default=Path("site"))
    publish.add_argument(
        "--site-url", default=os.environ.get("SITE_URL", ""), help="URL the site is served at"
    )
    publish.add_argument(
        "site_command",
        nargs=argparse.REMAINDER,
        metavar="-- COMMAND",
        help="what builds the site (default: mkdocs build --strict)",
    )
    new = commands.add_parser("new", help="start a briefing in a new folder that builds at once")
    new.add_argument("folder", type=Path)
    commands.add_parser("clean", help="remove the generated pages listed in the manifest")
    _source_parser(commands.add_parser("source", help="add an article to the briefing as a source"))
    schema = commands.add_parser("schema", help="write the JSON Schema files into the data folder")
    schema.add_argument("--check", action="store_true", help="fail if the files are out of date")
    return parser


def _source_parser(source: argparse.ArgumentParser) -> None:
    actions = source.add_subparsers(dest="action", required=True)
    add = actions.add_parser(
        "add",
        help="copy an article (text or Markdown) into DATA/sources/ with complete front "
        "matter; propose skips, offer the dates and bylines it states",
    )
    add.add_argument("file", type=Path, help="the article, as plain text or Markdown")
    add.add_argument("--title", required=True, help="the headline as the text gives it")
    add.add_argument("--date", help="publication date as stated: YYYY, YYYY-MM or YYYY-MM-DD")
    add.add_argument("--url", help="the address the text states")
    add.add_argument("--id", help="the source's id (default: proposed from the title)")
    add.add_argument(
        "--language", help="ISO 639 code (default: from the script, where it is obvious)"
    )
    add.add_argument("--kind", default="article", help="news report, analysis… (default: article)")
    add.add_argument("--author", help="the author the text names")
    add.add_argument("--publisher", help="the publisher the text names")
    add.add_argument(
        "--reliability",
        choices=["high", "medium", "low"],
        default="low",
        help="default: low, until you assess it in reliability_note",
    )
    add.add_argument(
        "--reliability-note", help="why: what the document is, who stands behind it, known errors"
    )
    add.add_argument(
        "--format", choices=["text", "markdown"], help="default: markdown for .md, else text"
    )
    add.add_argument(
        "--skips", action="store_true", help="write the proposed skips as entries, not comments"
    )
    add.add_argument("--dry-run", action="store_true", help="print what would be added only")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root: Path = args.root
    paths = Paths(
        args.data or root / "data",
        args.docs or root / "docs",
        args.templates or PROJECT / "templates",
    )
    started = time.perf_counter()
    try:
        return _run(args, paths, started)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except Exception as error:
        # A bug, not bad data: say so plainly.
        if args.debug:
            traceback.print_exc()
        print(
            f"internal error: {type(error).__name__}: {error} (rerun with --debug)", file=sys.stderr
        )
        return 3


def _run(args: argparse.Namespace, paths: Paths, started: float) -> int:
    command = args.command
    if command == "build":
        from builder.pipeline import build

        built = build(paths)
        _warn(built.prepared.warnings)
        elapsed = time.perf_counter() - started
        print(f"built {paths.docs}: {built.report.summary()} in {elapsed:.2f}s")
    elif command == "check":
        from builder.pipeline import prepare

        prepared = prepare(paths)
        _warn(prepared.warnings)
        print(f"ok: {len(prepared.pages)} pages would be generated from {paths.data}")
    elif command == "report":
        from builder.coverage import coverage_report
        from builder.pipeline import prepare

        text, uncovered = coverage_report(prepare(paths).index)
        print(text)
        return 1 if uncovered else 0
    elif command == "quote":
        return _quote(paths.data, args.source, " ".join(args.words), args.limit, args.format)
    elif command == "suggest":
        return _suggest(paths, args.source, args.format)
    elif command == "links":
        return _links(args.site, args.site_url)
    elif command == "publish":
        from builder.publish import PublishError, publish

        site_command = [c for c in args.site_command[:1] if c != "--"] + args.site_command[1:]
        site_command = site_command or [sys.executable, "-m", "mkdocs", "build", "--strict"]
        try:
            summary = publish(paths, args.site, site_command, args.site_url)
        except PublishError as error:
            print(f"not published: {error}; {args.site} is as it was", file=sys.stderr)
            return 1
        print(summary)
    elif command == "new":
        from builder.scaffold import new_briefing

        made = new_briefing(args.folder)
        folder = args.folder
        print(f"created {folder}: {len(made)} files; build it: make site BRIEFING={folder}")
    elif command == "clean":
        from builder.write import clean

        removed = clean(paths.docs)
        print(f"removed {len(removed)} generated pages from {paths.docs}")
    elif command == "source":
        from builder.authoring.summary import add_source_command

        return add_source_command(args, paths.data)
    elif command == "schema":
        return _schema(paths.data / "schema", check=args.check)
    return 0


def _warn(warnings: list[str]) -> None:
    from builder.errors import print_warnings

    print_warnings(warnings)


def _unknown_source(data: Path, source: str) -> bool:
    from builder.authoring.quote import known_sources

    known = known_sources(data)
    if source in known:
        return False
    from builder.errors import display_path

    listed = ", ".join(known) or "none"
    print(
        f"error: no source {source!r} in {display_path(data / 'sources')}; known: {listed}",
        file=sys.stderr,
    )
    return True


def _quote(data: Path, source: str, words: str, limit: int, form: str) -> int:
    """Exit 0 with quotes that hold every word, 1 with only similar passages or none."""
    if _unknown_source(data, source):
        return 1
    from builder.authoring.quote import picker_for, report_json, report_text

    picked = picker_for(data, source).pick(words, limit)
    if form == "json":
        import json

        print(json.dumps(report_json(picked, words, source), ensure_ascii=False, indent=2))
    else:
        print(report_text(picked, words, source))
    return 0 if picked.exact else 1


def _suggest(paths: Paths, source: str, form: str) -> int:
    if _unknown_source(paths.data, source):
        return 1
    from builder.authoring.suggest import render, suggest
    from builder.index import Index
    from builder.load import load
    from builder.validate import validate

    found = suggest(Index(validate(load(paths.data))), source)
    print(render(found, source, form))
    return 0


def _links(site: Path, site_url: str) -> int:
    from builder.linkcheck import check_site

    report = check_site(site, site_url)
    for line in report.broken:
        print(line, file=sys.stderr)
    print(
        f"{site}: {report.pages} pages, {report.internal} internal links, "
        f"{len(report.broken)} broken; {len(report.external)} external links listed, not fetched"
    )
    return 1 if report.broken or not report.pages else 0


def _schema(folder: Path, *, check: bool) -> int:
    from builder.schema import write_schemas

    stale = write_schemas(folder, check=check)
    if stale and check:
        print(f"out of date: {', '.join(stale)} (run: make schema)", file=sys.stderr)
        return 1
    print(f"{folder}: " + (f"rewrote {', '.join(stale)}" if stale else "all up to date"))
    return 0
