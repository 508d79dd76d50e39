"""Relate the documents of a batch: near-duplicates, same-event reports, story clusters.

Candidate pairs come from MinHash LSH (``signatures.SCHEMES``: content bigrams for rewrites and
copies, distinctive names for same-event reports), or from all pairs when the batch is small
enough for that to be cheaper. Each candidate is then verified on its sentences (``align``) and
on its distinctive names and numbers (``events``). Every judgement depends only on the two
documents, so adding documents never changes how two others are related: that is what lets a
store relate only its new documents (``Verifier``) and keep the old pairs.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from supplytrace.dedup.align import MIN_SENTENCE_TOKENS, SHARED, Alignment, Span, align_sentences
from supplytrace.dedup.embed import Encoder, default_encoder
from supplytrace.dedup.embed import wanted as embeddings_wanted
from supplytrace.dedup.events import days_apart, named_sentences
from supplytrace.dedup.lsh import LSHIndex
from supplytrace.dedup.minhash import estimate_pairs
from supplytrace.dedup.signatures import BIGRAMS, NAMES, SignatureBatch, sign_documents
from supplytrace.dedup.text import Sentence
from supplytrace.model import Document, DocumentPair, StoryCluster

Relation = Literal["near_duplicate", "same_event"]

# Coverage of the better-covered document at which two documents are one story. Measured on the
# seeds and dev set: near-duplicates 0.41-0.88, a same-event pair 0.19, unrelated pairs <= 0.05.
NEAR_DUPLICATE_THRESHOLD = 0.3
# Coverage alone could come from one lucky sentence in a very short text: ask for at least this
# many shared sentences (or all of them, when a document has fewer substantive ones).
MIN_SHARED_SENTENCES = 2
# A story retold keeps most of its names and figures; two stories written from one template
# (an outlet's formula, an agency's press releases) share the wording and swap the names. So when
# the smaller document has at least SAME_EVENT_MIN_SHARED distinctive features, near-duplicates
# must also share this share of them. Measured: near-duplicates 0.40-1.00, a template story 0.19.
NEAR_DUPLICATE_MIN_OVERLAP = 0.3
# Of the sentences that name someone, the share that must be shared with their names (on the
# better side; at least one): measured on the seed, dev and training story links, retold stories
# 0.33-1.00; 500 stories written from one template (benchmarks/corpus.py --template) share
# boilerplate whose names differ, and fall to about 0 by this measure.
MIN_NAMED_COVERAGE = 0.3
# Same event: this many shared distinctive features, making up this share of the smaller set,
# published (when both dates are known) no more than this many days apart.
SAME_EVENT_MIN_SHARED = 5
SAME_EVENT_OVERLAP = 0.35
SAME_EVENT_MAX_DAYS = 7
# Batches up to this size compare all pairs (about 0.6 ms a pair); larger ones use LSH.
EXHAUSTIVE_LIMIT = 100
# On words alone, two documents can be near-duplicates only if they share content bigrams: of
# every near-duplicate pair found by comparing all pairs of the seed, dev and training sets, the
# fewest shared 0.23 of the smaller document's bigrams (0.098 by Jaccard). An LSH candidate
# whose signatures estimate less than this (and a Jaccard under ``BIGRAMS.min_estimate``) is
# settled on its names, without reading its documents.
MIN_BIGRAM_CONTAINMENT = 0.15


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
    # Whether sentence embeddings took part (only pairs not settled on word overlap).
    embeddings: bool = False


@dataclass
class _Profile:
    document: Document
    sentences: tuple[Sentence, ...]
    features: frozenset[str]
    # Unit sentence embeddings, computed only when a pair needs them.
    vectors: np.ndarray | None = None
    # The names of each sentence and of each pair of adjacent ones (alignment windows), by span.
    names_by_span: dict[Span, frozenset[str]] = field(default_factory=dict)


_AUTO: Any = object()


def relate_documents(
    docs: Sequence[Document],
    threshold: float = NEAR_DUPLICATE_THRESHOLD,
    *,
    exhaustive_limit: int = EXHAUSTIVE_LIMIT,
    encoder: Encoder | None = _AUTO,
) -> StoryRelations:
    """Find near-duplicate and same-event pairs in ``docs`` and cluster them into stories.

    ``threshold`` is the sentence coverage at which two documents count as one story. Documents
    with the same id (identical text) are taken once. ``encoder`` (by default the one
    ``embed.default_encoder`` gives, when the ``embeddings`` extra is installed) adds sentence
    embeddings to the verification; None uses word overlap only.
    """
    unique = list({doc.id: doc for doc in reversed(docs)}.values())[::-1]
    verifier = Verifier(threshold, encoder=encoder)
    pairs: list[DocumentPair] = []
    if len(unique) <= exhaustive_limit:
        for i, j in itertools.combinations(range(len(unique)), 2):
            if (pair := verifier.relate(unique[i], unique[j])) is not None:
                pairs.append(pair)
    else:
        batch = sign_documents(unique)
        sketched = sketches(batch, unique)
        words_only = verifier.words_only
        for i, j in sorted(lsh_candidates(batch)):
            verdict = settle(sketched[i], sketched[j], words_only=words_only)
            if verdict == "verify":
                verdict = verifier.relate(unique[i], unique[j]) or "unrelated"
            if isinstance(verdict, DocumentPair):
                pairs.append(verdict)
    pairs.sort(key=lambda p: (p.a, p.b))
    clusters = cluster_stories([doc.id for doc in unique], pairs)
    return StoryRelations(pairs=tuple(pairs), clusters=clusters)


class Verifier:
    """Judges candidate pairs, splitting each document into sentences (and embedding them, when
    a pair needs it) once however many pairs it is in.

    Embeddings are a second opinion: a pair is first judged on word overlap, and only a pair that
    is not a near-duplicate on words but whose names agree as a near-duplicate's must
    (``NEAR_DUPLICATE_MIN_OVERLAP``) is judged again with embeddings. Most candidate pairs are
    settled without running the encoder.
    """

    def __init__(
        self, threshold: float = NEAR_DUPLICATE_THRESHOLD, *, encoder: Encoder | None = _AUTO
    ) -> None:
        self.threshold = threshold
        self._encoder = encoder
        self._profiles: dict[str, _Profile] = {}

    @property
    def words_only(self) -> bool:
        """Whether pairs are judged on word overlap alone (known without loading an encoder)."""
        if self._encoder is _AUTO:
            return not embeddings_wanted()
        return self._encoder is None

    @property
    def encoder(self) -> Encoder | None:
        """The sentence encoder, loaded on the first pair that needs it (loading takes seconds)."""
        if self._encoder is _AUTO:
            self._encoder = default_encoder()
        return self._encoder

    def profile(self, doc: Document) -> _Profile:
        found = self._profiles.get(doc.id)
        if found is None:
            found = self._profiles[doc.id] = _profile(doc)
        return found

    def judge(self, a: Document, b: Document) -> Judgement:
        return _judge(self.profile(a), self.profile(b), self.threshold, lambda: self.encoder)

    def relate(self, a: Document, b: Document) -> DocumentPair | None:
        """The relation of two documents, or None when they are unrelated.

        A pair whose names rule out both relations is settled without aligning its sentences
        (the verdict is the one ``judge`` gives; most LSH candidates share wording, not names).
        """
        first, second = self.profile(a), self.profile(b)
        if not _names(first, second).may_relate:
            return None
        verdict = _judge(first, second, self.threshold, lambda: self.encoder)
        if verdict.relation is None:
            return None
        return DocumentPair(verdict.a, verdict.b, verdict.relation, verdict.score)

    def forget(self) -> None:
        """Drop the cached profiles, to bound memory between batches."""
        self._profiles.clear()


def judge(
    a: Document,
    b: Document,
    threshold: float = NEAR_DUPLICATE_THRESHOLD,
    *,
    encoder: Encoder | None = _AUTO,
) -> Judgement:
    """The verdict on one pair with its features, for explaining or debugging a decision."""
    return Verifier(threshold, encoder=encoder).judge(a, b)


def _profile(doc: Document) -> _Profile:
    split = tuple(named_sentences(doc.text))
    names = {(s.start, s.end): s.names for s in split}
    for first, second in zip(split, split[1:], strict=False):
        names[(first.start, second.end)] = first.names | second.names
    return _Profile(doc, split, frozenset().union(*(s.names for s in split)), names_by_span=names)


def _vectors(profile: _Profile, encoder: Encoder) -> np.ndarray:
    if profile.vectors is None:
        text = profile.document.text
        profile.vectors = encoder.encode([text[s.start : s.end] for s in profile.sentences])
    return profile.vectors


def lsh_candidates(batch: SignatureBatch) -> set[tuple[int, int]]:
    """Pairs of rows of ``batch`` that share a band under any of its schemes and whose
    signatures agree enough (``Scheme.min_estimate``), as (low, high)."""
    candidates: set[tuple[int, int]] = set()
    keys = np.arange(len(batch.document_ids), dtype=np.int64)
    for scheme, signatures in batch.signatures.items():
        index = LSHIndex(scheme.threshold, scheme.num_perm, scheme.banding)
        index.add(keys, signatures)
        pairs = index.candidate_pairs()
        pairs = pairs[estimate_pairs(signatures, pairs) >= scheme.min_estimate]
        candidates.update((int(a), int(b)) for a, b in pairs)
    return candidates


@dataclass(frozen=True)
class _Names:
    """What two documents' distinctive features say before any sentence is aligned."""

    shared: frozenset[str]
    overlap: float
    gap: int | None
    # near-duplicates must agree on names (see NEAR_DUPLICATE_MIN_OVERLAP)
    agree: bool
    same_event: bool

    @property
    def may_relate(self) -> bool:
        return self.agree or self.same_event


