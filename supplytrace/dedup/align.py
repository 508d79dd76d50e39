"""Sentence alignment: which sentences two documents share and which each adds.

A near-duplicate is recognised by its sentences, not its phrases: a rewrite changes most word
runs but keeps, sentence by sentence, most of the content words. Each sentence of one document is
compared with every sentence of the other, and with every pair of adjacent sentences (a rewrite
may merge or split sentences), by the Ochiai coefficient of their content-token sets,
``|s & t| / sqrt(|s| * |t|)``: unlike containment it does not reward matching a short sentence
into a long one, and unlike Jaccard it is not halved by a merge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from supplytrace.dedup.text import Sentence, sentences
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
class _Side:
    sentences: tuple[Sentence, ...]
    windows: tuple[tuple[Span, frozenset[str]], ...]


def align(a: Document, b: Document) -> Alignment:
    """Align the sentences of two documents (see the module docstring for the measure)."""
    return align_sentences(a.id, sentences(a.text), b.id, sentences(b.text))


def align_sentences(
    a_id: str, a_sentences: list[Sentence], b_id: str, b_sentences: list[Sentence]
) -> Alignment:
    """Align two documents already split into sentences (lets callers reuse the split)."""
    side_a, side_b = _side(a_sentences), _side(b_sentences)
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


def _side(sents: list[Sentence]) -> _Side:
    windows = [((s.start, s.end), s.tokens) for s in sents]
    windows += [
        ((first.start, second.end), first.tokens | second.tokens)
        for first, second in zip(sents, sents[1:], strict=False)
    ]
    return _Side(tuple(sents), tuple(windows))


def sentence_similarity(s: frozenset[str], t: frozenset[str]) -> float:
    """Ochiai coefficient of two token sets, discounted when their figures conflict.

    A rewrite keeps a sentence's figures or drops some; when each side has figures the other
    lacks ("31 entities" against "23 entities"), the two state different facts in the same
    words, which is what successive press releases from one template look like. The
    coefficient is then scaled by the Jaccard overlap of the two sets of figures.
    """
    if s and s == t:
        return 1.0
    shared = len(s & t)
    if shared < MIN_SHARED_TOKENS:
        return 0.0
    score = shared / math.sqrt(len(s) * len(t))
    s_figures = {tok for tok in s if tok[0].isdigit()}
    t_figures = {tok for tok in t if tok[0].isdigit()}
    if s_figures - t_figures and t_figures - s_figures:
        score *= len(s_figures & t_figures) / len(s_figures | t_figures)
    return score


def _best_matches(side: _Side, other: _Side) -> list[SentenceMatch]:
    matches = []
    for sentence in side.sentences:
        best_score, best_span = 0.0, (0, 0)
        for span, tokens in other.windows:
            score = sentence_similarity(sentence.tokens, tokens)
            if score > best_score:
                best_score, best_span = score, span
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
