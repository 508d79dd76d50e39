from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from supplytrace.dedup.features import content_bigrams, hash_features, word_shingles
from supplytrace.dedup.lsh import LSHIndex, run_pairs
from supplytrace.dedup.minhash import (
    EMPTY,
    MinHasher,
    band_keys,
    candidate_probability,
    estimate_jaccard,
    optimal_bands,
)


def _signatures(*sets: set[str], hasher: MinHasher | None = None) -> np.ndarray:
    return (hasher or MinHasher()).signatures([hash_features(s) for s in sets])


def test_signatures_are_deterministic_across_instances() -> None:
    features = hash_features(word_shingles("the same words give the same signature every time"))
    first, second = MinHasher().signature(features), MinHasher().signature(features)
    assert first.dtype == np.uint32
    assert np.array_equal(first, second)


def test_batch_signatures_equal_one_at_a_time() -> None:
    sets = [{f"w{i}" for i in range(n)} for n in (0, 1, 5, 300, 40)]
    hasher = MinHasher(num_perm=64)
    batch = _signatures(*sets, hasher=hasher)
    for row, features in zip(batch, sets, strict=True):
        assert np.array_equal(row, hasher.signature(hash_features(features)))
    assert np.all(batch[0] == EMPTY)


def test_estimate_tracks_true_jaccard() -> None:
    first = {f"w{i}" for i in range(200)}
    second = {f"w{i}" for i in range(100, 300)}
    a, b = _signatures(first, second)
    assert abs(estimate_jaccard(a, b) - 1 / 3) < 0.08


def test_bands_follow_the_threshold() -> None:
    for threshold in (0.2, 0.5, 0.8):
        bands, rows = optimal_bands(threshold, 256)
        assert bands * rows <= 256
        assert candidate_probability(threshold, bands, rows) >= 0.99
    assert optimal_bands(0.2, 256)[1] < optimal_bands(0.8, 256)[1]


def test_band_keys_differ_between_bands_and_follow_the_values() -> None:
    signatures = np.array([[1, 2, 1, 2], [1, 2, 9, 9]], dtype=np.uint32)
    keys = band_keys(signatures, bands=2, rows=2)
    assert keys[0, 0] == keys[1, 0]
    assert keys[0, 0] != keys[0, 1]
    assert keys[0, 1] != keys[1, 1]


def test_index_pairs_similar_sets_only() -> None:
    base = {f"w{i}" for i in range(100)}
    signatures = _signatures(base, base | {"extra"}, {f"x{i}" for i in range(100)}, set(), set())
    index = LSHIndex(0.5)
    index.add(np.arange(5), signatures)
    assert index.candidate_pairs().tolist() == [[0, 1]]
    assert index.query(signatures[:1]).tolist() == [[0, 0], [0, 1]]
    assert index.query(signatures[3:]).tolist() == []


def test_index_grows_incrementally() -> None:
    base = {f"w{i}" for i in range(100)}
    signatures = _signatures(base, {f"x{i}" for i in range(100)}, base | {"extra"})
    index = LSHIndex(0.5)
    index.add(np.array([10, 11]), signatures[:2])
    assert index.query(signatures[2:]).tolist() == [[0, 10]]
    index.add(np.array([12]), signatures[2:])
    assert len(index) == 3
    assert index.candidate_pairs().tolist() == [[10, 12]]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 5), max_size=40))
def test_run_pairs_is_every_pair_of_equal_keys(values: list[int]) -> None:
    keys = np.array(values, dtype=np.uint64)
    order = np.argsort(keys, kind="stable")
    found = {tuple(sorted(p)) for p in run_pairs(order, keys[order]).tolist()}
    expected = {
        (i, j) for i, j in itertools.combinations(range(len(values)), 2) if values[i] == values[j]
    }
    assert found == expected


def test_bigrams_stay_inside_sentences_and_skip_stopwords() -> None:
    features = content_bigrams("Kinwah shipped the chips to Moscow. Officials denied it.")
    assert "kinwah ship" in features and "chip moscow" in features
    assert "moscow official" not in features
