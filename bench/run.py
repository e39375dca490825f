"""Benchmark the briefing builder and the site build at several sizes (GitHub issue 7).

    python -m bench.run [--quick] [--sizes embedded,100,1000,5000] [--runs N]
                        [--skip-stock-above N] [--budget S] [--out bench/results.md]
                        [--page PATH]

(``python bench/run.py`` works too.) For each size, the embedded data/ and synthetic
briefings of about N entities made by bench/synthetic.py, it measures in a temporary copy
of the project:

- builder: ``python -m builder build`` as a command (interpreter start and imports
  included): once as a first build (no pages, no build cache), then as rebuilds into an
  empty docs folder with the build cache (``.cache/``) an earlier build left;
- stages: each stage ``builder.pipeline`` calls, timed in-process (bench/stages.py);
- floor: one trivial Jinja template rendering the same pages, byte for byte, and a plain
  write of each, in the same process as the stages;
- reading: every file of the data folder read, and each YAML file parsed into nodes by
  PyYAML's C parser, nothing built from them: the least any builder of these pages spends
  on its input;
- mkdocs (ours): ``mkdocs build --strict`` with the project's mkdocs.yml on the generated
  pages, its hook told that the pages are built (``BRIEFING_PREBUILT=1``, as ``make site``
  does), so that it times MkDocs alone with the configuration the site is built with;
- mkdocs (stock): the same pages with a stock Material configuration: no ``nav:`` (MkDocs
  lists every page in the sidebar), no overrides, no features, no hook;
- make site: ``make site`` with the project's Makefile (the builder, ``mkdocs build
  --strict``, the link check, the swap into site/), never reinstalling packages; and
  ``make site`` again right after, when nothing changed (it should do no work);
- preview: ``make serve``'s server (``python -m builder.serve``, via bench/preview.py) on
  a copy of the briefing: five edits of one initiative's summary, two seconds apart, each
  timed from the file's write to the first response of that page carrying the new text;
  and a longer session (``--memory-edits``, 50 by default, at ~1,000 entities or the
  largest size) whose server's resident memory is read after each edit.

Each command's wall time, CPU time (user + system) and peak memory (``ru_maxrss``) come
from ``os.wait4``, which reports the child and the children it waited for. The targets
(issue 18) are judged on wall time, what an author waits for; CPU time is shown beside
it because other work on a shared machine stretches wall time but
hardly CPU time. The file system is another matter: creating a file costs several times
more in some minutes than in others, and that cost is system time. So the runs that are
compared are interleaved (each builder run with its floor run; the sizes' in-process runs
in turn, since their times per page are compared; our MkDocs build, the stock one and
``make site`` in turn) and ratios are medians of those pairs. Builds start from an empty
docs or site folder each time. Pages are the Markdown pages; the downloads (JSON, CSV,
schema) are written too but not counted as pages.

The project (builder, templates, docs, overrides, mkdocs.yml, Makefile, bench) is copied
once at the start, so edits to the working tree during a run do not mix versions. Nothing is written
into the project but ``--out`` (and ``--page`` if given).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_SIZES = ("embedded", "100", "1000", "5000")
QUICK_SIZES = ("embedded", "100")
BIG = 1000  # from this many entities on, a size is "big": 3 runs instead of 5
STOCK_ONE_RUN = 2000  # above this many entities, the stock build runs once
STOCK_LIMIT = 2000  # by default, no stock build above this many entities
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}  # as `make`
ENV.pop("BRIEFING_CACHE", None)  # each project copy keeps its own build cache
# `mkdocs build` times MkDocs on pages built already: its hook must not rebuild them.
ENV["BRIEFING_PREBUILT"] = "1"
BUILDER = [PYTHON, "-m", "builder"]
CACHE = ".cache"  # the builder's cache folder, next to builder/
COPIED = ("builder", "templates", "bench", "overrides", "docs", "mkdocs.yml", "Makefile")
NAN = float("nan")
PREVIEW_EDITS = 5  # edits timed in the preview, as the issue measures them
PREVIEW_GAP = 2.0  # seconds between them


# -- measuring commands ---------------------------------------------------------------------


@dataclass
class Sample:
    wall: float
    cpu: float
    maxrss_kb: int


@dataclass
class Series:
    """Repeated runs of one measurement."""

    samples: list[Sample] = field(default_factory=list)
    note: str = ""

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples) if self.samples else NAN

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples) if self.samples else NAN

    @property
    def peak_mb(self) -> float:
        return max((s.maxrss_kb for s in self.samples), default=0) / 1024

    def cell(self, digits: int = 2) -> str:
        if not self.samples:
            return self.note or "—"
        walls = [s.wall for s in self.samples]
        spread = (
            f" ({min(walls):.{digits}f}–{max(walls):.{digits}f})" if len(walls) > 1 else " (1 run)"
        )
        return f"{self.wall:.{digits}f}{spread} · cpu {self.cpu:.{digits}f}"


def paired(numerator: Series, denominator: Series, cpu: bool = True) -> float:
    """Median of run i ÷ run i: the measurements are interleaved, so each pair shares a
    moment of the machine's speed."""
    pairs = [
        (a.cpu / b.cpu) if cpu else (a.wall / b.wall)
        for a, b in zip(numerator.samples, denominator.samples, strict=False)
        if (b.cpu if cpu else b.wall) > 0
    ]
    return statistics.median(pairs) if pairs else NAN


