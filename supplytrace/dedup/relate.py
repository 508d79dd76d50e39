"""Relate the documents of a batch: near-duplicates, same-event reports, story clusters.

Candidate pairs come from MinHash LSH over two feature sets (word shingles for copies, content
words for rewrites), or from all pairs when the batch is small enough for that to be cheaper.
Each candidate is then verified on its sentences (``align``) and on its distinctive names and
numbers (``events``). Every judgement depends only on the two documents, so adding documents to a
batch never changes how two others are related.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from supplytrace.dedup.align import MIN_SENTENCE_TOKENS, SHARED, Alignment, align_sentences
from supplytrace.dedup.events import days_apart, distinctive_features
from supplytrace.dedup.minhash import LSHIndex, MinHasher
from supplytrace.dedup.shingles import content_words, hash_features, word_shingles
from supplytrace.dedup.text import Sentence, sentences
from supplytrace.model import Document, DocumentPair, StoryCluster

Relation = Literal["near_duplicate", "same_event"]

# Coverage of the better-covered document at which two documents are one story. Measured on the
# seeds and dev set: near-duplicates 0.41-0.88, a same-event pair 0.19, unrelated pairs <= 0.05.
NEAR_DUPLICATE_THRESHOLD = 0.3
# Coverage alone could come from one lucky sentence in a very short text: ask for at least this
# many shared sentences (or all of them, when a document has fewer substantive ones).
MIN_SHARED_SENTENCES = 2
# Same event: this many shared distinctive features, making up this share of the smaller set,
# published (when both dates are known) no more than this many days apart.
SAME_EVENT_MIN_SHARED = 5
SAME_EVENT_OVERLAP = 0.35
SAME_EVENT_MAX_DAYS = 7
# Batches up to this size compare all pairs (about 0.6 ms a pair); larger ones use LSH.
EXHAUSTIVE_LIMIT = 100
# Jaccard thresholds of the two LSH indexes. Measured: related pairs share >= 0.37 of their
# content words, unrelated pairs on the same topic <= 0.17; copies share far more shingles.
CONTENT_LSH_THRESHOLD = 0.2
SHINGLE_LSH_THRESHOLD = 0.3


@dataclass(frozen=True)
class StoryRelations:
    """The relations found in a batch and the story clusters they induce."""

    pairs: tuple[DocumentPair, ...]
    clusters: tuple[StoryCluster, ...]
    _by_document: dict[str, StoryCluster] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        for cluster in self.clusters:
            for doc_id in cluster.document_ids:
                self._by_document[doc_id] = cluster

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON form, for the store and for worker processes."""
        return {
            "pairs": [pair.to_dict() for pair in self.pairs],
            "clusters": [cluster.to_dict() for cluster in self.clusters],
        }

    def cluster_of(self, doc_id: str) -> StoryCluster:
        """The story cluster holding ``doc_id``; every document of the batch has one."""
        try:
            return self._by_document[doc_id]
        except KeyError:
            raise KeyError(f"document {doc_id!r} was not in the batch given to dedup") from None


@dataclass(frozen=True)
class Judgement:
    """Why two documents are (or are not) related: the verdict with the features behind it."""

    a: str
    b: str
    relation: Relation | None
    score: float
    coverage: float
    shared_sentences: int
    shared_features: tuple[str, ...]
    feature_overlap: float
    days_apart: int | None


@dataclass(frozen=True)
class _Profile:
    document: Document
    sentences: tuple[Sentence, ...]
    features: frozenset[str]