def _names(a: _Profile, b: _Profile) -> _Names:
    return _names_of(a.features, b.features, a.document.published, b.document.published)


def _names_of(
    first: frozenset[str], second: frozenset[str], published: str | None, other: str | None
) -> _Names:
    shared = first & second
    smaller = min(len(first), len(second))
    overlap = len(shared) / smaller if smaller else 0.0
    gap = days_apart(published, other)
    return _Names(
        shared=shared,
        overlap=overlap,
        gap=gap,
        agree=smaller < SAME_EVENT_MIN_SHARED or overlap >= NEAR_DUPLICATE_MIN_OVERLAP,
        same_event=len(shared) >= SAME_EVENT_MIN_SHARED
        and overlap >= SAME_EVENT_OVERLAP
        and (gap is None or gap <= SAME_EVENT_MAX_DAYS),
    )


@dataclass(frozen=True)
class Sketch:
    """What relating knows of a document without reading it (a store keeps it beside the
    signatures): its distinctive names, its number of content bigrams and their signature,
    and its date."""

    doc_id: str
    names: frozenset[str]
    bigrams: int
    signature: np.ndarray
    published: str | None


def sketches(batch: SignatureBatch, docs: Sequence[Document]) -> list[Sketch]:
    """The sketches of a signed batch (``docs`` in the batch's order)."""
    return [
        Sketch(doc.id, names, len(bigrams), signature, doc.published)
        for doc, names, bigrams, signature in zip(
            docs,
            batch.features[NAMES],
            batch.features[BIGRAMS],
            batch.signatures[BIGRAMS],
            strict=True,
        )
    ]


