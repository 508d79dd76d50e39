"""Candidates as plain records: what the scorer scores and the trainer labels.

spaCy objects stop here; a ``SentenceCandidates`` holds only strings, numbers and feature
lists, so training and scoring run without the parse.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from supplytrace.extract.claims import clean_speaker, sentence_span
from supplytrace.extract.learned.candidates import Sentence, Slot, sentences
from supplytrace.extract.learned.features import (
    goods_features,
    hedge_features,
    nearest_cue,
    pair_features,
    stance_of,
)
from supplytrace.extract.mentions import Party
from supplytrace.extract.relations import RawClaim
from supplytrace.goods.gazetteer import Gazetteer


@dataclass(frozen=True)
class GoodsCandidate:
    text: str
    category: str | None
    start: int  # token offsets, for overlap
    end: int
    features: tuple[str, ...]
    group: int = -1  # goods listed together share a group


@dataclass(frozen=True)
class PairCandidate:
    supplier: str
    supplier_kind: str
    recipient: str | None
    recipient_kind: str | None
    features: tuple[str, ...]
    supplier_slot: int  # index into the sentence's goods features
    asserted_by: str | None
    hedge: tuple[str, ...]
    # character spans of the two parties when they are inside the sentence (None: the party
    # comes from another sentence, or there is no recipient)
    supplier_chars: tuple[int, int] | None = None
    recipient_chars: tuple[int, int] | None = None
    # the purposes a rule statement of the sentence gives for this supplier's goods
    end_uses: tuple[str, ...] = ()


@dataclass(frozen=True)
class SentenceCandidates:
    index: int
    span: tuple[int, int]  # characters, without surrounding whitespace
    pairs: tuple[PairCandidate, ...]
    goods: tuple[tuple[GoodsCandidate, ...], ...]  # per supplier slot


def _chars(doc: Doc, slot: Slot | None, sent_start: int, sent_end: int) -> tuple[int, int] | None:
    if slot is None or slot.source in {"previous", "document"}:
        return None
    start = doc[slot.party.start].idx
    last = doc[slot.party.end - 1]
    end = last.idx + len(last.text)
    if start < sent_start or end > sent_end:
        return None
    return start, end


def _end_uses(sentence: Sentence, supplier: Slot) -> tuple[str, ...]:
    uses: list[str] = []
    for raw in sentence.rules:
        if supplier.name in {p.name for p in raw.suppliers}:
            uses += raw.end_uses
            uses += [u for _, item_uses in raw.items for u in item_uses]
    return tuple(dict.fromkeys(uses))


def _speaker(sentence: Sentence, slot: Slot) -> str | None:
    cue = nearest_cue(sentence, slot.party.head(sentence.span.doc))
    if cue is None:
        return None
    stance = stance_of(sentence, cue)
    return clean_speaker(stance.asserted_by) if stance.asserted_by else None


def document_candidates(
    doc: Doc, parties: list[Party], rules: list[list[RawClaim]], gaz: Gazetteer
) -> list[SentenceCandidates]:
    out = []
    for sentence in sentences(list(doc.sents), parties, rules, gaz):
        if not sentence.pairs:
            continue
        slot_index = {id(s): n for n, s in enumerate(sentence.slots)}
        goods: list[tuple[GoodsCandidate, ...]] = []
        speakers: list[str | None] = []
        hedges: list[tuple[str, ...]] = []
        for slot in sentence.slots:
            cue = nearest_cue(sentence, slot.party.head(doc))
            goods.append(
                tuple(
                    GoodsCandidate(
                        g.text,
                        g.category,
                        g.start,
                        g.end,
                        tuple(goods_features(sentence, g, slot, cue)),
                        g.group,
                    )
                    for g in sentence.goods
                    if not (g.start <= slot.party.start < g.end and g.root < slot.party.end)
                )
            )
            speakers.append(_speaker(sentence, slot))
            hedges.append(tuple(hedge_features(sentence, cue)))
        pairs = []
        span = sentence_span(sentence.span)
        for supplier, recipient in sentence.pairs:
            n = slot_index[id(supplier)]
            pairs.append(
                PairCandidate(
                    supplier.name,
                    supplier.kind,
                    recipient.name if recipient else None,
                    recipient.kind if recipient else None,
                    tuple(pair_features(sentence, supplier, recipient)),
                    n,
                    speakers[n],
                    hedges[n],
                    _chars(doc, supplier, *span),
                    _chars(doc, recipient, *span),
                    _end_uses(sentence, supplier),
                )
            )
        out.append(
            SentenceCandidates(
                sentence.index, sentence_span(sentence.span), tuple(pairs), tuple(goods)
            )
        )
    return out
