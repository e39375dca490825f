"""``python -m builder``: build, check, report, schema."""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

import jinja2

from builder.coverage import coverage_report
from builder.errors import DataError
from builder.pipeline import Paths, build, prepare
from builder.schema import write_schemas

HERE = Path(__file__).resolve().parent.parent


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m builder", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: here)")
    parser.add_argument("--data", type=Path, help="data folder (default: ROOT/data)")
    parser.add_argument("--docs", type=Path, help="docs folder (default: ROOT/docs)")
    parser.add_argument("--templates", type=Path, help="templates folder (default: ROOT/templates)")
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="validate the data and write the generated pages")
    commands.add_parser("check", help="validate and render everything, write nothing")
    commands.add_parser("report", help="list source paragraphs that no claim cites")
    schema = commands.add_parser("schema", help="write the JSON Schema files into the data folder")
    schema.add_argument("--check", action="store_true", help="fail if the files are out of date")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root: Path = args.root
    paths = Paths(
        args.data or root / "data", args.docs or root / "docs", args.templates or HERE / "templates"
    )
    started = time.perf_counter()
    try:
        return _run(args.command, args, paths, started)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except jinja2.TemplateError as error:
        where = f"{error.filename}:{error.lineno}: " if isinstance(error, jinja2.TemplateSyntaxError) else ""
        print(f"{where}template error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # a bug, not bad data: say so plainly
        if args.debug:
            traceback.print_exc()
        print(f"internal error: {type(error).__name__}: {error} (rerun with --debug)", file=sys.stderr)
        return 3


def _run(command: str, args: argparse.Namespace, paths: Paths, started: float) -> int:
    if command == "build":
        report = build(paths)
        print(f"built {paths.docs}: {report.summary()} in {time.perf_counter() - started:.2f}s")
    elif command == "check":
        _, _, pages = prepare(paths)
        print(f"ok: {len(pages)} pages would be generated from {paths.data}")
    elif command == "report":
        _, index, _ = prepare(paths)
        text, uncovered = coverage_report(index)
        print(text)
        return 1 if uncovered else 0
    elif command == "schema":
        stale = write_schemas(paths.data / "schema", check=args.check)
        if stale and args.check:
            print("out of date: " + ", ".join(stale) + " (run: python -m builder schema)", file=sys.stderr)
            return 1
        print(f"schema files in {paths.data / 'schema'} are up to date")
    return 0
