"""The Method page's word lists are generated from builder/vocabulary.py (by `make
schema`), in this checkout's page and in the one a new briefing starts with."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from builder.vocabulary import CITATION_ROLES, SEVERITIES, STATUSES
from tests.conftest import PROJECT

SCRIPT = PROJECT / "scripts" / "method_vocabulary.py"
PAGES = [PROJECT / "docs" / "method.md", PROJECT / "builder" / "starter" / "docs" / "method.md"]


def test_the_method_pages_lists_are_current() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (0, "")


@pytest.mark.parametrize("page", PAGES, ids=["docs", "starter"])
def test_every_word_is_defined_on_the_method_page(page: Path) -> None:
    text = page.read_text("utf-8")
    for word in (*STATUSES, *SEVERITIES, *CITATION_ROLES):
        assert f"- *{word.name}*: {word.meaning}" in text


def test_a_stale_list_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("method_vocabulary", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    method_vocabulary = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(method_vocabulary)

    stale = tmp_path / "method.md"
    stale.write_text(
        f"# Method\n\n{method_vocabulary.START}\n- *signed*: old words\n\n{method_vocabulary.END}",
        "utf-8",
    )
    monkeypatch.setattr(method_vocabulary, "PAGES", (stale,))
    monkeypatch.setattr(method_vocabulary, "PROJECT", stale.parent)
    assert method_vocabulary.main(["--check"]) == 1
    assert method_vocabulary.main([]) == 0
    assert "- *signed*: The sources say the parties signed it" in stale.read_text("utf-8")
