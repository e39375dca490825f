"""Compiled templates are reused only where they were compiled the same way."""

from pathlib import Path

import jinja2
import pytest

from builder import cache


def render(folder: Path, template: str, shout: object) -> str:
    env = jinja2.Environment(loader=jinja2.DictLoader({"page": template}), autoescape=True)
    env.filters["shout"] = shout
    env.bytecode_cache = cache.template_cache(env)
    return env.get_template("page").render(word="hi")


def test_a_filter_that_starts_taking_the_context_gets_a_fresh_compile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bug this guards: a template compiled while `status` took one argument was
    # reused after `status` took the context too, and failed "missing 1 required
    # positional argument" on every page using it.
    monkeypatch.setattr(cache, "FOLDER", tmp_path)
    template = "{{ word | shout }}"
    assert render(tmp_path, template, lambda value: value.upper()) == "HI"

    @jinja2.pass_context
    def with_context(context: jinja2.runtime.Context, value: str) -> str:
        return value.upper() + "!"

    assert render(tmp_path, template, with_context) == "HI!"
    assert len(list((tmp_path / "jinja").iterdir())) == 2


def test_the_same_filters_share_one_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "FOLDER", tmp_path)
    for _ in range(2):
        assert render(tmp_path, "{{ word | shout }}", str.upper) == "HI"
    (folder,) = (tmp_path / "jinja").iterdir()
    assert len(list(folder.iterdir())) == 1
