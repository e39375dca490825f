"""Writing: only changed pages are rewritten, stale ones go, hand-written files stay."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from builder import write as write_module
from builder.errors import DataError
from builder.lock import locked
from builder.pipeline import Paths, build, prepare
from builder.write import MANIFEST, TEMP_PREFIX, clean, lock_path, write
from tests.conftest import PROJECT, Edit, run_builder


def snapshot(docs: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(docs).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(docs.rglob("*"))
        if p.is_file()
    }


def test_second_build_rewrites_nothing(tiny: Paths) -> None:
    first = build(tiny).report
    assert first.written
    assert not first.unchanged
    before = snapshot(tiny.docs)
    second = build(tiny).report
    assert second.written == []
    assert len(second.unchanged) == len(first.written)
    after = snapshot(tiny.docs)
    assert {k: v for k, v in after.items() if k != MANIFEST} == {
        k: v for k, v in before.items() if k != MANIFEST
    }


def test_one_field_change_rewrites_only_the_pages_that_show_it(tiny: Paths, edit: Edit) -> None:
    build(tiny)
    # As long as before: the data page shows briefing.json's size (rounded), which stays.
    # The home page's JSON-LD gives each participant's representatives with their roles.
    edit("people.yaml", "  role: Minister of Sudland", "  role: Governor of Sudland")
    report = build(tiny).report
    assert report.written == [
        "downloads/briefing.json",
        "index.md",
        "people/index.md",
        "people/ola-reed.md",
    ]


def test_stale_pages_are_removed(tiny: Paths, edit: Edit) -> None:
    build(tiny)
    (tiny.data / "figures.yaml").write_text("[]\n")
    report = build(tiny).report
    assert report.removed == []  # figures live on one page, which stays
    edit("initiatives.yaml", "  related: [lake-ferry]\n", "")
    text = (tiny.data / "initiatives.yaml").read_text()
    (tiny.data / "initiatives.yaml").write_text(text.split("- id: water-study")[0])
    report = build(tiny).report
    assert report.removed == ["initiatives/water-study.md"]
    assert not (tiny.docs / "initiatives" / "water-study.md").exists()


def test_a_build_interrupted_half_way_is_finished_by_the_next(
    tiny: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The manifest claims the new pages first, so the files an interrupted build left are
    # the next build's own, not hand-written files in its way.
    created: list[str] = []
    real_replace = write_module._replace

    def replace_then_fail(target: str, data: bytes, shown: str) -> None:
        if len(created) == 5:
            raise KeyboardInterrupt
        real_replace(target, data, shown)
        if not target.endswith(MANIFEST):
            created.append(target)

    monkeypatch.setattr(write_module, "_replace", replace_then_fail)
    with pytest.raises(KeyboardInterrupt):
        build(tiny)
    monkeypatch.undo()
    assert len(created) == 5
    report = build(tiny).report
    assert len(report.unchanged) == 5
    assert report.written
    assert build(tiny).report.written == []


def test_hand_written_files_are_never_touched(tiny: Paths) -> None:
    (tiny.docs / "about.md").write_text("mine")
    (tiny.docs / "countries").mkdir()
    (tiny.docs / "countries" / "notes.md").write_text("mine too")
    build(tiny)
    build(tiny)
    assert (tiny.docs / "about.md").read_text() == "mine"
    assert (tiny.docs / "countries" / "notes.md").read_text() == "mine too"


def test_hand_written_file_in_the_way_is_an_error(tiny: Paths) -> None:
    (tiny.docs / "countries").mkdir()
    (tiny.docs / "countries" / "nordmark.md").write_text("mine")
    with pytest.raises(DataError) as caught:
        build(tiny)
    assert "a hand-written file is in the way of a generated page" in str(caught.value)
    assert (tiny.docs / "countries" / "nordmark.md").read_text() == "mine"
    assert not (tiny.docs / "index.md").exists(), "nothing is written when a check fails"


def test_writes_never_follow_a_link_out_of_docs(tiny: Paths, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (tiny.docs / "countries").symlink_to(outside, target_is_directory=True)
    with pytest.raises(DataError) as caught:
        build(tiny)
    assert "leads outside the docs folder via a link" in str(caught.value)
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize(
    "name", ["../escape.md", "/etc/passwd.md", "a/../../b.md", "a\\b.md", "x" * 130 + ".md"]
)
def test_unsafe_page_paths_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(DataError, match="unsafe output path"):
        write({name: "x"}, tmp_path)


def test_pages_that_collide_by_case_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="two pages map to one file"):
        write({"a/Page.md": "x", "a/page.md": "y"}, tmp_path)


def build_with(environment: dict[str, str], tiny: Paths, docs: Path) -> dict[str, bytes]:
    subprocess.run(
        [sys.executable, "-m", "builder", "--data", str(tiny.data), "--docs", str(docs), "build"],
        cwd=PROJECT,
        check=True,
        capture_output=True,
        env={**os.environ, **environment},
    )
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}


def test_output_is_identical_under_other_seeds_zones_and_locales(
    tiny: Paths, tmp_path: Path
) -> None:
    one = build_with({"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C"}, tiny, tmp_path / "a")
    two = build_with(
        {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8"},
        tiny,
        tmp_path / "b",
    )
    assert one == two
    assert len(one) > 20


def test_temporary_files_an_interrupted_build_left_are_removed(tiny: Paths) -> None:
    build(tiny)
    left = [
        tiny.docs / f"{TEMP_PREFIX}0123456789abcdef",
        tiny.docs / "countries" / f"{TEMP_PREFIX}fedcba9876543210",
    ]
    for path in left:
        path.write_bytes(b"half a pa")
    mine = tiny.docs / "countries" / f"{TEMP_PREFIX}notes.md"  # not a name the builder makes
    mine.write_text("mine")
    build(tiny)
    assert [path.exists() for path in left] == [False, False]
    assert mine.read_text() == "mine"


def test_a_changed_page_interrupted_before_its_rename_is_still_owned(
    tiny: Paths, edit: Edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The manifest used to claim a changed page's new digest only: had the build stopped
    # before the rename, the old bytes matched no digest, and once the page's entity was
    # gone the page stayed forever (published by MkDocs, left by `builder clean`).
    build(tiny)
    edit("people.yaml", "  role: Minister of Sudland", "  role: Foreign Minister of Sudland")

    def stop(target: str, data: bytes, shown: str) -> None:
        if target.endswith("ola-reed.md"):
            raise KeyboardInterrupt
        real_replace(target, data, shown)

    real_replace = write_module._replace
    monkeypatch.setattr(write_module, "_replace", stop)
    with pytest.raises(KeyboardInterrupt):
        build(tiny)
    monkeypatch.undo()
    assert "Minister of Sudland" in (tiny.docs / "people" / "ola-reed.md").read_text()
    assert clean(tiny.docs)
    assert sorted(p.name for p in tiny.docs.iterdir()) == [MANIFEST]


def test_one_build_at_a_time_names_the_process_that_builds(tiny: Paths) -> None:
    with locked(lock_path(tiny.docs), "testing"):
        result = run_builder("--data", str(tiny.data), "--docs", str(tiny.docs), "build")
    assert result.returncode == 1
    assert result.stderr == (
        f"error: process {os.getpid()} is testing (lock file {lock_path(tiny.docs).as_posix()});"
        " wait for it to finish, or stop it, then run again\n"
    )
    assert list(tiny.docs.iterdir()) == []
    assert build(tiny).report.written, "the lock goes with the process that held it"


def test_two_builders_at_once_never_collide(tiny: Paths, tmp_path: Path) -> None:
    clean_docs = tmp_path / "clean"
    build(Paths(tiny.data, clean_docs, tiny.templates))
    command = [sys.executable, "-m", "builder", "--data", str(tiny.data)]
    command += ["--docs", str(tiny.docs), "build"]
    for _ in range(3):
        shutil.rmtree(tiny.docs)
        runs = [
            subprocess.Popen(command, cwd=PROJECT, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        for run in runs:
            _, stderr = run.communicate(timeout=120)
            assert run.returncode == 0 or " is writing " in stderr, stderr
        assert snapshot_bytes(tiny.docs) == snapshot_bytes(clean_docs)


def snapshot_bytes(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}


def test_a_full_disk_names_the_page_not_a_temporary_file(
    tiny: Paths, edit: Edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(tiny)
    before = snapshot_bytes(tiny.docs)
    edit("people.yaml", "  role: Minister of Sudland", "  role: Foreign Minister of Sudland")
    after_edit = {name: text.encode() for name, text in prepare(tiny).pages.items()}
    real_open = os.open

    def full(path: str, flags: int, mode: int = 0o777, **kwargs: Any) -> int:
        # Creating a file on a full disk: the error names the file being created.
        if flags & os.O_CREAT and "/people/" in str(path):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_open(path, flags, mode, **kwargs)

    monkeypatch.setattr(os, "open", full)
    with pytest.raises(OSError, match="No space left") as caught:
        build(tiny)
    monkeypatch.undo()
    page = (tiny.docs / "people" / "index.md").as_posix()
    assert str(caught.value) == f"cannot write {page}: No space left on device"
    after = snapshot_bytes(tiny.docs)
    assert after.keys() == before.keys(), "no temporary file is left"
    for name, data in after.items():
        assert name == MANIFEST or data in (before[name], after_edit[name]), name
    assert build(tiny).report.written == ["people/index.md", "people/ola-reed.md"]


def run_confined(
    tiny: Paths, *, read_only: Path | None = None, disk: int | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m builder build` with ``read_only`` a read-only folder, or the docs folder
    on a disk of ``disk`` bytes: a read-only bind mount or a small tmpfs in a mount
    namespace of its own (root cannot be kept out of a folder by its mode), or the
    folder's mode for anyone else; skipped where neither can be had."""
    command = [sys.executable, "-m", "builder", "--data", str(tiny.data)]
    command += ["--docs", str(tiny.docs), "build"]
    if os.geteuid() != 0:
        if disk is not None or read_only is None:
            pytest.skip("a small disk needs a mount namespace (run as root)")
        read_only.chmod(0o555)
        try:
            return subprocess.run(command, cwd=PROJECT, capture_output=True, text=True)
        finally:
            read_only.chmod(0o755)
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("unshare(1) is not installed")
    if read_only is not None:
        mount = f"mount --bind {read_only} {read_only} && mount -o remount,ro,bind {read_only}"
    else:
        mount = f"mount -t tmpfs -o size={disk} tmpfs {tiny.docs}"
    script = f'{mount} || exit 99; exec "$@"'
    result = subprocess.run(
        [unshare, "--mount", "sh", "-c", script, "sh", *command],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == 99 or "unshare failed" in result.stderr:
        pytest.skip(f"no mount namespace here: {result.stderr.strip()}")
    return result


def test_a_read_only_folder_names_the_page(tiny: Paths, edit: Edit) -> None:
    build(tiny)
    edit("people.yaml", "  role: Minister of Sudland", "  role: Foreign Minister of Sudland")
    result = run_confined(tiny, read_only=tiny.docs / "people")
    assert result.returncode == 1
    page = (tiny.docs / "people" / "index.md").as_posix()
    assert result.stderr in (
        f"error: cannot write {page}: Read-only file system\n",
        f"error: cannot write {page}: Permission denied\n",
    )
    assert TEMP_PREFIX not in result.stderr


def test_a_full_disk_for_real(tiny: Paths) -> None:
    result = run_confined(tiny, disk=64 * 1024)
    assert result.returncode == 1
    assert result.stderr.startswith("error: cannot write "), result.stderr
    assert result.stderr.endswith(": No space left on device\n")
    assert TEMP_PREFIX not in result.stderr
    assert ".tmp" not in result.stderr
