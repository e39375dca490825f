"""Split a source body into numbered paragraphs, the unit of citation and anchors."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token


@dataclass(frozen=True)
class Paragraph:
    number: int
    line: int  # 1-based line in the body where the paragraph starts
    text: str  # the paragraph's own text, verbatim
    rows: tuple[tuple[str, ...], ...] = ()  # table cells, when the paragraph is a table

    @property
    def anchor(self) -> str:
        return f"p{self.number}"

    @property
    def folded(self) -> str:
        return fold(self.text)


def fold(text: str) -> str:
    """Whitespace-insensitive form used to match quotes against paragraphs."""
    return " ".join(text.split())


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def split(body: str, fmt: Literal["text", "markdown"]) -> list[Paragraph]:
    blocks = _markdown_blocks(body) if fmt == "markdown" else _text_blocks(body)
    return [Paragraph(i, line, text, rows) for i, (line, text, rows) in enumerate(blocks, 1)]


_Block = tuple[int, str, tuple[tuple[str, ...], ...]]


def _text_blocks(body: str) -> list[_Block]:
    """One paragraph per non-empty line; a run of '|' lines that parses as a table is one."""
    lines = body.split("\n")
    blocks: list[_Block] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        end = i + 1
        if lines[i].lstrip().startswith("|"):
            while end < len(lines) and lines[end].lstrip().startswith("|"):
                end += 1
            rows = _table_rows("\n".join(lines[i:end]))
            if rows:
                blocks.append((i + 1, "\n".join(lines[i:end]), rows))
                i = end
                continue
            end = i + 1
        blocks.append((i + 1, lines[i], ()))
        i = end
    return blocks


def _table_rows(text: str) -> tuple[tuple[str, ...], ...]:
    tokens = _parser().parse(text)
    if not tokens or tokens[0].type != "table_open" or tokens[0].map != [0, text.count("\n") + 1]:
        return ()
    return _rows(tokens)


def _rows(tokens: list[Token]) -> tuple[tuple[str, ...], ...]:
    rows: list[tuple[str, ...]] = []
    cells: list[str] = []
    for token in tokens:
        if token.type == "tr_open":
            cells = []
        elif token.type == "inline":
            cells.append(token.content)
        elif token.type == "tr_close":
            rows.append(tuple(cells))
        elif token.type == "table_close":
            break
    return tuple(rows)


def _markdown_blocks(body: str) -> list[_Block]:
    """Paragraphs, headings, list-item paragraphs and whole tables, in reading order."""
    lines = body.split("\n")
    tokens = _parser().parse(body)
    blocks: list[_Block] = []
    in_table = False
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            in_table = True
            start, end = token.map or (0, 0)
            blocks.append((start + 1, "\n".join(lines[start:end]), _rows(tokens[index:])))
        elif token.type == "table_close":
            in_table = False
        elif token.type in ("paragraph_open", "heading_open") and not in_table and token.map:
            start, end = token.map
            blocks.append((start + 1, "\n".join(lines[start:end]), ()))
    return blocks
