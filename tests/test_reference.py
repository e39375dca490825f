"""Authors can look up every field: the reference is generated and complete."""

from __future__ import annotations

from builder.kinds import YAML_KINDS
from builder.reference import reference


def test_every_field_of_every_structure_is_described() -> None:
    undocumented = [
        f"{doc.title}.{field.name}"
        for doc in reference()
        for field in doc.fields
        if not field.description
    ]
    assert undocumented == []


def test_every_data_file_and_nested_structure_is_listed() -> None:
    docs = reference()
    files = {doc.file for doc in docs if doc.file}
    assert files == {"data/event.yaml", "data/sources/<id>.md"} | {
        f"data/{kind.data_file}" for kind in YAML_KINDS
    }
    assert {doc.title for doc in docs if not doc.file} >= {"Citation", "Dates", "Version", "Skip"}


def test_kinds_read_as_an_author_would_say_them() -> None:
    initiative = next(doc for doc in reference() if doc.file == "data/initiatives.yaml")
    kinds = {field.name: field.kind for field in initiative.fields}
    assert kinds["sectors"] == "list of id of sectors"
    assert kinds["proposers"] == "list of id of people / countries / organisations"
    assert kinds["featured"] == "true or false"
    assert kinds["status"].startswith("one of signed, adopted, agreed")
