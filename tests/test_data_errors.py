"""Bad data gets one clear, positioned message per problem; all problems in one run."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from builder.pipeline import Paths
from tests.conftest import BUILDER_ENV, PROJECT, Edit, problems_of


def messages(paths: Paths) -> list[str]:
    return [str(p) for p in problems_of(paths)]


def test_fixture_is_valid(tiny: Paths) -> None:
    assert messages(tiny) == []


def test_unknown_field_suggests_the_right_one(tiny: Paths, edit: Edit) -> None:
    edit("initiatives.yaml", "  summary: A ferry", "  sumary: A ferry")
    assert messages(tiny) == [
        "data/initiatives.yaml:1:3: [0].summary: missing required field 'summary'\n"
        "    hint: add 'summary:' here",
        "data/initiatives.yaml:3:11: [0].sumary: unknown field 'sumary'\n"
        "    hint: did you mean 'summary'?",
    ]


def test_wrong_type_says_what_was_expected_and_found(tiny: Paths, edit: Edit) -> None:
    edit(
        "countries.yaml",
        "  group: Lake state\n  leader: ada-brook",
        "  group: 1.10\n  leader: ada-brook",
    )
    assert messages(tiny) == [
        "data/countries.yaml:3:10: [0].group: expected text, found number 1.1\n"
        "    hint: put the value in quotes to keep it as text"
    ]


def test_country_code_no_stays_text(tiny: Paths, edit: Edit) -> None:
    edit("countries.yaml", "  name: Nordmark\n", "  name: Nordmark\n  iso3: NOR\n")
    edit("countries.yaml", "- id: nordmark", "- id: nordmark\n  aliases: [NO, yes, on]")
    assert messages(tiny) == []


def test_yes_in_a_number_field_is_explained(tiny: Paths, edit: Edit) -> None:
    edit("figures.yaml", "  value: 900\n", "  value: yes\n")
    assert messages(tiny) == [
        "data/figures.yaml:13:10: [1].value: expected a number or a whole number, found 'yes'\n"
        "    hint: write the number without quotes, e.g. 12 or 1.5"
    ]


def test_impossible_date(tiny: Paths, edit: Edit) -> None:
    edit("timeline.yaml", "date: 2031-05-04", "date: 2031-02-30")
    assert messages(tiny) == [
        "data/timeline.yaml:2:9: [0].date: '2031-02-30' is not a real date (day is out of range"
        " for month)"
    ]


def test_unknown_reference_suggests_a_close_id(tiny: Paths, edit: Edit) -> None:
    edit("initiatives.yaml", "  sectors: [transport]", "  sectors: [transprt]")
    assert messages(tiny) == [
        "data/initiatives.yaml:8:13: [0].sectors[0]: unknown sectors 'transprt'\n"
        "    hint: did you mean 'transport'?"
    ]


def test_reference_to_the_wrong_kind(tiny: Paths, edit: Edit) -> None:
    edit("initiatives.yaml", "  sectors: [transport]", "  sectors: [nordmark]")
    assert messages(tiny) == [
        "data/initiatives.yaml:8:13: [0].sectors[0]: 'nordmark' is in countries, expected sectors"
    ]


def test_duplicate_id_across_collections(tiny: Paths, edit: Edit) -> None:
    (tiny.data / "sectors.yaml").write_text(
        (tiny.data / "sectors.yaml").read_text() + "- id: sudland\n  name: S\n  description: D\n"
    )
    assert messages(tiny) == [
        "data/sectors.yaml:7:7: [2].id: duplicate id 'sudland': already used in countries\n"
        "    hint: ids are unique across all collections; choose another"
    ]


def test_unsafe_ids_are_refused(tiny: Paths, edit: Edit) -> None:
    extra = "- id: con\n  name: C\n  description: D\n- id: ../../etc\n  name: E\n  description: D\n"
    (tiny.data / "sectors.yaml").write_text((tiny.data / "sectors.yaml").read_text() + extra)
    assert messages(tiny) == [
        "data/sectors.yaml:7:7: [2].id: 'con' is a reserved name; choose another id\n"
        "    hint: try 'con-2'",
        "data/sectors.yaml:10:7: [3].id: not a valid id: '../../etc'\n"
        "    hint: use lower-case letters, digits and single hyphens: try 'etc'",
    ]


def test_missing_quote(tiny: Paths, edit: Edit) -> None:
    edit("initiatives.yaml", "quote: supported the ferry plan", "quote: supported the boat plan")
    assert messages(tiny) == [
        "data/initiatives.yaml:14:14: [0].citations[1].quote: quote not found in source "
        "'harbour-report': 'supported the boat plan'\n"
        '    hint: ¶3 has "supported the [ferry] plan" where the quote has '
        '"supported the [boat] plan" (81% alike); copy the words exactly from the source'
    ]


def test_ambiguous_quote(tiny: Paths, edit: Edit) -> None:
    edit("initiatives.yaml", "quote: supported the ferry plan", "quote: ferry")
    assert messages(tiny) == [
        "data/initiatives.yaml:14:14: [0].citations[1].quote: quote occurs 2 times in source "
        "'harbour-report' (¶2, ¶3): 'ferry'\n"
        '    hint: quote more words, so that it occurs once, e.g. "joint ferry" (¶2) '
        'or "the ferry" (¶3)'
    ]


def test_empty_quote(tiny: Paths, edit: Edit) -> None:
    edit("initiatives.yaml", "quote: supported the ferry plan", "quote: '   '")
    assert messages(tiny) == [
        "data/initiatives.yaml:14:14: [0].citations[1].quote: empty quote\n"
        "    hint: copy a few words from the source"
    ]


def test_quote_with_straight_apostrophe_gets_a_hint(tiny: Paths, edit: Edit) -> None:
    edit("people.yaml", "Sudland's minister", "Sudland’s minister")
    [message] = messages(tiny)
    assert message.endswith(
        "hint: the source has U+0027 APOSTROPHE (') at column 8 of ¶3 where the quote has "
        "U+2019 RIGHT SINGLE QUOTATION MARK (’); copy the words exactly from the source"
    )


def test_every_problem_is_reported_in_one_run(tiny: Paths, edit: Edit) -> None:
    edit("initiatives.yaml", "  sectors: [transport]", "  sectors: [transprt]")
    edit("people.yaml", "  role: Minister of Nordmark", "  rol: Minister of Nordmark")
    edit("timeline.yaml", "quote: On 4 May the ministers", "quote: On 5 May the ministers")
    assert [m.split(": ", 2)[1] for m in messages(tiny)] == [
        "[0].sectors[0]",  # unknown reference, although another file has schema errors
        "[0].role",  # missing
        "[0].rol",  # unknown field
        "[0].citations[0].quote",  # quote not found
    ]


def test_source_with_crlf_bom_or_bad_bytes(tiny: Paths) -> None:
    path = tiny.data / "sources" / "blog-post.md"
    original = path.read_bytes()
    path.write_bytes(original.replace(b"\n", b"\r\n"))
    assert messages(tiny) == [
        "data/sources/blog-post.md:1:1: CRLF or CR line ends\n"
        "    hint: save with LF (Unix) line ends"
    ]
    path.write_bytes(b"\xef\xbb\xbf" + original)
    assert messages(tiny)[0].startswith(
        "data/sources/blog-post.md:1:1: file starts with a byte-order mark"
    )
    path.write_bytes(original.replace(b"according", b"accord\xffing"))
    assert messages(tiny) == [
        "data/sources/blog-post.md:14:47: bytes that are not UTF-8 (0xff)\n"
        "    hint: save the file as UTF-8"
    ]


def test_source_front_matter_problems(tiny: Paths) -> None:
    path = tiny.data / "sources" / "blog-post.md"
    text = path.read_text("utf-8")
    path.write_text(text.removeprefix("---\n"), "utf-8")
    assert "missing front matter" in messages(tiny)[0]
    path.write_text(text.replace("\n---\n", "\n", 2).replace("---\n", "---\n", 1), "utf-8")
    assert "front matter is not closed" in messages(tiny)[0]
    path.write_text(text.replace("language: en", "language: en\nlanguage: fr"), "utf-8")
    assert messages(tiny) == [
        "data/sources/blog-post.md:11:1: language: duplicate key 'language' "
        "(first given on line 10)\n    hint: keep one of them"
    ]


def test_source_id_must_match_file_name(tiny: Paths) -> None:
    path = tiny.data / "sources" / "blog-post.md"
    path.write_text(path.read_text("utf-8").replace("id: blog-post", "id: blog"), "utf-8")
    assert (
        "data/sources/blog-post.md:2:5: id: id 'blog' differs from the file name 'blog-post'\n"
        "    hint: rename the file to blog.md or change the id"
    ) in messages(tiny)


def test_cli_exits_non_zero_without_traceback(tiny: Paths, edit: Edit) -> None:
    edit("sectors.yaml", "- id: water", "- id: water\n  id: again")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "builder",
            "--data",
            str(tiny.data),
            "--docs",
            str(tiny.docs),
            "build",
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == "1 problem; nothing was written."
    assert list(tiny.docs.iterdir()) == []


def run_builder(
    paths: Paths, *command: str, memory: int = 1 << 30, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """The builder in a process of its own, with at most ``memory`` bytes of address space
    and ``timeout`` seconds: a reader that hangs or fills memory fails the test, not the
    machine."""

    def limit() -> None:  # pragma: no cover (runs in the child)
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        [
            sys.executable,
            "-m",
            "builder",
            "--data",
            str(paths.data),
            "--docs",
            str(paths.docs),
            *command,
        ],
        cwd=paths.data.parent,  # where the analyst works: messages name `data/…`
        env=BUILDER_ENV,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        preexec_fn=limit,
    )


def test_deep_nesting_is_a_positioned_problem_not_a_crash(tiny: Paths) -> None:
    # The reproduction: libyaml's composer crashed the interpreter (exit 139).
    (tiny.data / "glossary.yaml").write_text("[" * 50_000 + "]" * 50_000)
    result = run_builder(tiny, "check")
    assert result.returncode == 1, result.stderr[-2000:]
    # Column 34 where the builder counts the levels; libyaml's own limit (1,000 levels,
    # PyYAML 6.0.4) may stop its scanner first, further on.
    assert re.match(
        r"data/glossary\.yaml:1:(34|1001): nesting deeper than 32 levels\n", result.stderr
    )
    assert "Traceback" not in result.stderr


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tiny: Paths) -> None:
    os.mkfifo(tiny.data / "sources" / "pipe.md")
    os.mkfifo(tiny.data / "sectors.yaml.tmp")  # not a data file: never opened
    (tiny.data / "countries.yaml").unlink()
    os.mkfifo(tiny.data / "countries.yaml")
    result = run_builder(tiny, "check", timeout=30)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:4] == [
        "data/countries.yaml:1:1: not a regular file (a named pipe); not read",
        "    hint: data files are ordinary files",
        "data/sources/pipe.md:1:1: not a regular file (a named pipe); not read",
        "    hint: data files are ordinary files",
    ]


def test_a_link_to_a_device_is_refused_before_reading(tiny: Paths) -> None:
    (tiny.data / "sources" / "zero.md").symlink_to("/dev/zero")
    started = time.perf_counter()
    result = run_builder(tiny, "check", memory=1 << 30, timeout=30)
    assert time.perf_counter() - started < 20
    assert result.returncode == 1, result.stderr[-500:]
    assert result.stderr.startswith(
        "data/sources/zero.md:1:1: a symbolic link leads outside the data folder (to /dev/zero)"
    )


def test_size_is_taken_from_stat_before_reading(tiny: Paths) -> None:
    # A sparse file of 4 GB was read whole (14 s, 4.2 GB of memory) before its size was checked.
    with (tiny.data / "sources" / "huge.md").open("wb") as stream:
        stream.truncate(4 << 30)
    started = time.perf_counter()
    result = run_builder(tiny, "check", memory=1 << 30, timeout=30)
    assert time.perf_counter() - started < 20
    assert result.returncode == 1, result.stderr[-500:]
    assert result.stderr.startswith(
        "data/sources/huge.md:1:1: file is 4,294,967,296 bytes; the limit is 2,000,000\n"
    )


def test_a_link_out_of_the_data_folder_is_not_read(tiny: Paths, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:TOPSECRET-do-not-print:/root:/bin/bash\n" * 3, "utf-8")
    (tiny.data / "glossary.yaml").unlink()
    (tiny.data / "glossary.yaml").symlink_to(secret)
    (tiny.data / "sources" / "leak.md").symlink_to(secret)
    found = messages(tiny)
    assert found == [
        f"data/glossary.yaml:1:1: a symbolic link leads outside the data folder (to {secret});"
        " not read\n    hint: copy the file into the data folder instead of linking to it",
        f"data/sources/leak.md:1:1: a symbolic link leads outside the data folder (to {secret});"
        " not read\n    hint: copy the file into the data folder instead of linking to it",
    ]
    assert "TOPSECRET" not in "".join(found)


def test_a_link_inside_the_data_folder_is_followed(tiny: Paths) -> None:
    (tiny.data / "archive").mkdir()
    source = tiny.data / "sources" / "blog-post.md"
    source.rename(tiny.data / "archive" / "blog-post.md")
    source.symlink_to(Path("..") / "archive" / "blog-post.md")
    assert messages(tiny) == []


@pytest.mark.parametrize("kind", ["folder", "dangling link"])
def test_other_things_where_a_data_file_should_be(tiny: Paths, kind: str) -> None:
    path = tiny.data / "sources" / "odd.md"
    if kind == "folder":
        path.mkdir()
        expected = "data/sources/odd.md:1:1: not a regular file (a folder); not read"
    else:
        path.symlink_to("missing.md")
        expected = "data/sources/odd.md:1:1: cannot open the file: No such file or directory"
    assert messages(tiny)[0].split("\n")[0] == expected


def test_a_million_problems_are_collected_and_reported_within_bounds(tiny: Paths) -> None:
    # The case: 10^6 empty items gave 10^6 problems, 90 MB of stderr, 965 MB, 12 s.
    (tiny.data / "glossary.yaml").write_text("-\n" * 1_000_000)
    started = time.perf_counter()
    result = run_builder(tiny, "check", memory=1 << 30, timeout=60)
    elapsed = time.perf_counter() - started
    assert result.returncode == 1, result.stderr[-500:]
    lines = result.stderr.splitlines()
    assert len(result.stderr) < 50_000
    assert (
        lines[0]
        == "data/glossary.yaml:1:2: [0]: expected a mapping of fields, found nothing (null)"
    )
    assert lines[-4:] == [
        "… and 801 more problems",
        "data/glossary.yaml:1001:2: stopped checking here, after 1,000 problems; the rest of this"
        " file was not checked",
        "    hint: fix the problems above and run again",
        "1,001 problems, and checking stopped early; nothing was written.",
    ]
    assert elapsed < 20, f"took {elapsed:.1f} s"


def test_a_report_prints_at_most_two_hundred_problems() -> None:
    from builder.errors import MAX_SHOWN, DataError, Problem

    problems = [Problem("data/x.yaml", line, 1, "", "bad") for line in range(1, 1_501)]
    report = DataError(problems).report().splitlines()
    assert MAX_SHOWN == 200
    assert len(report) == MAX_SHOWN + 2
    assert report[MAX_SHOWN - 1] == "data/x.yaml:200:1: bad"
    assert report[-2:] == [
        "… and 1,300 more problems",
        "1,500 problems; nothing was written.",
    ]
    assert len(DataError(problems).problems) == 1_500, "the error keeps every problem"
