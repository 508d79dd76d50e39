"""Dedup stage: near-duplicate and same-event relations between documents, and story clusters.

Entry points: ``relate_documents`` for a batch, ``align`` for the sentence-level comparison of
two documents (the story diff), ``judge`` to explain one pair's verdict.
"""

from __future__ import annotations

from supplytrace.dedup.align import Alignment, SentenceMatch, align
from supplytrace.dedup.relate import (
    NEAR_DUPLICATE_THRESHOLD,
    Judgement,
    StoryRelations,
    judge,
    relate_documents,
)

__all__ = [
    "NEAR_DUPLICATE_THRESHOLD",
    "Alignment",
    "Judgement",
    "SentenceMatch",
    "StoryRelations",
    "align",
    "judge",
    "relate_documents",
]
