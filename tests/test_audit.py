"""make audit: found vulnerabilities fail it; an unreachable database is said, not hidden."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from types import ModuleType
from typing import Any

from tests.conftest import PROJECT


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit", PROJECT / "scripts" / "audit.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


audit = _load_script()


def run_audit(**environment: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PROJECT / "scripts" / "audit.py")],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, **environment},
    )


def test_an_unreachable_database_is_said_plainly_and_passes() -> None:
    # Every request goes through a proxy that is not there (port 9, discard: closed).
    closed = "http://127.0.0.1:9"
    result = run_audit(HTTPS_PROXY=closed, https_proxy=closed, NO_PROXY="", no_proxy="")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("audit skipped: vulnerability database unreachable (")
    assert "Traceback" not in result.stdout + result.stderr


REPORT: dict[str, Any] = {
    "dependencies": [
        {"name": "jinja2", "version": "3.1.6", "vulns": []},
        {
            "name": "pyyaml",
            "version": "5.3",
            "vulns": [
                {
                    "id": "PYSEC-2021-142",
                    "fix_versions": ["5.4"],
                    "aliases": ["CVE-2020-14343", "GHSA-8q59-q68h-6hv4"],
                    "description": "arbitrary code execution through full_load",
                }
            ],
        },
        {"name": "zizmor", "skip_reason": "Dependency not found on PyPI: zizmor (1.32.0)"},
    ],
    "fixes": [],
}


def test_a_known_vulnerability_fails_the_audit_and_is_named() -> None:
    text, status = audit.summarize(REPORT)
    assert status == 1
    assert text.splitlines() == [
        "pyyaml 5.3: PYSEC-2021-142 (CVE-2020-14343, GHSA-8q59-q68h-6hv4); fixed in 5.4",
        "not audited: Dependency not found on PyPI: zizmor (1.32.0)",
        "audit: 1 known vulnerability in 2 pinned packages",
    ]


def test_a_clean_audit_passes() -> None:
    text, status = audit.summarize({"dependencies": REPORT["dependencies"][:1]})
    assert (text, status) == ("audit: 0 known vulnerabilities in 1 pinned packages", 0)


def test_a_database_that_knows_no_release_is_no_clean_audit() -> None:
    # An index mirror without PyPI's JSON API: pip-audit skips every package and says
    # "No known vulnerabilities found".
    skipped = [{"name": "a", "skip_reason": "Dependency not found on PyPI: a (1)"}] * 3
    text, status = audit.summarize({"dependencies": skipped})
    assert status == 0
    assert text.startswith("audit skipped: vulnerability database unreachable (every lookup")
