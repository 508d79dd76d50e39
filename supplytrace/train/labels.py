"""Labelled examples: candidates matched against the gold relations of their sentence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from supplytrace.extract.learned.examples import SentenceCandidates
from supplytrace.train.matching import is_generic, item_similarity, names_match


@dataclass
class Examples:
    pair_rows: list[tuple[str, ...]] = field(default_factory=list)
    pair_labels: list[str] = field(default_factory=list)
    goods_rows: list[tuple[str, ...]] = field(default_factory=list)
    goods_labels: list[str] = field(default_factory=list)
    hedge_rows: list[tuple[str, ...]] = field(default_factory=list)
    hedge_labels: list[str] = field(default_factory=list)
    gold_relations: int = 0
    gold_placed: int = 0  # gold relations whose sentence is a candidate sentence
    gold_covered: int = 0  # ... and whose supplier and recipient are a candidate pair

    def extend(self, other: Examples) -> None:
        for name in (
            "pair_rows",
            "pair_labels",
            "goods_rows",
            "goods_labels",
            "hedge_rows",
            "hedge_labels",
        ):
            getattr(self, name).extend(getattr(other, name))
        self.gold_relations += other.gold_relations
        self.gold_placed += other.gold_placed
        self.gold_covered += other.gold_covered


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _place(text: str, evidence: str, spans: list[tuple[int, int]]) -> list[int]:
    """The candidate sentences a gold evidence sentence falls in."""
    at = text.find(evidence.strip())
    if at < 0:
        at = text.find(evidence.strip()[:60])
        if at < 0:
            return []
    span = (at, at + len(evidence.strip()))
    return [
        n
        for n, s in enumerate(spans)
        if _overlap(s, span) >= 0.5 * min(s[1] - s[0], span[1] - span[0])
    ]


def _recipient_matches(gold: str | None, cand: str | None) -> bool:
    if gold is None:
        return cand is None
    return cand is not None and names_match(gold, cand)


def label_document(
    text: str, candidates: list[SentenceCandidates], gold: dict[str, Any]
) -> Examples:
    ex = Examples()
    spans = [c.span for c in candidates]
    by_sentence: dict[int, list[dict[str, Any]]] = {}
    for rel in gold.get("supply", []):
        ex.gold_relations += 1
        placed = _place(text, rel.get("evidence", ""), spans)
        if placed:
            ex.gold_placed += 1
        for n in placed:
            by_sentence.setdefault(n, []).append(rel)
        if any(
            names_match(rel["supplier"], p.supplier)
            and _recipient_matches(rel.get("recipient"), p.recipient)
            for n in placed
            for p in candidates[n].pairs
        ):
            ex.gold_covered += 1
    seen_goods: set[tuple[int, int]] = set()
    for n, sentence in enumerate(candidates):
        rels = by_sentence.get(n, [])
        for pair in sentence.pairs:
            found = [
                r
                for r in rels
                if names_match(r["supplier"], pair.supplier)
                and _recipient_matches(r.get("recipient"), pair.recipient)
            ]
            polarity = found[0].get("polarity", "asserted") if found else "none"
            if not found and any(
                names_match(r["supplier"], pair.supplier)
                and _recipient_matches(r.get("recipient"), pair.recipient)
                for r in gold.get("supply", [])
            ):
                # the rule book writes a link once per document, with one of its sentences:
                # a restatement elsewhere is unlabelled, not a negative, so it is left out
                continue
            ex.pair_rows.append(pair.features)
            ex.pair_labels.append(polarity)
            if not found:
                continue
            ex.hedge_rows.append(pair.hedge)
            ex.hedge_labels.append("yes" if found[0].get("hedged") else "no")
            if (n, pair.supplier_slot) in seen_goods:
                continue
            seen_goods.add((n, pair.supplier_slot))
            items = [r["item"] for r in found if not is_generic(r["item"])]
            for goods in sentence.goods[pair.supplier_slot]:
                hit = any(item_similarity(item, goods.text) >= 0.5 for item in items)
                ex.goods_rows.append(goods.features)
                ex.goods_labels.append("yes" if hit else "no")
    return ex
