"""How long an edit takes to show in the live preview, and the preview's memory.

    python -m bench.preview PROJECT [--edits N] [--gap S] [--port P]

Starts ``python -m builder.serve --root PROJECT`` on a free port, waits for its first
build, then edits the first initiative's summary in ``data/initiatives.yaml`` N times
(``--gap`` seconds apart, each a new sentence) and, for each edit, polls that
initiative's page until the response carries the new text: the time from the file's
write to that first response. Prints one JSON object: the seconds of each edit, the
server's resident memory after each edit and its peak (``VmHWM``), all in MB.
The project is edited in place: run it on a copy.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 600.0  # the first build at ~5,000 entities takes about a minute
EDIT_TIMEOUT = 120.0
POLL = 0.01
_SUMMARY = re.compile(r"(?m)^(  summary: )(.*)$")
_ID = re.compile(r"(?m)^- id: (\S+)$")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=EDIT_TIMEOUT) as response:  # noqa: S310
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def memory_mb(pid: int) -> tuple[float, float]:
    """Resident memory now and at its peak (VmRSS, VmHWM) of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


def first_initiative(data: Path) -> tuple[str, str]:
    """The id of the first initiative, and its summary line as written."""
    text = (data / "initiatives.yaml").read_text("utf-8")
    found_id, found_summary = _ID.search(text), _SUMMARY.search(text)
    if not found_id or not found_summary:
        raise SystemExit(f"{data}/initiatives.yaml: no initiative with a summary to edit")
    return found_id.group(1), found_summary.group(0)


def measure(project: Path, edits: int, gap: float, port: int, log: Path) -> dict[str, Any]:
    data = project / "data"
    initiative, summary = first_initiative(data)
    url = f"http://127.0.0.1:{port}/initiatives/{initiative}/"
    command = [sys.executable, "-m", "builder.serve", "--root", str(project)]
    command += ["--dev-addr", f"127.0.0.1:{port}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("BRIEFING_PREBUILT", None)
    # A copy of the whole project (as the benchmark makes) runs its own builder.
    tool = project if (project / "builder").is_dir() else PROJECT
    before = log.stat().st_size if log.is_file() else 0  # the log may hold earlier runs
    with log.open("ab") as out:
        server = subprocess.Popen(command, cwd=tool, stdout=out, stderr=out, env=env)  # noqa: S603
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while b"Serving on" not in log.read_bytes()[before:]:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the preview did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        fetch(url)
        path = data / "initiatives.yaml"
        seconds: list[float] = []
        resident: list[float] = []
        for number in range(1, edits + 1):
            time.sleep(gap)
            marker = f"Edited summary {number} of preview run {os.getpid()}-{time.time_ns()}."
            text = path.read_text("utf-8").replace(summary, f"  summary: {marker}", 1)
            summary = f"  summary: {marker}"
            written = time.perf_counter()
            path.write_text(text, "utf-8")
            while marker not in fetch(url):
                if time.perf_counter() - written > EDIT_TIMEOUT or server.poll() is not None:
                    raise SystemExit(f"edit {number} never showed:\n{log.read_text()[-3000:]}")
                time.sleep(POLL)
            seconds.append(time.perf_counter() - written)
            resident.append(memory_mb(server.pid)[0])
        peak = memory_mb(server.pid)[1]
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return {"seconds": seconds, "rss_mb": resident, "peak_mb": peak, "page": url}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.preview", description=__doc__)
    parser.add_argument("project", type=Path)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--gap", type=float, default=2.0, help="seconds between edits")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--log", type=Path, help="the server's output (default: beside PROJECT)")
    args = parser.parse_args(argv)
    log = args.log or args.project.parent / "preview.log"
    result = measure(args.project.resolve(), args.edits, args.gap, args.port or free_port(), log)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