class CommandFailed(RuntimeError):
    pass


def run(cmd: Sequence[object], cwd: Path, log: Path) -> Sample:
    """Run one command to completion: its wall time, CPU time and peak resident memory."""
    args = [str(c) for c in cmd]
    with log.open("ab") as out:
        out.write(f"$ {' '.join(args)}\n".encode())
        out.flush()
        start = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=out, env=ENV)  # noqa: S603
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        tail = log.read_text("utf-8", errors="replace")[-3000:]
        raise CommandFailed(f"{' '.join(args)} failed ({process.returncode}):\n{tail}")
    return Sample(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def repeat(
    runs: int,
    budget: float,
    once: Callable[[], Sample],
    prepare: Callable[[], None] | None = None,
) -> Series:
    """Call ``once()`` up to ``runs`` times, ``prepare()`` (untimed) before each; do not
    start another run when it would likely take the measurement past ``budget`` seconds."""
    series = Series()
    spent = 0.0
    for _ in range(runs):
        if prepare is not None:
            prepare()
        sample = once()
        series.samples.append(sample)
        spent += sample.wall
        if spent + sample.wall > budget:
            break
    return series


# -- the temporary projects -----------------------------------------------------------------


def generated_names(docs: Path) -> set[str]:
    """Top-level names in docs/ that the builder owns (from its manifest and .gitignore)."""
    names = {".builder-manifest.json"}
    manifest = docs / ".builder-manifest.json"
    if manifest.is_file():
        files = json.loads(manifest.read_text("utf-8")).get("files", {})
        names |= {str(p).split("/", 1)[0] for p in files}
    ignore = PROJECT / ".gitignore"
    if ignore.is_file():
        for line in ignore.read_text("utf-8").splitlines():
            if line.startswith("/docs/"):
                names.add(line.removeprefix("/docs/").strip("/"))
    return names


def snapshot(target: Path) -> Path:
    """A copy of the project with its hand-written docs only, and no data."""
    owned = generated_names(PROJECT / "docs")

    def ignore(folder: str, names: list[str]) -> list[str]:
        skipped = [n for n in names if n in ("__pycache__", ".cache", "results.md")]
        if Path(folder) == PROJECT / "docs":
            skipped += [n for n in names if n in owned]
        return skipped

    target.mkdir(parents=True)
    for name in COPIED:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


def stock_config(ours: str) -> str:
    """Material as shipped: the same pages, Markdown extensions and CSS; no nav, no extras."""
    kept = []
    for key in ("markdown_extensions", "extra_css"):
        match = re.search(rf"(?m)^{key}:\n(?:[ \t]+.*\n|[ \t]*\n)*", ours)
        if match:
            kept.append(match.group(0))
    head = "site_name: Briefing (stock Material)\ndocs_dir: docs\n"
    return head + "theme:\n  name: material\nplugins:\n  - search\n" + "".join(kept)


@contextlib.contextmanager
def scratch(keep: bool) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    try:
        yield folder
    finally:
        if keep:
            say(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


# -- site weight ----------------------------------------------------------------------------


class _Assets(HTMLParser):
    """The stylesheets and scripts a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and "stylesheet" in (values.get("rel") or "").split():
            self.assets.append(values.get("href") or "")
        elif tag == "script" and values.get("src"):
            self.assets.append(values.get("src") or "")


def weight(site: Path) -> dict[str, Any]:
    files = [p for p in site.rglob("*") if p.is_file()]
    home = site / "index.html"
    parser = _Assets()
    parser.feed(home.read_text("utf-8"))
    local, external = [home], []
    for ref in parser.assets:
        if re.match(r"^(?:[a-z]+:)?//", ref):
            external.append(ref)
        else:
            path = site / ref.split("?", 1)[0].split("#", 1)[0]
            if path.is_file():
                local.append(path)
    index = site / "search" / "search_index.json"
    index_bytes = index.read_bytes() if index.is_file() else b""
    return {
        "site_bytes": sum(p.stat().st_size for p in files),
        "html_pages": sum(1 for p in files if p.suffix == ".html"),
        "search_index": len(index_bytes),
        "search_index_gzip": len(gzip.compress(index_bytes, 6)),
        "home": sum(p.stat().st_size for p in local),
        "home_gzip": sum(len(gzip.compress(p.read_bytes(), 6)) for p in local),
        "home_files": len(local),
        "home_external": external,
    }


# -- one size -------------------------------------------------------------------------------


@dataclass
class SizeResult:
    size: str
    entities: int = 0
    pages: int = 0  # Markdown pages
    files: int = 0  # the pages and the downloads
    page_bytes: int = 0
    builder: Series = field(default_factory=Series)
    builder_cold: Series = field(default_factory=Series)
    stages: dict[str, list[float]] = field(default_factory=dict)
    stages_cpu: dict[str, list[float]] = field(default_factory=dict)
    stages_peak_mb: float = 0.0
    floor: list[float] = field(default_factory=list)
    floor_cpu: list[float] = field(default_factory=list)
    reading: list[float] = field(default_factory=list)
    reading_cpu: list[float] = field(default_factory=list)
    ours: Series = field(default_factory=Series)
    stock: Series = field(default_factory=Series)
    site: Series = field(default_factory=Series)
    noop: Series = field(default_factory=Series)  # `make site` again, nothing changed
    preview: list[float] = field(default_factory=list)  # seconds from an edit to its page
    preview_rss: list[float] = field(default_factory=list)  # MB after each edit, long session
    preview_peak_mb: float = 0.0
    weight_ours: dict[str, Any] = field(default_factory=dict)
    weight_stock: dict[str, Any] = field(default_factory=dict)

    def stage(self, name: str, cpu: bool = False) -> float:
        values = (self.stages_cpu if cpu else self.stages).get(name, [])
        return statistics.median(values) if values else NAN

    def floor_median(self, cpu: bool = False) -> float:
        values = self.floor_cpu if cpu else self.floor
        return statistics.median(values) if values else NAN

    def reading_median(self, cpu: bool = False) -> float:
        values = self.reading_cpu if cpu else self.reading
        return statistics.median(values) if values else NAN

    def unwritten(self, cpu: bool = False) -> float:
        """The builder's work besides writing files: reading, checking, indexing, rendering."""
        return self.stage("total", cpu) - self.stage("write", cpu)

    def room_in_floor(self, cpu: bool = False) -> float:
        """What "within 2× of the floor" leaves for the builder's work besides writing."""
        return 2 * self.floor_median(cpu) - self.stage("write", cpu)

    def over_floor(self, cpu: bool = False) -> float:
        """Median of each run's builder ÷ the floor run right after it: writing files costs
        several times more at some moments than at others on a shared machine, and a
        builder run and its floor run see the same moment."""
        builder = (self.stages_cpu if cpu else self.stages).get("total", [])
        floor = self.floor_cpu if cpu else self.floor
        pairs = [b / f for b, f in zip(builder, floor, strict=False) if f > 0]
        return statistics.median(pairs) if pairs else NAN

    @property
    def label(self) -> str:
        if self.size == "embedded":
            return f"embedded data ({self.entities})"
        return f"~{int(self.size):,} ({self.entities:,})"


def count_entities(data: Path) -> int:
    """Items with an id in the collection files, plus sources (glossary terms not counted)."""
    total = len(list((data / "sources").glob("*.md")))
    for path in data.glob("*.yaml"):
        if path.stem not in ("event", "glossary"):
            total += len(re.findall(r"(?m)^- id:", path.read_text("utf-8")))
    return total


@dataclass
class Sized:
    """One size's project copy, while it is measured."""

    result: SizeResult
    work: Path
    project: Path
    pristine: Path
    runs: int
    log: Path
    counter: Iterator[int]


def prepare_size(size: str, base: Path, work: Path, options: argparse.Namespace) -> Sized:
    """The project copy with its data and pages, and the builder command's runs."""
    result = SizeResult(size)
    big = size != "embedded" and int(size) >= BIG
    runs: int = options.runs or (3 if big else 5)
    budget: float = options.budget
    log = work / "log.txt"
    project = work / "project"
    shutil.copytree(base, project)
    if size == "embedded":
        shutil.copytree(PROJECT / "data", project / "data")
    else:
        command = [PYTHON, "-m", "bench.synthetic", "--entities", size, "--seed", options.seed]
        run([*command, project / "data"], project, log)
    result.entities = count_entities(project / "data")
    pristine = work / "pristine"
    shutil.copytree(project, pristine)
    counter = iter(range(1_000_000))

    # A first build, as in a fresh checkout: no pages and no build cache (.cache/).
    say(f"[{size}] {result.entities} entities: builder command, first build (1 run)")
    cold = work / "cold"
    shutil.copytree(pristine, cold)
    result.builder_cold = repeat(1, budget, lambda: run([*BUILDER, "build"], cold, log))
    shutil.rmtree(cold)
    # The pages and the build cache, made once (untimed): what an author's rebuild finds.
    run([*BUILDER, "build"], project, log)

    say(f"[{size}] builder command, rebuild into an empty docs folder ({runs} runs)")

    def builder_once() -> Sample:
        docs = work / f"docs-{next(counter)}"
        cmd = [PYTHON, "-m", "builder", "--root", project, "--docs", docs, "build"]
        sample = run(cmd, project, log)
        shutil.rmtree(docs)
        return sample

    result.builder = repeat(runs, budget, builder_once)
    return Sized(result, work, project, pristine, runs, log, counter)


def measure_stages(sizes: list[Sized], budget: float) -> None:
    """The in-process stages and the floor, one run of each size in turn: their times per
    page are compared across sizes, and creating files costs several times more in some
    minutes than in others, so each size is measured in the same minutes."""
    say("stages and floor, in-process: one run of each size in turn")
    found: dict[str, list[dict[str, Any]]] = {s.result.size: [] for s in sizes}
    spent = dict.fromkeys(found, 0.0)
    for round_number in range(max(s.runs for s in sizes)):
        for sized in sizes:
            size = sized.result.size
            if round_number >= sized.runs or spent[size] > budget:
                continue
            started = time.perf_counter()
            cmd = [PYTHON, "-m", "bench.stages", "--data", sized.project / "data"]
            cmd += ["--templates", sized.project / "templates", "--runs", 1]
            out = sized.work / "stages.json"
            with out.open("wb") as stream:
                subprocess.run(  # noqa: S603
                    [str(c) for c in cmd], cwd=sized.project, stdout=stream, env=ENV, check=True
                )
            found[size].append(json.loads(out.read_text("utf-8")))
            spent[size] += time.perf_counter() - started
    for sized in sizes:
        runs, result = found[sized.result.size], sized.result
        result.pages, result.files = runs[0]["pages"], runs[0]["files"]
        result.page_bytes = runs[0]["bytes"]
        result.stages = {k: [r["runs"][0][k] for r in runs] for k in runs[0]["runs"][0]}
        result.stages_cpu = {k: [r["cpu"][0][k] for r in runs] for k in runs[0]["cpu"][0]}
        result.floor = [r["floor"][0] for r in runs]
        result.floor_cpu = [r["floor_cpu"][0] for r in runs]
        result.reading = [r["reading"][0] for r in runs]
        result.reading_cpu = [r["reading_cpu"][0] for r in runs]
        result.stages_peak_mb = max(r["maxrss_kb"] for r in runs) / 1024


def measure_site(sized: Sized, options: argparse.Namespace) -> SizeResult:
    """Our MkDocs build, the stock one and `make site`, interleaved."""
    result, work, project, pristine = sized.result, sized.work, sized.project, sized.pristine
    size, runs, log, counter = result.size, sized.runs, sized.log, sized.counter
    budget: float = options.budget
    cache = project / CACHE
    config = (project / "mkdocs.yml").read_text("utf-8")

    def mkdocs_once(config_file: Path, strict: bool) -> tuple[Sample, Path]:
        site = work / f"site-{next(counter)}"
        cmd = [PYTHON, "-m", "mkdocs", "build", "-f", config_file, "--site-dir", site]
        return run([*cmd, "--strict"] if strict else cmd, config_file.parent, log), site

    stock_runs = runs
    if options.skip_stock_above is not None and result.entities > options.skip_stock_above:
        result.stock = Series(note=f"skipped (> {options.skip_stock_above:,} entities)")
        stock_runs = 0
    elif result.entities > STOCK_ONE_RUN:
        stock_runs = 1
    stock = work / "stock"
    if stock_runs:
        stock.mkdir()
        shutil.copytree(project / "docs", stock / "docs")
        (stock / "mkdocs.yml").write_text(stock_config(config), "utf-8")

    fresh = work / "make-site"
    # The snapshot's own Makefile and recipe, with this interpreter's environment; -o: never
    # reinstall the packages (the stamp counts as up to date).
    venv = Path(sys.prefix)
    make = ["make", "--no-print-directory", "site", f"VENV={venv}"]
    make += ["-o", str(venv / ".site-installed")]
    with_make = shutil.which("make") is not None
    if not with_make:
        result.site = Series(note="make not found")

    def reset() -> None:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.copytree(pristine, fresh)
        if cache.is_dir():
            shutil.copytree(cache, fresh / CACHE)

    # Interleaved: run i of each measurement happens at nearly the same moment, so a ratio
    # of run i to run i compares like with like on a machine whose speed (above all at
    # creating files) changes from minute to minute.
    say(
        f"[{size}] {result.pages} pages, interleaved: mkdocs build with our config ({runs} runs)"
        f", stock Material ({stock_runs} runs), make site ({runs if with_make else 0} runs)"
    )
    spent = 0.0
    for round_number in range(runs):
        started = time.perf_counter()
        sample, site = mkdocs_once(project / ".briefing" / "mkdocs.yml", True)
        result.ours.samples.append(sample)
        shutil.rmtree(site)
        if round_number < stock_runs:
            sample, site = mkdocs_once(stock / "mkdocs.yml", False)
            result.stock.samples.append(sample)
            if not result.weight_stock:
                result.weight_stock = weight(site)
            shutil.rmtree(site)
        if with_make:
            reset()
            result.site.samples.append(run(make, fresh, log))
            if not result.weight_ours:
                result.weight_ours = weight(fresh / "site")
            result.noop.samples.append(run(make, fresh, log))
        spent += time.perf_counter() - started
        if spent * (round_number + 2) / (round_number + 1) > 3 * budget:
            break
    shutil.rmtree(fresh, ignore_errors=True)
    return result


def measure_preview(sized: Sized, edits: int, gap: float, memory_edits: int) -> None:
    """The live preview on a copy of the size's project: ``edits`` timed edits, then, when
    ``memory_edits``, a session of that many edits whose memory is read after each."""
    result, work = sized.result, sized.work
    say(f"[{result.size}] make serve: {edits} edits of a summary, {gap:g} s apart")
    timed = _preview_session(sized, work / "preview", edits, gap)
    result.preview = timed["seconds"]
    if memory_edits:
        say(f"[{result.size}] make serve: a session of {memory_edits} edits, memory after each")
        session = _preview_session(sized, work / "preview-memory", memory_edits, 1.0)
        result.preview_rss = session["rss_mb"]
        result.preview_peak_mb = session["peak_mb"]


def _preview_session(sized: Sized, folder: Path, edits: int, gap: float) -> dict[str, Any]:
    shutil.copytree(sized.pristine, folder)
    if (sized.project / CACHE).is_dir():
        shutil.copytree(sized.project / CACHE, folder / CACHE)
    cmd = [PYTHON, "-m", "bench.preview", folder, "--edits", edits, "--gap", gap]
    cmd += ["--log", sized.work / f"{folder.name}.log"]
    out = sized.work / "preview.json"
    with out.open("wb") as stream:
        subprocess.run(  # noqa: S603
            [str(c) for c in cmd], cwd=folder, stdout=stream, env=ENV, check=True
        )
    found: dict[str, Any] = json.loads(out.read_text("utf-8"))
    shutil.rmtree(folder, ignore_errors=True)
    return found


def spread(values: list[float], digits: int = 2) -> str:
    if not values:
        return "—"
    middle = statistics.median(values)
    if len(values) == 1:
        return f"{middle:.{digits}f} (1 run)"
    return f"{middle:.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


# -- reporting ------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    versions = {}
    for package in ("mkdocs", "mkdocs-material", "jinja2", "pydantic", "pyyaml"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "CPU": cpu,
        "Cores": str(cores),
        "RAM": memory,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "MkDocs / Material": f"{versions['mkdocs']} / {versions['mkdocs-material']}",
        "Jinja2 / pydantic / PyYAML": " / ".join(
            versions[p] for p in ("jinja2", "pydantic", "pyyaml")
        ),
    }


def ratio(a: float, b: float) -> float:
    return a / b if b and not math.isnan(b) else NAN


def num(value: float, digits: int = 2, suffix: str = "") -> str:
    return "—" if math.isnan(value) else f"{value:,.{digits}f}{suffix}"


def size_of(value: int) -> str:
    return f"{value / 1024:,.0f} KiB" if value < 10 * 2**20 else f"{value / 2**20:,.1f} MiB"


def both(wall: float, cpu: float, digits: int = 2, suffix: str = "") -> str:
    return f"{num(wall, digits, suffix)} · cpu {num(cpu, digits, suffix)}"


def tables(results: list[SizeResult]) -> str:
    head = "| | " + " | ".join(r.label for r in results) + " |\n"
    head += "|---|" + "---|" * len(results) + "\n"

    def row(name: str, cell: Callable[[SizeResult], str]) -> str:
        return f"| {name} | " + " | ".join(cell(r) for r in results) + " |\n"

    def per_page(r: SizeResult, seconds: float) -> float:
        return 1000 * ratio(seconds, r.pages)

    timing = head + row(
        "Generated pages (and download files)", lambda r: f"{r.pages:,} (+{r.files - r.pages})"
    )
    timing += row("Generated Markdown and downloads", lambda r: size_of(r.page_bytes))
    timing += row(
        "Builder command, `python -m builder build`, first build (no .cache)",
        lambda r: r.builder_cold.cell(),
    )
    timing += row("Builder command, rebuild into an empty docs folder", lambda r: r.builder.cell())
    names = [n for r in results for n in r.stages if n != "total"]
    for stage in [*dict.fromkeys(names), "total"]:
        timing += row(
            f"&nbsp;&nbsp;in-process: {stage}",
            lambda r, s=stage: both(r.stage(s), r.stage(s, cpu=True), 3),  # type: ignore[misc]
        )
    timing += row(
        "Floor: bare Jinja render + write, in-process",
        lambda r: both(r.floor_median(), r.floor_median(cpu=True), 3),
    )
    timing += row(
        "Reading the data folder alone (PyYAML's C parser, nothing built), in-process",
        lambda r: both(r.reading_median(), r.reading_median(cpu=True), 3),
    )
    timing += row("`mkdocs build --strict`, our config", lambda r: r.ours.cell())
    timing += row("`mkdocs build`, stock Material", lambda r: r.stock.cell())
    timing += row("`make site`", lambda r: r.site.cell())
    timing += row("`make site` again, nothing changed", lambda r: r.noop.cell())
    timing += row(
        "`make serve`: one edit to its page served (wall, median (min–max) of edits)",
        lambda r: spread(r.preview),
    )

    def peak(series: Series) -> str:
        return num(series.peak_mb, 0) if series.samples else "—"

    memory = head + row("Builder command", lambda r: peak(r.builder))
    memory += row("In-process stages (bench process)", lambda r: num(r.stages_peak_mb, 0))
    memory += row("mkdocs, our config", lambda r: peak(r.ours))
    memory += row("mkdocs, stock", lambda r: peak(r.stock))
    memory += row("`make site` (largest command)", lambda r: peak(r.site))

    def session(r: SizeResult) -> str:
        if not r.preview_rss:
            return "—"
        rss = r.preview_rss
        marks = sorted({0, min(9, len(rss) - 1), len(rss) // 2, len(rss) - 1})
        after = ", ".join(f"{rss[i]:.0f}" for i in marks)
        edits = ", ".join(str(i + 1) for i in marks)
        return f"peak {r.preview_peak_mb:.0f}; resident after edits {edits}: {after}"

    memory += row("`make serve`, a session of edits", session)

    derived = head + row(
        "Builder per page, in-process (ms)",
        lambda r: both(per_page(r, r.stage("total")), per_page(r, r.stage("total", True))),
    )
    derived += row(
        "&nbsp;&nbsp;of which writing files (ms)",
        lambda r: both(per_page(r, r.stage("write")), per_page(r, r.stage("write", True))),
    )
    derived += row(
        "Floor per page (ms): what writing these files costs on this machine",
        lambda r: both(per_page(r, r.floor_median()), per_page(r, r.floor_median(True))),
    )
    derived += row(
        "Builder per page, command (ms)",
        lambda r: both(per_page(r, r.builder.wall), per_page(r, r.builder.cpu)),
    )
    derived += row(
        "Builder command ÷ `make site`",
        lambda r: both(
            100 * ratio(r.builder.wall, r.site.wall),
            100 * ratio(r.builder.cpu, r.site.cpu),
            1,
            " %",
        ),
    )
    derived += row(
        "Builder command ÷ mkdocs, our config",
        lambda r: both(
            100 * ratio(r.builder.wall, r.ours.wall),
            100 * ratio(r.builder.cpu, r.ours.cpu),
            1,
            " %",
        ),
    )
    derived += row(
        "Builder in-process ÷ mkdocs, our config",
        lambda r: both(
            100 * ratio(r.stage("total"), r.ours.wall),
            100 * ratio(r.stage("total", True), r.ours.cpu),
            1,
            " %",
        ),
    )
    derived += row(
        "Floor ÷ mkdocs, our config: the least the builder could take",
        lambda r: both(
            100 * ratio(r.floor_median(), r.ours.wall),
            100 * ratio(r.floor_median(True), r.ours.cpu),
            1,
            " %",
        ),
    )
    derived += row(
        "Builder in-process ÷ floor (median of per-run ratios)",
        lambda r: both(r.over_floor(), r.over_floor(cpu=True), 1, "×"),
    )
    derived += row(
        "Builder's work besides writing (s)",
        lambda r: both(r.unwritten(), r.unwritten(cpu=True), 3),
    )
    derived += row(
        "Builder in-process ÷ its own render and write stages (Jinja over its templates, writing)",
        lambda r: both(
            ratio(r.stage("total"), r.stage("render") + r.stage("write")),
            ratio(r.stage("total", True), r.stage("render", True) + r.stage("write", True)),
            2,
            "×",
        ),
    )
    derived += row(
        "mkdocs, our config ÷ stock (median of paired runs)",
        lambda r: both(paired(r.ours, r.stock, cpu=False), paired(r.ours, r.stock)),
    )
    derived += row(
        "`make site` ÷ stock mkdocs (median of paired runs)",
        lambda r: both(paired(r.site, r.stock, cpu=False), paired(r.site, r.stock)),
    )

    def first_load(w: dict[str, Any]) -> str:
        if not w:
            return "—"
        external = f" + {len(w['home_external'])} external" if w["home_external"] else ""
        return f"{size_of(w['home'])} / {size_of(w['home_gzip'])} in {w['home_files']} files" + (
            external
        )

    heavy = head + row("Site size, our config", lambda r: size_of(r.weight_ours["site_bytes"]))
    heavy += row(
        "Site size, stock",
        lambda r: size_of(r.weight_stock["site_bytes"]) if r.weight_stock else "—",
    )
    heavy += row(
        "Search index (`search/search_index.json`), raw / gzip",
        lambda r: (
            f"{size_of(r.weight_ours['search_index'])} / "
            f"{size_of(r.weight_ours['search_index_gzip'])}"
        ),
    )
    heavy += row(
        "Home page first load (HTML + the CSS and JS it links), raw / gzip",
        lambda r: first_load(r.weight_ours),
    )
    heavy += row("Home page first load, stock, raw / gzip", lambda r: first_load(r.weight_stock))
    return (
        "### Time (seconds: median (min–max) of wall time · median CPU time)\n\n"
        + timing
        + "\n### Peak memory (MB)\n\n"
        + memory
        + "\n### Derived (wall · CPU)\n\n"
        + derived
        + "\n### Weight\n\n"
        + heavy
    )


@dataclass
class Target:
    name: str
    passed: bool
    detail: str


# The limits for the preview: seconds from an edit to its page, median of edits.
PREVIEW_LIMITS = {"embedded": 1.0, "1000": 2.0, "5000": 5.0}
NOOP_LIMIT = 0.5  # `make site` when nothing changed
MEMORY_GROWTH = 1.10  # resident memory after the last edit ÷ after the tenth, at most


def targets(results: list[SizeResult]) -> list[Target]:
    """The issue's targets (issue 18): wall time, what an author waits for."""
    found = []
    timed = [r for r in results if r.size in PREVIEW_LIMITS and r.preview]
    if timed:
        found.append(
            Target(
                "`make serve`: an edit's page served with the new text within "
                + ", ".join(f"{PREVIEW_LIMITS[r.size]:g} s at {r.label}" for r in timed)
                + " (median of edits)",
                all(statistics.median(r.preview) <= PREVIEW_LIMITS[r.size] for r in timed),
                ", ".join(f"{r.label}: {spread(r.preview)} s" for r in timed),
            )
        )
    noops = [r for r in results if r.noop.samples]
    if noops:
        found.append(
            Target(
                f"`make site` with nothing changed ≤ {NOOP_LIMIT} s at every size",
                all(r.noop.wall <= NOOP_LIMIT for r in noops),
                ", ".join(f"{r.label}: {r.noop.cell()}" for r in noops),
            )
        )
    for r in results:
        if len(r.preview_rss) >= 10:
            tenth, last = r.preview_rss[9], r.preview_rss[-1]
            found.append(
                Target(
                    f"`make serve`'s memory over {len(r.preview_rss)} edits at {r.label}: "
                    f"after the last edit ≤ {MEMORY_GROWTH:.2f}× after the tenth",
                    last <= MEMORY_GROWTH * tenth,
                    f"{tenth:.0f} MB after edit 10, {last:.0f} MB after edit "
                    f"{len(r.preview_rss)}, peak {r.preview_peak_mb:.0f} MB",
                )
            )
    return found


def report(results: list[SizeResult], command: str, wall: float, loads: str) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"`{command}`: {wall / 60:.1f} min in all; load average (1, 5, 15 min) before and "
        f"after: {loads}.",
        "",
        "| Machine | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in machine().items()],
        "",
        tables(results),
        "### Targets (GitHub issue 18)",
        "",
        "| Target | Result | Numbers |",
        "|---|---|---|",
        *[
            f"| {t.name} | {'pass' if t.passed else '**FAIL**'} | {t.detail} |"
            for t in targets(results)
        ],
        "",
        "Columns: requested synthetic entities (actual count in brackets). In-process times "
        "are medians of per-run totals. Our MkDocs configuration is timed with its hook told "
        "that the pages are built (BRIEFING_PREBUILT=1), as in `make site`. Rebuilds find the "
        "build cache (.cache/) of an earlier build, as "
        "an author's do; the first build has none, as in a fresh checkout or CI.",
        "",
    ]
    return "\n".join(lines)


PAGE_INTRO = """# Performance

How long the briefing takes to build, and how heavy the published site is, measured with
`make bench` (`python -m bench.run`). Besides the embedded data, the benchmark builds
synthetic briefings of about 100, 1,000 and 5,000 entities made by `bench/synthetic.py`:
invented countries, people, organisations, initiatives, projects, figures, a timeline and
a discrepancy register, with source articles whose quotes the builder checks as it checks
real ones. That they build at all shows the builder holds nothing specific to this summit.

Compared: the builder alone; a floor (one trivial Jinja template writing the same pages);
the least that reading the data folder costs (PyYAML's C parser, building nothing), which
no builder of these pages can skip; `mkdocs build` with this site's configuration, whose
sidebar lists only the section pages and is rendered once for all the entity pages of a
folder; the same pages with a stock Material configuration, whose sidebar lists every
page; and `make site` as a whole.

The machines are shared, and their speed at creating files changes severalfold from one
minute to the next, so runs that are compared are interleaved (a builder run, then its
floor run; one in-process run of each size in turn; our MkDocs build, the stock one, then
`make site`) and ratios are medians of those pairs. Per-page figures count the Markdown
pages, not the download files written beside them. The targets (an edit in the preview,
a `make site` with nothing to do) are judged on wall time, what an author waits for; CPU
time is shown beside it, since other work on a shared machine stretches wall time.

"""


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", help=f"comma-separated (default {','.join(DEFAULT_SIZES)})")
    parser.add_argument("--runs", type=int, help="runs per measurement (default: 5 small, 3 big)")
    parser.add_argument("--quick", action="store_true", help="embedded and ~100 only, 1 run each")
    parser.add_argument(
        "--skip-stock-above",
        type=int,
        default=STOCK_LIMIT,
        metavar="N",
        help=f"no stock MkDocs build above N entities (default {STOCK_LIMIT:,}: the stock build "
        "of ~5,000 entities alone takes over 12 minutes on 2 cores)",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=120.0,
        metavar="S",
        help="seconds per measurement before runs stop repeating (default 120)",
    )
    parser.add_argument("--seed", default="1", help="seed of the synthetic briefings")
    parser.add_argument(
        "--memory-edits",
        type=int,
        metavar="N",
        help="edits in the preview's memory session, at ~1,000 entities or the largest size "
        "(default 50; --quick: 20; 0: none)",
    )
    parser.add_argument("--out", type=Path, default=PROJECT / "bench" / "results.md")
    parser.add_argument("--page", type=Path, help="also write a docs/performance.md-ready page")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    options = parser.parse_args(argv)
    sizes = options.sizes.split(",") if options.sizes else None
    sizes = sizes or list(QUICK_SIZES if options.quick else DEFAULT_SIZES)
    if options.quick and options.runs is None:
        options.runs = 1
    if options.memory_edits is None:
        options.memory_edits = 20 if options.quick else 50
    for size in sizes:
        if size != "embedded" and not size.isdigit():
            parser.error(f"a size is 'embedded' or a number of entities, not {size!r}")
    started = time.perf_counter()
    load_before = " ".join(f"{x:.1f}" for x in os.getloadavg())
    results = []
    with scratch(options.keep) as folder:
        base = snapshot(folder / "base")
        try:
            prepared = []
            for size in sizes:
                work = folder / f"size-{size}"
                work.mkdir()
                prepared.append(prepare_size(size, base, work, options))
            measure_stages(prepared, options.budget)
            long_session = "1000" if "1000" in sizes else sizes[-1]
            for sized in prepared:
                results.append(measure_site(sized, options))
                memory_edits = options.memory_edits if sized.result.size == long_session else 0
                measure_preview(sized, PREVIEW_EDITS, PREVIEW_GAP, memory_edits)
                say(tables(results[-1:]))
        except CommandFailed as error:
            say(str(error))
            return 1
    wall = time.perf_counter() - started
    loads = f"{load_before} / " + " ".join(f"{x:.1f}" for x in os.getloadavg())
    command = "python -m bench.run " + " ".join(sys.argv[1:] if argv is None else argv)
    text = report(results, command.strip(), wall, loads)
    print(text)
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(text, "utf-8")
    say(f"wrote {options.out} in {wall / 60:.1f} min")
    if options.page:
        body = text.split("\n", 2)[2].replace("\n### ", "\n## ")
        options.page.write_text(PAGE_INTRO + body, "utf-8")
        say(f"wrote {options.page}")
    return 0


if __name__ == "__main__":  # also runs as a file (bench/run.py): it imports nothing of ours
    raise SystemExit(main())
