"""Training the learned relation scorer from annotated documents.

``train_model`` parses the documents once, labels their candidates against the gold relations
of their sentences, fits the scorer and writes its weights; ``cross_validate_model`` gives the
grouped (by event) cross-validation predictions in the ``extract --jsonl`` shape, for
``tools/score.py``. Deterministic: the same documents give the same weights, byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supplytrace.extract import Extractor
from supplytrace.extract.learned.scorer import Thresholds
from supplytrace.train.data import Annotated, TrainingDataError, load_annotated
from supplytrace.train.fit import (
    Prepared,
    Settings,
    cross_validate,
    examples_of,
    fit_scorer,
    folds_of,
    write_jsonl,
)

__all__ = [
    "TrainingDataError",
    "TrainingReport",
    "cross_validate_model",
    "prepare",
    "train_model",
    "write_jsonl",
]

# Chosen by grouped cross-validation on the training set (see docs/extraction-model.md).
DEFAULT_SETTINGS = Settings(
    l2=1e-4,
    epochs=300,
    thresholds=Thresholds(
        pair=0.35, goods=0.4, hedge=0.5, hybrid=0.5, goods_floor=0.1, support=0.2
    ),
)


@dataclass(frozen=True)
class TrainingReport:
    documents: int
    gold_relations: int
    gold_covered: int  # gold relations some candidate pair could state
    pair_examples: int
    goods_examples: int
    weights_hash: str
    path: Path


def prepare(
    gold: Path, corpus: Path | None = None, progress: Callable[[str], None] | None = None
) -> list[Prepared]:
    """Parse the annotated documents once and build their candidates."""
    annotated: list[Annotated] = load_annotated(gold, corpus)
    if progress:
        progress(f"parsing {len(annotated)} annotated documents")
    extractor = Extractor(mode="rules")
    candidates = extractor.candidates_many([a.document for a in annotated])
    return [Prepared(a, c) for a, c in zip(annotated, candidates, strict=True)]


def train_model(
    docs: list[Prepared], output: Path, settings: Settings | None = None
) -> TrainingReport:
    settings = settings or DEFAULT_SETTINGS
    scorer = fit_scorer(docs, settings)
    output.parent.mkdir(parents=True, exist_ok=True)
    digest = scorer.save(output)
    ex = examples_of(docs)
    return TrainingReport(
        len(docs),
        ex.gold_relations,
        ex.gold_covered,
        len(ex.pair_rows),
        len(ex.goods_rows),
        digest,
        output,
    )


def cross_validate_model(
    docs: list[Prepared],
    folds_file: Path | None = None,
    k: int = 5,
    settings: Settings | None = None,
    progress: Callable[[str], None] | None = None,
    mode: str = "learned",
    extra: list[Prepared] | None = None,
) -> list[dict[str, Any]]:
    event_fold = None
    if folds_file is not None:
        event_fold = json.loads(folds_file.read_text(encoding="utf-8"))["event_fold"]
    folds = folds_of(docs, event_fold, k)
    return cross_validate(docs, folds, settings or DEFAULT_SETTINGS, progress, mode, extra or ())
