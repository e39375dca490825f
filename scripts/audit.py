"""make audit: look every pinned dependency up in PyPI's vulnerability database.

    python scripts/audit.py requirements/site.lock requirements/dev.lock

Runs pip-audit on the hash-locked files (nothing is installed or resolved: the locks pin
every package). Exit 1 when a pinned release has a known vulnerability, with each one
named and the releases that fix it. When the database cannot be reached (no network, a
proxy in the way, or an index mirror that does not serve PyPI's JSON API, which answers
"not found" for every release), it says so in one plain line and exits 0: no audit is
not a failed audit, but it is never reported as a clean one either.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
LOCKS = [PROJECT / "requirements" / "site.lock", PROJECT / "requirements" / "dev.lock"]
# pip-audit's default service: PyPI's JSON API, which lists each release's advisories.
RELEASE_URL = "https://pypi.org/pypi/{name}/{version}/json"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.M)
_NETWORK = re.compile(
    r"ConnectionError|ProxyError|Max retries|Failed to resolve|Name or service not known|"
    r"timed out|Temporary failure in name resolution|SSLError|Connection refused",
)


def first_pin(lock: Path) -> tuple[str, str]:
    match = _PIN.search(lock.read_text("utf-8"))
    if match is None:
        raise SystemExit(f"audit: no pinned package in {lock}")
    return match.group(1), match.group(2)


def unreachable(name: str, version: str) -> str | None:
    """Why the database cannot answer for a release the lock pins, or None if it can."""
    url = RELEASE_URL.format(name=name, version=version)
    try:
        with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310 (https, fixed)
            response.read(1)
    except urllib.error.HTTPError as error:
        return f"{url} answered {error.code} for a release the lock pins"
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        return f"{url}: {reason}"
    return None


def summarize(report: dict[str, Any]) -> tuple[str, int]:
    """pip-audit's JSON report as lines to print, and the exit status."""
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    if dependencies and len(skipped) == len(dependencies):
        reason = skipped[0]["skip_reason"]
        return (
            f"audit skipped: vulnerability database unreachable (every lookup failed: {reason})",
            0,
        )
    lines = []
    found = 0
    for dependency in dependencies:
        for vulnerability in dependency.get("vulns", []):
            found += 1
            aliases = [a for a in vulnerability.get("aliases", []) if a != vulnerability["id"]]
            also = f" ({', '.join(aliases)})" if aliases else ""
            fixes = ", ".join(vulnerability.get("fix_versions", [])) or "no fixed release yet"
            lines.append(
                f"{dependency['name']} {dependency.get('version', '?')}: "
                f"{vulnerability['id']}{also}; fixed in {fixes}"
            )
    lines += [f"not audited: {d['skip_reason']}" for d in skipped]
    audited = len(dependencies) - len(skipped)
    noun = "vulnerability" if found == 1 else "vulnerabilities"
    lines.append(f"audit: {found} known {noun} in {audited} pinned packages")
    return "\n".join(lines), 1 if found else 0


def main(argv: list[str]) -> int:
    locks = [Path(a) for a in argv] or LOCKS
    reason = unreachable(*first_pin(locks[0]))
    if reason is not None:
        print(f"audit skipped: vulnerability database unreachable ({reason})")
        return 0
    pip_audit = Path(sys.executable).parent / "pip-audit"
    command = [str(pip_audit), "--disable-pip", "--progress-spinner", "off", "--format", "json"]
    for lock in locks:
        command += ["-r", str(lock)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    try:
        report = json.loads(result.stdout)
    except ValueError:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        if _NETWORK.search(result.stderr):
            print(f"audit skipped: vulnerability database unreachable ({last})")
            return 0
        print(f"audit failed: pip-audit exited {result.returncode}: {last}", file=sys.stderr)
        return 2
    text, status = summarize(report)
    print(text)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
