"""Evidence: every claim behind a fact, with its source and the words that support it.

A claim's evidence is a whole sentence; what supports the fact is narrower: the mentions of
the supplier and recipient and the goods as written. ``marks`` locate those inside the sentence
(offsets into ``sentence``), so a report can highlight them without searching the text again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from supplytrace.query.facts import Key, KeyedFact
from supplytrace.query.filters import rows_in
from supplytrace.store import Store
from supplytrace.store.summary import canonical_of, members_of

_COLUMNS = (
    "c.id, c.document_id, c.span_start, c.span_end, c.evidence, c.supplier_entity, c.item_key, "
    "c.recipient_entity, c.polarity, c.item, c.hedged, c.asserted_by, c.end_uses, "
    "COALESCE(c.stated_on, d.published), d.title, d.outlet, d.url, d.source_path, "
    "COALESCE(s.story_id, c.document_id)"
)


@dataclass(frozen=True)
class Evidence:
    """One claim behind a fact: the sentence, where it comes from and who says it."""

    claim_id: str
    document_id: str
    span: tuple[int, int]
    sentence: str
    marks: tuple[tuple[int, int], ...]
    item: str
    polarity: str
    hedged: bool
    asserted_by: str
    end_uses: tuple[str, ...]
    date: str | None
    title: str | None
    outlet: str | None
    url: str | None
    source_path: str | None
    story_id: str

    @property
    def source(self) -> str:
        """A short human name for the document."""
        return self.outlet or self.title or self.source_path or self.document_id

    def pieces(self) -> list[tuple[str, bool]]:
        """The sentence cut at the marks: (text, marked) in order."""
        out: list[tuple[str, bool]] = []
        at = 0
        for start, end in self.marks:
            if start > at:
                out.append((self.sentence[at:start], False))
            out.append((self.sentence[start:end], True))
            at = end
        if at < len(self.sentence):
            out.append((self.sentence[at:], False))
        return out


def evidence_for(store: Store, keyed: Sequence[KeyedFact]) -> dict[Key, list[Evidence]]:
    """All claims behind each fact, earliest first; keys are ``KeyedFact.key``."""
    wanted = {k.key for k in keyed}
    # a fact's parties are canonical ids; its claims may name any entity resolved into them
    suppliers = members_of(store, {k.supplier_id for k in keyed})
    sql = (
        f"SELECT {_COLUMNS} FROM claims c JOIN documents d ON d.id = c.document_id "
        "LEFT JOIN stories s ON s.document_id = c.document_id "
        "WHERE c.supplier_entity IN ({ids})"
    )
    raw = list(rows_in(store, sql, suppliers))
    canon = canonical_of(store, {str(r[5]) for r in raw} | {str(r[7]) for r in raw if r[7]})

    def key_of(row: tuple[object, ...]) -> Key:
        recipient = None if row[7] is None else canon[str(row[7])]
        return (canon[str(row[5])], str(row[6]), recipient, str(row[8]))

    rows = [(key_of(row), row) for row in raw if key_of(row) in wanted]
    mentions = _mentions(store, sorted({str(row[1]) for _, row in rows}))
    found: dict[Key, list[Evidence]] = {key: [] for key in wanted}
    for key, row in rows:
        found[key].append(_evidence(row, mentions.get(str(row[1]), [])))
    for items in found.values():
        items.sort(key=lambda e: (e.date is None, e.date or "", e.document_id, e.span))
    return found


def _mentions(store: Store, documents: list[str]) -> dict[str, list[tuple[int, int, str]]]:
    found: dict[str, list[tuple[int, int, str]]] = {}
    sql = (
        "SELECT document_id, span_start, span_end, entity_id FROM mentions "
        "WHERE document_id IN ({ids})"
    )
    for doc, start, end, entity in rows_in(store, sql, documents):
        found.setdefault(doc, []).append((int(start), int(end), entity))
    return found


def _evidence(row: tuple[object, ...], mentions: list[tuple[int, int, str]]) -> Evidence:
    (cid, doc, start, end, sentence, s_id, _, r_id, pol, item, hedged, asserter, end_uses) = row[
        :13
    ]
    date, title, outlet, url, source_path, story = row[13:]
    start, end, text = int(str(start)), int(str(end)), str(sentence)
    parties = {s_id, r_id} - {None}
    spans = [(a - start, b - start) for a, b, e in mentions if e in parties and start <= a < end]
    spans.extend(_find_all(text, str(item)))
    return Evidence(
        claim_id=str(cid),
        document_id=str(doc),
        span=(start, end),
        sentence=text,
        marks=_merge(spans, len(text)),
        item=str(item),
        polarity=str(pol),
        hedged=bool(hedged),
        asserted_by=str(asserter),
        end_uses=tuple(json.loads(str(end_uses))),
        date=_opt(date),
        title=_opt(title),
        outlet=_opt(outlet),
        url=_opt(url),
        source_path=_opt(source_path),
        story_id=str(story),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _find_all(text: str, needle: str) -> list[tuple[int, int]]:
    if not needle.strip():
        return []
    lowered, target = text.casefold(), needle.casefold()
    if len(lowered) != len(text):  # casefolding changed lengths: offsets would drift
        lowered, target = text, needle
    found, at = [], lowered.find(target)
    while at >= 0:
        found.append((at, at + len(needle)))
        at = lowered.find(target, at + len(needle))
    return found


def _merge(spans: list[tuple[int, int]], length: int) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted((max(0, a), min(length, b)) for a, b in spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)