def relate_documents(
    docs: Sequence[Document],
    threshold: float = NEAR_DUPLICATE_THRESHOLD,
    *,
    exhaustive_limit: int = EXHAUSTIVE_LIMIT,
) -> StoryRelations:
    """Find near-duplicate and same-event pairs in ``docs`` and cluster them into stories.

    ``threshold`` is the sentence coverage at which two documents count as one story. Documents
    with the same id (identical text) are taken once.
    """
    unique = list({doc.id: doc for doc in reversed(docs)}.values())[::-1]
    profiles = [_profile(doc) for doc in unique]
    if len(profiles) <= exhaustive_limit:
        candidates = set(itertools.combinations(range(len(profiles)), 2))
    else:
        candidates = _lsh_candidates(unique)
    pairs: list[DocumentPair] = []
    for i, j in sorted(candidates):
        verdict = _judge(profiles[i], profiles[j], threshold)
        if verdict.relation is not None:
            pairs.append(DocumentPair(verdict.a, verdict.b, verdict.relation, verdict.score))
    pairs.sort(key=lambda p: (p.a, p.b))
    clusters = _clusters([doc.id for doc in unique], pairs)
    return StoryRelations(pairs=tuple(pairs), clusters=clusters)


def judge(a: Document, b: Document, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> Judgement:
    """The verdict on one pair with its features, for explaining or debugging a decision."""
    return _judge(_profile(a), _profile(b), threshold)


def _profile(doc: Document) -> _Profile:
    return _Profile(doc, tuple(sentences(doc.text)), distinctive_features(doc.text))


def _lsh_candidates(docs: list[Document]) -> set[tuple[int, int]]:
    hasher = MinHasher()
    candidates: set[tuple[int, int]] = set()
    for threshold, featurise in (
        (SHINGLE_LSH_THRESHOLD, word_shingles),
        (CONTENT_LSH_THRESHOLD, content_words),
    ):
        index = LSHIndex(threshold, hasher.num_perm)
        for key, doc in enumerate(docs):
            index.add(key, hasher.signature(hash_features(featurise(doc.text))))
        candidates |= index.candidate_pairs()
    return candidates


def _judge(first: _Profile, second: _Profile, threshold: float) -> Judgement:
    a, b = sorted((first, second), key=lambda p: p.document.id)
    alignment = align_sentences(a.document.id, list(a.sentences), b.document.id, list(b.sentences))
    coverage = alignment.score
    shared_count = _shared_sentences(alignment)
    shared = a.features & b.features
    smaller = min(len(a.features), len(b.features))
    overlap = len(shared) / smaller if smaller else 0.0
    gap = days_apart(a.document.published, b.document.published)
    relation: Relation | None = None
    score = coverage
    if coverage >= threshold and shared_count >= _shared_needed(a, b):
        relation = "near_duplicate"
    elif (
        len(shared) >= SAME_EVENT_MIN_SHARED
        and overlap >= SAME_EVENT_OVERLAP
        and (gap is None or gap <= SAME_EVENT_MAX_DAYS)
    ):
        relation, score = "same_event", overlap
    return Judgement(
        a=a.document.id,
        b=b.document.id,
        relation=relation,
        score=round(score, 4),
        coverage=round(coverage, 4),
        shared_sentences=shared_count,
        shared_features=tuple(sorted(shared)),
        feature_overlap=round(overlap, 4),
        days_apart=gap,
    )


def _shared_sentences(alignment: Alignment) -> int:
    """Shared sentences on the better-covered side."""
    if alignment.a_coverage >= alignment.b_coverage:
        return sum(m.score >= SHARED for m in alignment.a_matches)
    return sum(m.score >= SHARED for m in alignment.b_matches)


def _shared_needed(a: _Profile, b: _Profile) -> int:
    counts = [sum(len(s.tokens) >= MIN_SENTENCE_TOKENS for s in p.sentences) for p in (a, b)]
    return max(1, min(MIN_SHARED_SENTENCES, *counts))


def _clusters(ids: list[str], pairs: list[DocumentPair]) -> tuple[StoryCluster, ...]:
    """Connected components of the near-duplicate graph, singletons included."""
    parent = {doc_id: doc_id for doc_id in ids}

    def root(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    for pair in pairs:
        if pair.relation == "near_duplicate":
            ra, rb = root(pair.a), root(pair.b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = {}
    for doc_id in ids:
        members.setdefault(root(doc_id), []).append(doc_id)
    clusters = [StoryCluster.create(group) for group in members.values()]
    return tuple(sorted(clusters, key=lambda c: c.representative))
