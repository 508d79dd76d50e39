"""Dedup stage: near-duplicate and same-event relations between documents, and story clusters.

Entry points: ``relate_documents`` for a batch; ``sign_documents``, ``Verifier`` and
``cluster_stories`` for relating new documents to a store incrementally (``settle`` decides
the candidate pairs that a document's ``Sketch`` decides without reading it); ``align`` for the
sentence-level comparison of two documents; ``diff_story`` for the story diff of a cluster;
``judge`` to explain one pair's verdict.
"""

from __future__ import annotations

from supplytrace.dedup.align import Alignment, SentenceMatch, align
from supplytrace.dedup.diff import StoryDiff, diff_story
from supplytrace.dedup.lsh import LSHIndex
from supplytrace.dedup.relate import (
    EXHAUSTIVE_LIMIT,
    NEAR_DUPLICATE_THRESHOLD,
    Judgement,
    Sketch,
    StoryRelations,
    Verifier,
    cluster_stories,
    judge,
    lsh_candidates,
    relate_documents,
    settle,
    sketches,
)
from supplytrace.dedup.signatures import (
    BIGRAMS,
    NAMES,
    SCHEMES,
    Scheme,
    SignatureBatch,
    sign_documents,
)

__all__ = [
    "BIGRAMS",
    "EXHAUSTIVE_LIMIT",
    "NAMES",
    "NEAR_DUPLICATE_THRESHOLD",
    "SCHEMES",
    "Alignment",
    "Judgement",
    "LSHIndex",
    "Scheme",
    "SentenceMatch",
    "SignatureBatch",
    "Sketch",
    "StoryDiff",
    "StoryRelations",
    "Verifier",
    "align",
    "cluster_stories",
    "diff_story",
    "judge",
    "lsh_candidates",
    "relate_documents",
    "settle",
    "sign_documents",
    "sketches",
]