Settled = Literal["unrelated", "verify"] | DocumentPair


def settle(a: Sketch, b: Sketch, *, words_only: bool) -> Settled:
    """A candidate pair's verdict from its sketches where they decide it, else "verify" (read
    both documents and judge them). Gives what ``Verifier.relate`` would: a pair whose names
    rule out both relations is unrelated; on words alone, one that shares too few bigrams to be
    near-duplicates (see ``MIN_BIGRAM_CONTAINMENT``) is a same-event pair or nothing, which its
    names decide. With sentence embeddings on, near-duplicates need no shared words."""
    names = _names_of(a.names, b.names, a.published, b.published)
    if not names.may_relate:
        return "unrelated"
    if names.agree and (not words_only or _may_share_sentences(a, b)):
        return "verify"
    if names.same_event:
        first, second = sorted((a.doc_id, b.doc_id))
        return DocumentPair(first, second, "same_event", round(names.overlap, 4))
    return "unrelated"


def _may_share_sentences(a: Sketch, b: Sketch) -> bool:
    smaller = min(a.bigrams, b.bigrams)
    if smaller == 0:
        return True  # nothing to estimate from: let the verifier look
    jaccard = float(np.mean(a.signature == b.signature))
    shared = jaccard * (a.bigrams + b.bigrams) / (1 + jaccard)
    return jaccard >= BIGRAMS.min_estimate or shared / smaller >= MIN_BIGRAM_CONTAINMENT


