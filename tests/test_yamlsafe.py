"""The strict YAML reader: plain data, positions kept, YAML 1.1 surprises refused."""

from __future__ import annotations

import time

import pytest

from builder import yamlsafe


def parse_ok(text: str) -> object:
    document, problems = yamlsafe.parse(text, "f.yaml")
    assert problems == []
    assert document is not None
    return document.data


@pytest.mark.parametrize("word", ["NO", "no", "yes", "Yes", "on", "OFF", "y", "N"])
def test_yaml11_booleans_stay_text(word: str) -> None:
    assert parse_ok(f"code: {word}") == {"code": word}


@pytest.mark.parametrize("word", ["0755", "12:30", "0x1F", "2025-12-20", "1_000", ".inf", "1e3"])
def test_yaml11_numbers_and_dates_stay_text(word: str) -> None:
    assert parse_ok(f"v: {word}") == {"v": word}


def test_plain_scalars_that_are_typed() -> None:
    data = parse_ok("a: 12\nb: -3\nc: 1.10\nd: true\ne: null\nf: ~\ng:\nh: 'true'\ni: \"12\"")
    assert data == {
        "a": 12,
        "b": -3,
        "c": 1.1,
        "d": True,
        "e": None,
        "f": None,
        "g": None,
        "h": "true",
        "i": "12",
    }


def test_positions_are_kept_for_every_value() -> None:
    document, _ = yamlsafe.parse("- id: a\n  tags:\n    - x\n    - y\n", "f.yaml")
    assert document is not None
    assert document.position((0, "id")) == (1, 7)
    assert document.position((0, "tags", 1)) == (4, 7)
    assert document.position((0, "tags", 9)) == (3, 5), "a missing item falls back to its list"


def only_problem(text: str) -> str:
    _document, problems = yamlsafe.parse(text, "f.yaml")
    assert len(problems) == 1, problems
    return str(problems[0])


def test_duplicate_key_names_both_lines() -> None:
    assert only_problem("id: a\nname: x\nid: b\n") == (
        "f.yaml:3:1: id: duplicate key 'id' (first given on line 1)\n    hint: keep one of them"
    )


def test_aliases_are_refused() -> None:
    message = only_problem("a: &x [1, 2]\nb: *x\n")
    assert message.startswith("f.yaml:2:4: b: YAML aliases (*name) are not allowed")


def test_merge_keys_are_refused() -> None:
    message = only_problem("base: {a: 1}\nitem:\n  <<: {b: 2}\n  c: 3\n")
    assert "YAML merge keys (<<) are not allowed" in message


def test_explicit_tags_are_refused() -> None:
    message = only_problem("a: !!python/object:os.system echo\n")
    assert "YAML tag 'tag:yaml.org,2002:python/object:os.system' is not allowed" in message


def test_syntax_error_has_place_and_hint() -> None:
    message = only_problem("a: b: c\n")
    assert message == (
        "f.yaml:1:5: YAML syntax error: mapping values are not allowed in this context\n"
        "    hint: quote text that contains ': '"
    )


def test_line_offset_is_applied() -> None:
    _, problems = yamlsafe.parse("a: 1\na: 2\n", "s.md", line_offset=1)
    assert (problems[0].line, problems[0].column) == (3, 1)


def test_alias_bomb_is_refused_without_expanding_it() -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    _, problems = yamlsafe.parse("\n".join(lines), "bomb.yaml")
    # One problem per alias written (9 per line), not one per node it would expand to (9**10).
    assert len(problems) == 81
    assert {p.message for p in problems} == {"YAML aliases (*name) are not allowed"}


def test_deep_nesting_is_refused() -> None:
    text = "a: " + "[" * 200 + "]" * 200
    _, problems = yamlsafe.parse(text, "deep.yaml")
    assert any(f"nesting deeper than {yamlsafe.MAX_DEPTH} levels" in p.message for p in problems)


def test_oversized_file_is_refused_before_parsing() -> None:
    _, problems = yamlsafe.parse("a: " + "x" * (yamlsafe.MAX_BYTES + 1), "big.yaml")
    assert problems[0].message.startswith("file is 2,000,004 bytes; the limit is 2,000,000")


def test_format_path() -> None:
    assert yamlsafe.format_path((3, "citations", 0, "quote")) == "[3].citations[0].quote"
    assert yamlsafe.format_path(("dates", "start")) == "dates.start"


@pytest.mark.parametrize(
    "text",
    [
        "[" * 1_999_000,  # unclosed: the parser must not be asked to read past the limit
        "[" * 50_000 + "]" * 50_000,
        "{a: " * 400_000,
        "- " * 900_000 + "x",
        "a: 1\nb: 2\na: " + "[" * 10_000,  # inside a duplicate key's value, which is skipped
        "a: !!python/tuple " + "[" * 10_000,  # inside a value refused for its tag
        "? " + "[" * 10_000 + "\n: x\n",  # inside a key that is not plain text
    ],
    ids=["unclosed", "flow", "flow-map", "block", "duplicate", "tagged", "complex-key"],
)
def test_nesting_is_bounded_on_the_event_stream(text: str) -> None:
    # libyaml's composer recursed once a level and crashed the interpreter (exit 139) on
    # tens of thousands of '['; the events are counted instead, and reading stops there.
    started = time.perf_counter()
    document, problems = yamlsafe.parse(text, "deep.yaml")
    assert time.perf_counter() - started < 1.0
    assert document is None
    assert problems[-1].message == f"nesting deeper than {yamlsafe.MAX_DEPTH} levels"


def test_nesting_at_the_limit_is_read() -> None:
    depth = yamlsafe.MAX_DEPTH
    assert parse_ok("[" * depth + "x" + "]" * depth) is not None
    _, problems = yamlsafe.parse("[" * (depth + 1) + "x" + "]" * (depth + 1), "f.yaml")
    assert [(p.line, p.column) for p in problems] == [(1, depth + 2)]


def test_a_second_document_is_refused() -> None:
    message = only_problem("a: 1\n---\nb: 2\n")
    assert message.startswith("f.yaml:2:1: a second YAML document ('---') in one file")


def test_an_alias_as_a_key_is_refused() -> None:
    message = only_problem("a: &k x\n*k : 1\n")
    assert message.startswith("f.yaml:2:1: YAML aliases (*name) are not allowed")


def test_a_tagged_collection_is_refused_whole() -> None:
    document, problems = yamlsafe.parse("a: !!set {x, y}\nb: 1\n", "f.yaml")
    assert [p.message for p in problems] == ["YAML tag 'tag:yaml.org,2002:set' is not allowed"]
    assert document is not None
    assert document.data == {"a": None, "b": 1}


def test_problems_stop_being_collected_after_the_limit() -> None:
    from builder.errors import MAX_PROBLEMS

    text = "a: 1\n" + "a: 2\n" * (5 * MAX_PROBLEMS)
    document, problems = yamlsafe.parse(text, "f.yaml")
    assert document is None
    assert len(problems) == MAX_PROBLEMS + 1
    assert str(problems[-1]).startswith(
        f"f.yaml:{MAX_PROBLEMS + 1}:1: stopped checking here, after 1,000 problems"
    )
