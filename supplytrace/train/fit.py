"""Fitting the relation scorer, and grouped cross-validation of the extractor that uses it."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from supplytrace.extract.learned.examples import SentenceCandidates
from supplytrace.extract.learned.linear import fit
from supplytrace.extract.learned.scorer import (
    BINARY,
    PAIR_CLASSES,
    RelationScorer,
    Thresholds,
)
from supplytrace.extract.merge import group_claims
from supplytrace.pipeline import relation_record
from supplytrace.train.data import Annotated
from supplytrace.train.labels import Examples, label_document

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Prepared:
    """A document with its candidates, parsed once for every fold."""

    annotated: Annotated
    candidates: list[SentenceCandidates]


@dataclass
class Settings:
    l2: float = 1e-3
    epochs: int = 300
    thresholds: Thresholds | None = None


def examples_of(docs: Sequence[Prepared]) -> Examples:
    ex = Examples()
    for doc in docs:
        ex.extend(label_document(doc.annotated.document.text, doc.candidates, doc.annotated.gold))
    return ex


def fit_scorer(docs: Sequence[Prepared], settings: Settings | None = None) -> RelationScorer:
    settings = settings or Settings()
    ex = examples_of(docs)
    pair = fit(ex.pair_rows, ex.pair_labels, PAIR_CLASSES, l2=settings.l2, epochs=settings.epochs)
    goods = fit(ex.goods_rows, ex.goods_labels, BINARY, l2=settings.l2, epochs=settings.epochs)
    hedge = fit(ex.hedge_rows, ex.hedge_labels, BINARY, l2=settings.l2, epochs=settings.epochs)
    return RelationScorer(pair, goods, hedge, settings.thresholds or Thresholds())


def folds_of(docs: Sequence[Prepared], event_fold: dict[str, int] | None, k: int) -> list[int]:
    """Each document's fold: from ``event_fold`` (by event) or by a stable hash of the event."""
    import hashlib

    out = []
    for doc in docs:
        group = doc.annotated.group
        if event_fold is not None and group in event_fold:
            out.append(int(event_fold[group]))
        else:
            out.append(int(hashlib.sha256(group.encode()).hexdigest(), 16) % k)
    return out


def cross_validate(
    docs: Sequence[Prepared],
    folds: Sequence[int],
    settings: Settings | None = None,
    progress: Progress | None = None,
    mode: str = "learned",
    extra: Sequence[Prepared] = (),
) -> list[dict[str, Any]]:
    """Every document's ``extract --jsonl`` record from an extractor whose scorer never saw
    its event: for each fold the scorer is trained on the other folds (plus ``extra``, e.g.
    synthetic documents, which are never tested on), and the whole extractor (``mode``:
    learned, hybrid or rules) runs on the fold's documents."""
    from supplytrace.extract import Extractor

    preds: dict[str, dict[str, Any]] = {}
    for fold in sorted(set(folds)):
        train = [d for d, f in zip(docs, folds, strict=True) if f != fold] + list(extra)
        test = [d for d, f in zip(docs, folds, strict=True) if f == fold]
        scorer = fit_scorer(train, settings) if mode != "rules" else None
        extractor = Extractor(mode=mode, scorer=scorer)
        extractions = extractor.extract_many([d.annotated.document for d in test])
        for doc, extraction in zip(test, extractions, strict=True):
            preds[doc.annotated.name] = {
                "doc": doc.annotated.name,
                "fold": fold,
                "organizations": extraction.organizations(),
                "countries": extraction.countries(),
                "supply": [relation_record(g) for g in group_claims(extraction.claims)],
            }
        if progress:
            progress(f"fold {fold}: trained on {len(train)} documents, extracted {len(test)}")
    return [preds[d.annotated.name] for d in docs]


def write_jsonl(records: Sequence[dict[str, Any]], path: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
