"""Which source paragraphs no claim cites: the briefing's completeness check."""

from __future__ import annotations

from dataclasses import dataclass

from builder.index import Index
from builder.paragraphs import Paragraph
from builder.validate import Source


@dataclass(frozen=True)
class SourceCoverage:
    source: Source
    cited: list[Paragraph]
    skipped: list[tuple[Paragraph, str]]
    uncovered: list[Paragraph]


def coverage(index: Index) -> list[SourceCoverage]:
    result = []
    for key in sorted(index.briefing.sources):
        source = index.briefing.sources[key]
        cited, skipped, uncovered = [], [], []
        for paragraph in source.paragraphs:
            if index.cited_in(key, paragraph.number):
                cited.append(paragraph)
            elif paragraph.number in source.skipped:
                skipped.append((paragraph, source.skipped[paragraph.number]))
            else:
                uncovered.append(paragraph)
        result.append(SourceCoverage(source, cited, skipped, uncovered))
    return result


def coverage_report(index: Index) -> tuple[str, int]:
    """A plain-text report and the number of paragraphs neither cited nor skipped."""
    lines = []
    total = 0
    for entry in coverage(index):
        source = entry.source
        lines.append(
            f"{source.path}: {len(entry.cited)} cited, {len(entry.skipped)} skipped, "
            f"{len(entry.uncovered)} uncovered of {len(source.paragraphs)} paragraphs"
        )
        for paragraph in entry.uncovered:
            excerpt = (
                paragraph.folded if len(paragraph.folded) < 70 else paragraph.folded[:67] + "..."
            )
            lines.append(f"  ¶{paragraph.number} (body line {paragraph.line}): {excerpt}")
        total += len(entry.uncovered)
    lines.append(f"{total} paragraph(s) neither cited nor skipped")
    return "\n".join(lines), total
