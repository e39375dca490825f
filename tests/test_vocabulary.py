"""The schema's word lists and their definitions stay one list."""

import typing

from builder import model, vocabulary


def test_every_status_is_defined_once_with_a_known_stage() -> None:
    names = [word.name for word in vocabulary.STATUSES]
    assert names == list(typing.get_args(model.Status))
    stages = {stage.name for stage in vocabulary.STAGES}
    assert {word.stage for word in vocabulary.STATUSES} == stages


def test_severities_and_roles_match_the_schema() -> None:
    assert [w.name for w in vocabulary.SEVERITIES] == list(typing.get_args(model.Severity))
    assert [w.name for w in vocabulary.CITATION_ROLES] == list(typing.get_args(model.CitationRole))
    assert set(vocabulary.CONFLICTS) < set(vocabulary.SEVERITY_MEANING)


def test_every_definition_is_one_sentence() -> None:
    for word in (*vocabulary.STATUSES, *vocabulary.SEVERITIES, *vocabulary.CITATION_ROLES):
        assert word.meaning.endswith("."), word.name
        assert word.meaning[0].isupper(), word.name
