"""Time the builder's stages in-process, and the bare-Jinja floor for the same pages.

    python -m bench.stages --data DIR [--templates DIR] [--runs N]

Run from a project folder (the ``builder`` package is imported from the current folder).
Prints one JSON object: seconds per run in each stage the pipeline calls (load, validate,
index, render, write, and any added later) and in all of ``pipeline.build``; the floor (one
trivial Jinja template rendering the same pages, byte for byte, and a plain write of each);
the least that reading the data folder costs (every file read, every YAML file parsed into
nodes by PyYAML's C parser, nothing checked or built); page count (Markdown pages), file
count (pages and downloads) and bytes; this process's peak memory.

Each run starts from an empty docs folder, so every page is written, as on a first build.
"""

from __future__ import annotations

import argparse
import inspect
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import jinja2
import yaml

# The floor: one template, one loop, no escaping, no helpers. It renders each page's own
# Markdown line by line, so output size and page count match the builder's exactly.
FLOOR_TEMPLATE = "{% for line in lines %}{{ line }}{% if not loop.last %}\n{% endif %}{% endfor %}"


Timings = dict[str, float]


def time_builder(data: Path, templates: Path, scratch: Path) -> tuple[Timings, Timings, Any]:
    """One ``pipeline.build`` into an empty docs folder; wall and CPU seconds per stage.

    The stages are whatever ``builder.pipeline`` calls (load, validate, Index, render, and
    any step added later), timed by wrapping them where the pipeline looks them up, so
    this stays true to the pipeline as it changes.
    """
    from builder import pipeline

    times: dict[str, float] = {}
    cpu: dict[str, float] = {}
    captured: dict[str, Any] = {}
    # The stages are the functions (and the Index class) the pipeline imports from the
    # other builder modules; its own helpers only group them.
    originals = {
        name: value
        for name, value in vars(pipeline).items()
        if (inspect.isfunction(value) or name == "Index")
        and getattr(value, "__module__", "").startswith("builder.")
        and value.__module__ != pipeline.__name__
    }

    def timed(name: str, function: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start, start_cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                times[name] = times.get(name, 0.0) + time.perf_counter() - start
                cpu[name] = cpu.get(name, 0.0) + time.process_time() - start_cpu
                if name == "write":
                    captured["pages"] = args[0]

        return wrapper

    docs = Path(tempfile.mkdtemp(dir=scratch))
    try:
        for name, value in originals.items():
            setattr(pipeline, name, timed(name.lower(), value))
        start, start_cpu = time.perf_counter(), time.process_time()
        pipeline.build(pipeline.Paths(data, docs, templates))
        times["total"] = time.perf_counter() - start
        cpu["total"] = time.process_time() - start_cpu
    finally:
        for name, value in originals.items():
            setattr(pipeline, name, value)
        shutil.rmtree(docs)
    return times, cpu, captured["pages"]


def time_floor(pages: dict[str, str], scratch: Path) -> tuple[float, float]:
    lines = {name: text.split("\n") for name, text in pages.items()}
    out = Path(tempfile.mkdtemp(dir=scratch))
    start, start_cpu = time.perf_counter(), time.process_time()
    env = jinja2.Environment(autoescape=False, keep_trailing_newline=True)  # noqa: S701
    template = env.from_string(FLOOR_TEMPLATE)
    made: set[Path] = set()
    for name, page_lines in lines.items():
        text = template.render(lines=page_lines)
        target = out / name
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(text, "utf-8")
    elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    produced = {
        p.relative_to(out).as_posix(): p.read_text("utf-8") for p in out.rglob("*") if p.is_file()
    }
    if produced != pages:
        raise AssertionError("the floor did not reproduce the builder's pages")
    shutil.rmtree(out)
    return elapsed, elapsed_cpu


def time_reading(data: Path) -> tuple[float, float]:
    """The least any builder of these pages spends on its input: read every file of the data
    folder and parse each YAML file with PyYAML's C parser into nodes, building no Python
    objects from them and checking nothing."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    start, start_cpu = time.perf_counter(), time.process_time()
    for path in sorted(data.rglob("*")):
        if path.is_file():
            text = path.read_text("utf-8")
            if path.suffix == ".yaml":
                yaml.compose(text, Loader=loader)
    return time.perf_counter() - start, time.process_time() - start_cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stages", description=__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--templates", type=Path, default=Path("templates"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--budget", type=float, default=120.0, help="stop repeating after (s)")
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="bench-stages-"))
    runs: list[Timings] = []
    cpu_runs: list[Timings] = []
    floors: list[tuple[float, float]] = []
    readings: list[tuple[float, float]] = []
    pages: dict[str, str] = {}
    started = time.perf_counter()
    try:
        for _ in range(args.runs):
            times, cpu, pages = time_builder(args.data, args.templates, scratch)
            runs.append(times)
            cpu_runs.append(cpu)
            floors.append(time_floor(pages, scratch))
            readings.append(time_reading(args.data))
            if time.perf_counter() - started > args.budget:
                break
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    result = {
        "runs": runs,
        "cpu": cpu_runs,
        "floor": [wall for wall, _ in floors],
        "floor_cpu": [cpu for _, cpu in floors],
        "reading": [wall for wall, _ in readings],
        "reading_cpu": [cpu for _, cpu in readings],
        # Pages are the Markdown pages MkDocs renders; the downloads (JSON, CSV, schema) are
        # files written beside them, and counting them as pages flattered small briefings.
        "pages": sum(1 for name in pages if name.endswith(".md")),
        "files": len(pages),
        "bytes": sum(len(t.encode("utf-8")) for t in pages.values()),
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
    json.dump(result, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
