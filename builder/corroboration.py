"""Which sources back a claim, in words that name them: never a bare "1 of 5".

"1 of 5 sources" reads like a trust score; a reader needs to know *which* source and how
far it can be trusted. So a claim's sources are named by a short label (what kind of
document each is), each with its reliability, and sources cited only for background are
mentioned as such, apart from the ones that count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from markupsafe import Markup

from builder.escape import md
from builder.index import Support
from builder.model import SourceMeta
from builder.wording import counted


def source_labels(sources: Iterable[SourceMeta]) -> dict[str, str]:
    """A short name for each source: its kind up to any parenthesis ("outcome report"
    for "outcome report (news)"); the whole kind where two sources would share the short
    one, and the title where they would share even that."""
    metas = list(sources)
    short = {meta.id: _short_kind(meta.kind) for meta in metas}
    repeated = Counter(short.values())
    labels = {
        meta.id: short[meta.id] if repeated[short[meta.id]] == 1 else meta.kind for meta in metas
    }
    repeated = Counter(labels.values())
    return {
        key: label if repeated[label] == 1 else _title(metas, key) for key, label in labels.items()
    }


def _short_kind(kind: str) -> str:
    return kind.split(" (", 1)[0].strip() or kind


def _title(metas: list[SourceMeta], key: str) -> str:
    return next(meta.title for meta in metas if meta.id == key)


_TRUST = {"high": 0, "medium": 1, "low": 2}  # the most reliable named first

LinkTo = Callable[[SourceMeta, str], Markup]
"""Makes a link to a source's page with the given (unescaped) text, from the page shown."""


def corroboration(support: Support, labels: dict[str, str], link: LinkTo) -> Markup:
    """ "1 source: outcome report (medium reliability)"; "2 sources: news report
    (high), analysis (medium)"; then "; background only: …" for context sources."""
    stating = sorted(support.sources, key=lambda meta: (_TRUST[meta.reliability], labels[meta.id]))
    if len(stating) == 1:
        meta = stating[0]
        words = Markup(
            f"1 source: {link(meta, labels[meta.id])} ({md(meta.reliability)} reliability)"
        )
    elif stating:
        named = Markup(", ").join(
            Markup(f"{link(meta, labels[meta.id])} ({md(meta.reliability)})") for meta in stating
        )
        words = Markup(f"{counted(len(stating), 'source', 'sources')}: {named}")
    else:
        words = Markup("no source that states it")
    if support.context:
        background = Markup(", ").join(link(meta, labels[meta.id]) for meta in support.context)
        words += Markup(f"; background only: {background}")
    return words
