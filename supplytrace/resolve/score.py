"""Pairwise name scores that explain themselves: ``Match(score, features)``.

The score reads how the tokens of two name forms align. Distinctive (core) words must agree,
allowing a typo or a run-together spelling; generic industry words and places count less, and
count *against* a match only when both names have one the other lacks (a conflict: "Beijing X"
and "Shanghai X", "X Trading" and "X Electronics"). A word missing on one side (a dropped city,
a dropped "Technology") costs little. The features say which of these decided the score.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import OSA

from supplytrace.names.keys import fold
from supplytrace.names.normalise import NameForm, normalise, variants

THRESHOLD = 0.8
"""Default decision threshold: pairs at or above it are the same entity."""

_WEIGHT = {"core": 1.0, "place": 0.4, "generic": 0.3}
_TYPO = 0.8  # least similarity of two tokens that are one word misspelt
_PLACE_CONFLICT = 0.75
_GENERIC_CONFLICT = 0.8
_CORE_CONFLICT = 0.8
_COUNTRY_CONFLICT = 0.85
_ACRONYM = 0.85


@dataclass(frozen=True)
class Match:
    score: float
    features: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 4), "features": self.features}


def token_similarity(x: str, y: str) -> float:
    """1 for equal tokens, the OSA similarity for a likely typo (>= 0.8), else 0."""
    if x == y:
        return 1.0
    if max(len(x), len(y)) < 5 or x.isdigit() or y.isdigit():
        return 0.0
    sim = OSA.normalized_similarity(x, y)
    return sim if sim >= _TYPO else 0.0


Link = tuple[tuple[int, ...], tuple[int, ...], float]


def _align(a: Sequence[str], b: Sequence[str]) -> list[Link]:
    """Greedy best-first one-to-one alignment of tokens, then run-together spellings: a token
    left over on one side may match two adjacent left-over tokens of the other ("tong sheng")."""
    pairs = sorted(
        ((token_similarity(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)),
        reverse=True,
    )
    links: list[Link] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for sim, i, j in pairs:
        if sim <= 0:
            break
        if i not in used_a and j not in used_b:
            links.append(((i,), (j,), sim))
            used_a.add(i)
            used_b.add(j)
    for one, two, used_one, used_two, flip in (
        (a, b, used_a, used_b, False),
        (b, a, used_b, used_a, True),
    ):
        for i, x in enumerate(one):
            if i in used_one or len(x) < 4:
                continue
            for j in range(len(two) - 1):
                if j in used_two or j + 1 in used_two:
                    continue
                joined = two[j] + two[j + 1]
                sim = 1.0 if joined == x else token_similarity(x, joined)
                if sim:
                    used_one.add(i)
                    used_two.update((j, j + 1))
                    links.append(((j, j + 1), (i,), sim) if flip else ((i,), (j, j + 1), sim))
                    break
    return links


def _kinds(form: NameForm) -> tuple[str, ...]:
    """Token kinds, with every token distinctive when none is core ("China Electronics Group")."""
    return form.kinds if "core" in form.kinds else ("core",) * len(form.tokens)


def compare_forms(a: NameForm, b: NameForm) -> Match:
    """Score two name forms in [0, 1] with the features that decided it."""
    if not a.tokens or not b.tokens:
        return Match(0.0, {"empty": True})
    if a.tokens == b.tokens:
        return Match(1.0, {"same_form": True})
    links = _align(a.tokens, b.tokens)
    ka, kb = _kinds(a), _kinds(b)
    used_a = {i for ia, _, _ in links for i in ia}
    used_b = {j for _, jb, _ in links for j in jb}
    cov_a = sum(_WEIGHT[ka[i]] * sim for ia, _, sim in links for i in ia)
    cov_a /= sum(_WEIGHT[k] for k in ka)
    cov_b = sum(_WEIGHT[kb[j]] * sim for _, jb, sim in links for j in jb)
    cov_b /= sum(_WEIGHT[k] for k in kb)
    loose_a = {
        k: [t for i, t in enumerate(a.tokens) if i not in used_a and ka[i] == k] for k in _WEIGHT
    }
    loose_b = {
        k: [t for j, t in enumerate(b.tokens) if j not in used_b and kb[j] == k] for k in _WEIGHT
    }
    near = [
        f"{' '.join(a.tokens[i] for i in ia)}~{' '.join(b.tokens[j] for j in jb)}"
        for ia, jb, sim in links
        if sim < 1 or len(ia) + len(jb) > 2
    ]
    core_matched = sum(1 for ia, _, _ in links for i in ia if ka[i] == "core")
    features: dict[str, Any] = {"matched": len(links), "core_matched": core_matched}
    if near:
        features["near_tokens"] = near
    score = (cov_a + cov_b) / 2
    if core_matched and not loose_a["core"] and not loose_b["core"]:
        score = 0.9 + 0.1 * min(cov_a, cov_b)
        score -= sum(1 - sim for _, _, sim in links) * 0.3
        features["distinctive_agree"] = True
    elif loose_a["core"] and loose_b["core"]:
        score *= _CORE_CONFLICT
        features["distinctive_differ"] = loose_a["core"] + loose_b["core"]
    elif loose_a["core"] or loose_b["core"]:
        features["distinctive_extra"] = loose_a["core"] or loose_b["core"]
    if loose_a["place"] and loose_b["place"]:
        score *= _PLACE_CONFLICT
        features["place_differ"] = loose_a["place"] + loose_b["place"]
    if loose_a["generic"] and loose_b["generic"]:
        score *= _GENERIC_CONFLICT
        features["descriptor_differ"] = loose_a["generic"] + loose_b["generic"]
    return Match(max(0.0, min(1.0, score)), features)


def _acronym(short: str, long: str) -> bool:
    """``short`` is one word spelling the initials of ``long`` ("NCRIEO", "IEMZ")."""
    letters = fold(short).replace(" ", "")
    words = [w for w in fold(long).split() if w not in ("and", "of", "the", "for", "in")]
    return 2 <= len(letters) <= 6 and len(words) >= 2 and letters == "".join(w[0] for w in words)


def compare_names(
    a: str, b: str, a_countries: Iterable[str] = (), b_countries: Iterable[str] = ()
) -> Match:
    """The best score over the names' variants (a parenthesised part is a variant), then the
    country check: two names whose stated countries are disjoint are less likely one firm."""
    best = Match(0.0, {})
    for va in variants(a):
        for vb in variants(b):
            match = compare_forms(normalise(va), normalise(vb))
            if match.score < _ACRONYM and (_acronym(va, vb) or _acronym(vb, va)):
                match = Match(_ACRONYM, {"acronym": True})
            if match.score > best.score:
                best = match
    return with_countries(best, set(a_countries), set(b_countries))


def with_countries(match: Match, a: set[str], b: set[str]) -> Match:
    if not a or not b:
        return match
    if a & b:
        return Match(match.score, {**match.features, "country": sorted(a & b)})
    features = {**match.features, "country_differ": sorted(a | b)}
    return Match(match.score * _COUNTRY_CONFLICT, features)