def _judge(
    first: _Profile,
    second: _Profile,
    threshold: float,
    encoder: Callable[[], Encoder | None] = lambda: None,
) -> Judgement:
    a, b = sorted((first, second), key=lambda p: p.document.id)
    names = _names(a, b)
    shared, overlap, gap, names_agree = names.shared, names.overlap, names.gap, names.agree
    alignment = align_sentences(a.document.id, list(a.sentences), b.document.id, list(b.sentences))
    near = _near_duplicate(alignment, a, b, threshold)
    chosen = encoder() if names_agree and not near else None
    embedded = chosen is not None
    if chosen is not None:
        alignment = align_sentences(
            a.document.id,
            list(a.sentences),
            b.document.id,
            list(b.sentences),
            _vectors(a, chosen),
            _vectors(b, chosen),
        )
        near = _near_duplicate(alignment, a, b, threshold)
    coverage = alignment.score
    relation: Relation | None = None
    score = coverage
    if near and names_agree:
        relation = "near_duplicate"
    elif names.same_event:
        relation, score = "same_event", overlap
    return Judgement(
        a=a.document.id,
        b=b.document.id,
        relation=relation,
        score=round(score, 4),
        coverage=round(coverage, 4),
        shared_sentences=_shared_sentences(alignment),
        shared_features=tuple(sorted(shared)),
        feature_overlap=round(overlap, 4),
        days_apart=gap,
        embeddings=embedded,
    )


def _near_duplicate(alignment: Alignment, a: _Profile, b: _Profile, threshold: float) -> bool:
    return (
        alignment.score >= threshold
        and _shared_sentences(alignment) >= _shared_needed(a, b)
        and _named_coverage(alignment, a, b) >= MIN_NAMED_COVERAGE
    )


def _named_coverage(alignment: Alignment, a: _Profile, b: _Profile) -> float:
    """The share of a document's sentences that name someone whose counterpart in the other is
    shared and names someone in common, on the side where it is higher (0 when no such sentence
    is shared; 1 when neither document names anyone). Boilerplate a template repeats ("X did not respond to requests for comment")
    matches in every story it produces, with other names; a retold story keeps its names."""
    a_names, b_names = a.names_by_span, b.names_by_span
    if not any(s.names for s in a.sentences) and not any(s.names for s in b.sentences):
        return 1.0  # neither names anyone: there are no names to agree on
    best, shared = 0.0, 0
    for matches, own, other in (
        (alignment.a_matches, a_names, b_names),
        (alignment.b_matches, b_names, a_names),
    ):
        named = [m for m in matches if own.get(m.span)]
        agreeing = sum(
            1
            for m in named
            if m.score >= SHARED and not own[m.span].isdisjoint(other.get(m.other, frozenset()))
        )
        if named and agreeing / len(named) > best:
            best, shared = agreeing / len(named), agreeing
    return best if shared else 0.0


def _shared_sentences(alignment: Alignment) -> int:
    """Shared sentences on the better-covered side."""
    if alignment.a_coverage >= alignment.b_coverage:
        return sum(m.score >= SHARED for m in alignment.a_matches)
    return sum(m.score >= SHARED for m in alignment.b_matches)


def _shared_needed(a: _Profile, b: _Profile) -> int:
    counts = [sum(len(s.tokens) >= MIN_SENTENCE_TOKENS for s in p.sentences) for p in (a, b)]
    return max(1, min(MIN_SHARED_SENTENCES, *counts))


def cluster_stories(ids: Iterable[str], pairs: Iterable[DocumentPair]) -> tuple[StoryCluster, ...]:
    """Connected components of the near-duplicate graph, singletons included."""
    ids = list(ids)
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
