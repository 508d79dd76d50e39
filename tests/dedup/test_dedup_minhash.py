from __future__ import annotations

import numpy as np

from supplytrace.dedup.minhash import LSHIndex, MinHasher, estimate_jaccard, optimal_bands
from supplytrace.dedup.shingles import hash_features, word_shingles


def test_signatures_are_deterministic_across_instances() -> None:
    features = hash_features(word_shingles("the same words give the same signature every time"))
    assert np.array_equal(MinHasher().signature(features), MinHasher().signature(features))


def test_estimate_tracks_true_jaccard() -> None:
    first = {f"w{i}" for i in range(200)}
    second = {f"w{i}" for i in range(100, 300)}
    hasher = MinHasher(num_perm=256)
    estimate = estimate_jaccard(
        hasher.signature(hash_features(first)), hasher.signature(hash_features(second))
    )
    assert abs(estimate - 1 / 3) < 0.1


def test_bands_follow_the_threshold() -> None:
    low_bands, low_rows = optimal_bands(0.2, 128)
    high_bands, high_rows = optimal_bands(0.8, 128)
    assert low_bands * low_rows <= 128 and high_bands * high_rows <= 128
    assert low_rows < high_rows


def test_index_pairs_similar_sets_only() -> None:
    hasher = MinHasher()
    base = {f"w{i}" for i in range(100)}
    sets = [base, base | {"extra"}, {f"x{i}" for i in range(100)}]
    index = LSHIndex(0.5)
    for key, features in enumerate(sets):
        index.add(key, hasher.signature(hash_features(features)))
    index.add(3, hasher.signature(hash_features(set())))
    assert index.candidate_pairs() == {(0, 1)}
