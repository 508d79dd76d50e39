"""MinHash signatures and banded LSH, vectorised with numpy.

The caller states a Jaccard threshold; the index derives bands and rows that minimise a weighted
sum of the false-positive and false-negative areas under the LSH S-curve (the method of
datasketch's ``MinHashLSH``). Candidate search should err towards recall: every candidate is
verified by sentence alignment afterwards, and a missed pair is never seen again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import numpy.typing as npt

# The largest prime below 2**32: with 32-bit feature hashes and coefficients below it,
# ``a * x + b`` stays below 2**64, so the arithmetic in uint64 is exact.
PRIME = np.uint64(4_294_967_291)
EMPTY = np.uint64(4_294_967_291)
DEFAULT_PERMUTATIONS = 128
DEFAULT_SEED = 20240413

Signature = npt.NDArray[np.uint64]


class MinHasher:
    """Signatures of hashed feature sets under ``num_perm`` universal hash functions.

    Each permutation is ``(a * x + b) mod p`` with ``a`` and ``b`` drawn over the whole field,
    so that every permutation mixes the hash space rather than merely shifting it.
    """

    def __init__(self, num_perm: int = DEFAULT_PERMUTATIONS, seed: int = DEFAULT_SEED) -> None:
        rng = np.random.default_rng(seed)
        self.num_perm = num_perm
        self._a = rng.integers(1, int(PRIME), size=num_perm, dtype=np.uint64)
        self._b = rng.integers(0, int(PRIME), size=num_perm, dtype=np.uint64)

    def signature(self, hashes: npt.NDArray[np.uint64]) -> Signature:
        """The signature of one set; an empty set gets a sentinel that matches nothing real."""
        if hashes.size == 0:
            return np.full(self.num_perm, EMPTY, dtype=np.uint64)
        values = hashes % PRIME
        permuted = (values[:, None] * self._a[None, :] + self._b[None, :]) % PRIME
        return np.asarray(permuted.min(axis=0), dtype=np.uint64)

    def signatures(self, sets: Iterable[npt.NDArray[np.uint64]]) -> npt.NDArray[np.uint64]:
        """Signatures of many sets as a (sets, permutations) matrix."""
        rows = [self.signature(h) for h in sets]
        if not rows:
            return np.empty((0, self.num_perm), dtype=np.uint64)
        return np.vstack(rows)


def estimate_jaccard(a: Signature, b: Signature) -> float:
    """The share of permutations on which two signatures agree."""
    return float(np.mean(a == b))


@lru_cache(maxsize=64)
def optimal_bands(
    threshold: float, num_perm: int, fp_weight: float = 0.3, fn_weight: float = 0.7
) -> tuple[int, int]:
    """Bands and rows per band whose S-curve best separates pairs at ``threshold``."""
    best: tuple[float, int, int] | None = None
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            low = np.linspace(0.0, threshold, 201)
            high = np.linspace(threshold, 1.0, 201)
            fp = np.trapezoid(1 - (1 - low**rows) ** bands, low)
            fn = np.trapezoid((1 - high**rows) ** bands, high)
            error = float(fp_weight * fp + fn_weight * fn)
            if best is None or error < best[0]:
                best = (error, bands, rows)
    assert best is not None
    return best[1], best[2]


class LSHIndex:
    """Banded LSH over signatures; documents sharing any band bucket become candidates."""

    def __init__(self, threshold: float, num_perm: int = DEFAULT_PERMUTATIONS) -> None:
        self.threshold = threshold
        self.bands, self.rows = optimal_bands(threshold, num_perm)
        self._buckets: list[defaultdict[bytes, list[int]]] = [
            defaultdict(list) for _ in range(self.bands)
        ]

    def add(self, key: int, signature: Signature) -> None:
        """Index one signature under an integer key (a position in the batch)."""
        if bool(np.all(signature == EMPTY)):
            return
        for band in range(self.bands):
            chunk = signature[band * self.rows : (band + 1) * self.rows]
            self._buckets[band][chunk.tobytes()].append(key)

    def candidate_pairs(self) -> set[tuple[int, int]]:
        """Every pair of keys that share a bucket in at least one band, as (low, high)."""
        pairs: set[tuple[int, int]] = set()
        for buckets in self._buckets:
            for keys in buckets.values():
                for i, first in enumerate(keys):
                    for second in keys[i + 1 :]:
                        if first != second:
                            pairs.add((min(first, second), max(first, second)))
        return pairs
