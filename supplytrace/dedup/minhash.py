"""MinHash signatures and LSH banding, vectorised with numpy.

A signature is a row of ``num_perm`` uint32 minima; a batch of documents is a (documents,
permutations) matrix computed in one pass over all their features. Each permutation is the
multiply-add-shift hash ``((a * x + b) mod 2**64) >> 32`` of a 32-bit feature hash ``x`` with
random 64-bit ``a`` and ``b`` (Dietzfelbinger's strongly universal family): numpy's wrapping
uint64 arithmetic computes it exactly, and it needs no modulo, the slow part of the textbook
``(a * x + b) mod p``.

The caller states a Jaccard threshold; ``optimal_bands`` derives bands and rows from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

# The value of an empty set's signature; the index skips such rows so that two empty texts
# are never candidates of each other.
EMPTY = np.uint32(0xFFFFFFFF)
DEFAULT_PERMUTATIONS = 256
DEFAULT_SEED = 20240413
# A pair at the threshold is found with at least this probability (see ``optimal_bands``).
MIN_RECALL = 0.99
# Feature rows processed at once: bounds the (features, permutations) uint64 temporary to
# about 64 MB at 256 permutations.
_CHUNK_FEATURES = 1 << 15

Signatures = npt.NDArray[np.uint32]
FeatureHashes = npt.NDArray[np.uint64]


class MinHasher:
    """Signatures of hashed feature sets under ``num_perm`` universal hash functions."""

    def __init__(self, num_perm: int = DEFAULT_PERMUTATIONS, seed: int = DEFAULT_SEED) -> None:
        rng = np.random.default_rng(seed)
        self.num_perm = num_perm
        self.seed = seed
        top = np.iinfo(np.uint64).max
        self._a = rng.integers(1, top, size=num_perm, dtype=np.uint64, endpoint=True) | np.uint64(1)
        self._b = rng.integers(0, top, size=num_perm, dtype=np.uint64, endpoint=True)

    def signature(self, hashes: FeatureHashes) -> Signatures:
        """The signature of one set (``EMPTY`` everywhere for an empty set)."""
        return self.signatures([hashes])[0]

    def signatures(self, sets: Sequence[FeatureHashes]) -> Signatures:
        """Signatures of many sets as a (sets, permutations) uint32 matrix."""
        out = np.full((len(sets), self.num_perm), EMPTY, dtype=np.uint32)
        rows = [i for i, h in enumerate(sets) if h.size]
        start = 0
        while start < len(rows):
            # Take whole sets until the chunk holds _CHUNK_FEATURES features (at least one set).
            stop, size = start, 0
            while stop < len(rows) and (
                stop == start or size + sets[rows[stop]].size <= _CHUNK_FEATURES
            ):
                size += sets[rows[stop]].size
                stop += 1
            chunk = rows[start:stop]
            values = np.concatenate([sets[i] for i in chunk]).astype(np.uint64, copy=False)
            lengths = np.fromiter((sets[i].size for i in chunk), dtype=np.int64, count=len(chunk))
            offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
            # (permutations, features): reducing along the contiguous axis is 4x faster.
            permuted = self._a[:, None] * values[None, :]
            permuted += self._b[:, None]
            permuted >>= np.uint64(32)
            out[chunk] = np.minimum.reduceat(permuted, offsets, axis=1).T
            start = stop
        return out


def estimate_jaccard(a: Signatures, b: Signatures) -> float:
    """The share of permutations on which two signatures agree."""
    return float(np.mean(a == b))


def estimate_pairs(
    signatures: Signatures, pairs: npt.NDArray[np.int64], chunk: int = 1 << 14
) -> npt.NDArray[np.float64]:
    """Estimated Jaccard similarity of each (row, row) pair of ``signatures``."""
    out = np.empty(pairs.shape[0], dtype=np.float64)
    for start in range(0, pairs.shape[0], chunk):
        part = pairs[start : start + chunk]
        out[start : start + chunk] = np.mean(
            signatures[part[:, 0]] == signatures[part[:, 1]], axis=1
        )
    return out


def candidate_probability(similarity: float, bands: int, rows: int) -> float:
    """The chance that a pair of this Jaccard similarity shares at least one band."""
    return float(1.0 - (1.0 - similarity**rows) ** bands)


@lru_cache(maxsize=64)
def optimal_bands(
    threshold: float, num_perm: int = DEFAULT_PERMUTATIONS, min_recall: float = MIN_RECALL
) -> tuple[int, int]:
    """Bands and rows per band for a Jaccard ``threshold``: the most selective banding that
    still makes a pair at the threshold a candidate with probability ``min_recall``.

    More rows per band sharpen the S-curve and cut the pairs far below the threshold, the ones
    that dominate a large corpus; so the largest ``rows`` that can meet the recall wins, with
    the fewest bands that meet it. (datasketch instead minimises the weighted areas under the
    curve, which tolerates a midpoint at the threshold: half the pairs at it missed.) When no
    banding meets the recall, the one that comes closest is taken.
    """
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"LSH threshold must be between 0 and 1, got {threshold}")
    best: tuple[float, int, int] = (-1.0, 1, 1)
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if candidate_probability(threshold, bands, rows) >= min_recall:
            while bands > 1 and candidate_probability(threshold, bands - 1, rows) >= min_recall:
                bands -= 1
            return bands, rows
        best = max(best, (candidate_probability(threshold, bands, rows), bands, rows))
    return best[1], best[2]


_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _mix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """The splitmix64 finaliser: a bijection of uint64 that spreads every input bit."""
    x = x ^ (x >> np.uint64(30))
    x *= _MIX_1
    x ^= x >> np.uint64(27)
    x *= _MIX_2
    x ^= x >> np.uint64(31)
    return x


# Band keys keep this many bits: the free low bits let an index sort a key together with a
# row number in one uint64 (a plain sort, twice as fast as an argsort), and signed 64-bit
# database columns hold them as they are. Two unrelated bands collide with probability 2**-48:
# about one spurious candidate pair in 10**5 at 200,000 documents of 113 bands.
BAND_KEY_BITS = 48


def band_keys(signatures: Signatures, bands: int, rows: int) -> npt.NDArray[np.uint64]:
    """One ``BAND_KEY_BITS``-bit key per (document, band): equal keys mean equal bands. The
    band number is hashed in, so keys of different bands never meet and one table or index can
    hold all bands."""
    n = signatures.shape[0]
    cells = signatures[:, : bands * rows].astype(np.uint64).reshape(n, bands, rows)
    keys = np.broadcast_to(_mix(np.arange(1, bands + 1, dtype=np.uint64) * _GOLDEN), (n, bands))
    for row in range(rows):
        keys = _mix(keys ^ cells[:, :, row])
    return np.ascontiguousarray(keys >> np.uint64(64 - BAND_KEY_BITS))
