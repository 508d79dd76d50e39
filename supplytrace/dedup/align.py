"""Sentence alignment: which sentences two documents share and which each adds.

A near-duplicate is recognised by its sentences, not its phrases: a rewrite changes most word
runs but keeps, sentence by sentence, most of the content words. Each sentence of one document is
compared with every sentence of the other, and with every pair of adjacent sentences (a rewrite
may merge or split sentences), by the Ochiai coefficient of their content-token sets,
``|s & t| / sqrt(|s| * |t|)``: unlike containment it does not reward matching a short sentence
into a long one, and unlike Jaccard it is not halved by a merge.

When sentence embeddings are given (``embed``: the optional ``embeddings`` extra), each pair is
also scored by the cosine of its embeddings, mapped onto the same scale, and the better of the two
scores counts: a heavy paraphrase shares few words but keeps the meaning. The embedding score is
held to the same guards as word overlap (names that have nothing in common, conflicting figures),
since an encoder rates "Demirtas sells only to vetted dealers" and "Zawory sells only to vetted
dealers" as near-identical.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from supplytrace.dedup.events import named_sentences
from supplytrace.dedup.text import Sentence
from supplytrace.model import Document

Span = tuple[int, int]

# A sentence needs this many content tokens to count as evidence; shorter lines are headings,
# bylines and boilerplate ("Read more", "Comments") that say nothing about the story.
MIN_SENTENCE_TOKENS = 4
# Fewer shared tokens than this is chance, whatever the coefficient.
MIN_SHARED_TOKENS = 3
# Similarity at or below LOW contributes nothing to coverage, at or above HIGH it counts fully;
# in between it counts in proportion, so a loose paraphrase counts partly.
LOW, HIGH = 0.4, 0.8
# Cosine of sentence embeddings mapped onto that ramp: COS_LOW scores LOW, COS_HIGH scores HIGH.
# Measured on the seed, dev and fixture documents: the best counterpart of a sentence in another
# version of its story has median cosine 0.80; in a document of another story on the same topic,
# median 0.44 and 95th percentile 0.68.
COS_LOW, COS_HIGH = 0.65, 0.9
# A sentence is "shared" (in the story diff, and as evidence of one story) when its best match
# reaches the middle of the ramp.
SHARED = (LOW + HIGH) / 2


@dataclass(frozen=True)
class SentenceMatch:
    """The best counterpart in the other document of one sentence, and how close it is."""

    span: Span
    other: Span
    score: float


@dataclass(frozen=True)
class Alignment:
    """Sentence-level comparison of documents ``a`` and ``b``.

    ``*_shared`` and ``*_own`` partition each document's sentences (as character spans into its
    text). ``*_coverage`` is the share of that document's substantive sentences found in the
    other, each weighted by how closely it matches.
    """

    a: str
    b: str
    a_matches: tuple[SentenceMatch, ...]
    b_matches: tuple[SentenceMatch, ...]
    a_shared: tuple[Span, ...]
    a_own: tuple[Span, ...]
    b_shared: tuple[Span, ...]
    b_own: tuple[Span, ...]
    a_coverage: float
    b_coverage: float

    @property
    def score(self) -> float:
        """The coverage of the better-covered document (usually the shorter one)."""
        return max(self.a_coverage, self.b_coverage)


@dataclass(frozen=True)
class _Window:
    """A sentence, or two adjacent ones taken together, as a counterpart."""

    span: Span
    tokens: frozenset[str]
    names: frozenset[str]


@dataclass(frozen=True)
class _Side:
    sentences: tuple[Sentence, ...]
    windows: tuple[_Window, ...]
    # Unit embeddings of the sentences, then of the windows (rows in ``windows`` order), or None.
    sentence_vectors: np.ndarray | None = None
    window_vectors: np.ndarray | None = None


def align(a: Document, b: Document) -> Alignment:
    """Align the sentences of two documents (see the module docstring for the measure)."""
    return align_sentences(a.id, named_sentences(a.text), b.id, named_sentences(b.text))


def align_sentences(
    a_id: str,
    a_sentences: list[Sentence],
    b_id: str,
    b_sentences: list[Sentence],
    a_vectors: np.ndarray | None = None,
    b_vectors: np.ndarray | None = None,
) -> Alignment:
    """Align two documents already split into sentences (lets callers reuse the split).

    ``*_vectors`` are the sentences' unit embeddings (one row per sentence), when available;
    both must be given for embeddings to count.
    """
    if a_vectors is None or b_vectors is None:
        a_vectors = b_vectors = None
    side_a, side_b = _side(a_sentences, a_vectors), _side(b_sentences, b_vectors)
    a_matches = _best_matches(side_a, side_b)
    b_matches = _best_matches(side_b, side_a)
    a_shared, a_own = _partition(a_matches)
    b_shared, b_own = _partition(b_matches)
    return Alignment(
        a=a_id,
        b=b_id,
        a_matches=tuple(m for m in a_matches if m.score > 0),
        b_matches=tuple(m for m in b_matches if m.score > 0),
        a_shared=a_shared,
        a_own=a_own,
        b_shared=b_shared,
        b_own=b_own,
        a_coverage=_coverage(side_a, a_matches),
        b_coverage=_coverage(side_b, b_matches),
    )


def _side(sents: list[Sentence], vectors: np.ndarray | None = None) -> _Side:
    windows = [_Window((s.start, s.end), s.tokens, s.names) for s in sents]
    windows += [
        _Window((first.start, second.end), first.tokens | second.tokens, first.names | second.names)
        for first, second in zip(sents, sents[1:], strict=False)
    ]
    if vectors is None:
        return _Side(tuple(sents), tuple(windows))
    single = np.asarray(vectors, dtype=np.float32)
    if single.shape[0] != len(sents):
        raise ValueError(f"{single.shape[0]} sentence vectors for {len(sents)} sentences")
    # Two adjacent sentences read together: the normalised mean of their embeddings.
    merged = single[:-1] + single[1:]
    norms = np.linalg.norm(merged, axis=1, keepdims=True)
    merged = np.divide(merged, norms, out=np.zeros_like(merged), where=norms > 0)
    return _Side(tuple(sents), tuple(windows), single, np.concatenate((single, merged)))


def sentence_similarity(
    s: frozenset[str],
    t: frozenset[str],
    s_names: frozenset[str] = frozenset(),
    t_names: frozenset[str] = frozenset(),
) -> float:
    """Ochiai coefficient of two token sets, discounted when their figures or names conflict.

    A rewrite keeps a sentence's figures or drops some; when each side has figures the other
    lacks ("31 entities" against "23 entities"), the two state different facts in the same
    words, which is what successive press releases from one template look like: the coefficient
    is then scaled by the Jaccard overlap of the two sets of figures. Names (the sentences'
    distinctive features, ``events.sentence_names``, when computed) are looser, since rewrites
    and translations add a source ("seen by Reuters") or respell a product ("Garpiya" as
    "Harpy"); but when both sentences name someone and no name is common to them ("Demirtas
    said" against "Zawory said"), they are about different actors and do not match.
    """
    if s and s == t:
        return 1.0
    shared = len(s & t)
    if shared < MIN_SHARED_TOKENS:
        return 0.0
    return shared / math.sqrt(len(s) * len(t)) * _agreement(s, t, s_names, t_names)


def semantic_similarity(
    cosine: float,
    s: frozenset[str],
    t: frozenset[str],
    s_names: frozenset[str] = frozenset(),
    t_names: frozenset[str] = frozenset(),
) -> float:
    """The cosine of two sentence embeddings on the word-overlap scale, with the same guards."""
    if cosine <= COS_LOW:
        return 0.0
    score = min(1.0, LOW + (cosine - COS_LOW) * (HIGH - LOW) / (COS_HIGH - COS_LOW))
    return score * _agreement(s, t, s_names, t_names)


def _agreement(
    s: frozenset[str], t: frozenset[str], s_names: frozenset[str], t_names: frozenset[str]
) -> float:
    """The guards both similarities share: 0 when both sentences name someone and no name is
    common to them; else 1, unless each side has figures the other lacks, in which case the
    Jaccard overlap of the two sets of figures."""
    if s_names and t_names and s_names.isdisjoint(t_names):
        return 0.0
    s_figures = {tok for tok in s if tok[0].isdigit()}
    t_figures = {tok for tok in t if tok[0].isdigit()}
    if s_figures - t_figures and t_figures - s_figures:
        return len(s_figures & t_figures) / len(s_figures | t_figures)
    return 1.0


def _best_matches(side: _Side, other: _Side) -> list[SentenceMatch]:
    cosines = None
    if side.sentence_vectors is not None and other.window_vectors is not None:
        # Rounded so that float noise never tips a comparison.
        cosines = np.round(side.sentence_vectors @ other.window_vectors.T, 3).tolist()
    matches = []
    for i, sentence in enumerate(side.sentences):
        best_score, best_span = 0.0, (0, 0)
        for j, window in enumerate(other.windows):
            score = sentence_similarity(
                sentence.tokens, window.tokens, sentence.names, window.names
            )
            if cosines is not None and cosines[i][j] > COS_LOW and score < 1.0:
                score = max(
                    score,
                    semantic_similarity(
                        cosines[i][j], sentence.tokens, window.tokens, sentence.names, window.names
                    ),
                )
            if score > best_score:
                best_score, best_span = score, window.span
        matches.append(SentenceMatch((sentence.start, sentence.end), best_span, best_score))
    return matches


def _substantive(sentence: Sentence) -> bool:
    return len(sentence.tokens) >= MIN_SENTENCE_TOKENS


def _partition(matches: list[SentenceMatch]) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    shared: list[Span] = []
    own: list[Span] = []
    for match in matches:
        (shared if match.score >= SHARED else own).append(match.span)
    return tuple(shared), tuple(own)


def _coverage(side: _Side, matches: list[SentenceMatch]) -> float:
    weights = [
        min(1.0, max(0.0, (match.score - LOW) / (HIGH - LOW)))
        for sentence, match in zip(side.sentences, matches, strict=True)
        if _substantive(sentence)
    ]
    return sum(weights) / len(weights) if weights else 0.0
