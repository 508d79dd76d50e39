"""An in-memory banded LSH index over signature matrices, built on sorting instead of dicts.

Each band key of each indexed document sits in one flat uint64 array, kept sorted, beside the
document's integer key. A batch of queries is answered by a sort-merge join with that array
(a small batch by binary search in it), and all candidate pairs of the index (a self-join) by
grouping runs of equal keys: no Python object per document or per bucket, so indexing and
querying cost a few numpy passes per batch, and the index costs 24 bytes per band per document.

Example::

    index = LSHIndex(threshold=0.2)
    index.add(np.arange(len(sigs)), sigs)
    pairs = index.candidate_pairs()          # (k, 2) array of keys, low < high
    hits = index.query(new_sigs)             # (k, 2) array of (query row, key)
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from supplytrace.dedup.minhash import (
    BAND_KEY_BITS,
    DEFAULT_PERMUTATIONS,
    EMPTY,
    Signatures,
    band_keys,
)
from supplytrace.dedup.minhash import optimal_bands as _optimal_bands

Keys = npt.NDArray[np.int64]
Pairs = npt.NDArray[np.int64]

# Query rows are joined in chunks whose row numbers fit beside a band key in a uint64.
_ROW_BITS = 64 - BAND_KEY_BITS
# Queries with fewer keys than 1/_SEARCH_RATIO of the index binary-search it instead of merging.
_SEARCH_RATIO = 64


def nonempty(signatures: Signatures) -> npt.NDArray[np.bool_]:
    """Rows that are not the signature of an empty set (those are never indexed)."""
    return np.asarray(~np.all(signatures == EMPTY, axis=1))


def run_pairs(order: npt.NDArray[np.intp], sorted_keys: npt.NDArray[np.uint64]) -> Pairs:
    """Every pair of positions whose keys are equal, given ``order`` that sorts the keys.

    Pairs come out as (earlier position in ``order``, later one): within a run of ``s`` equal
    keys, element ``p`` pairs with the ``s - 1 - p`` after it, generated with ``repeat``.
    """
    n = sorted_keys.size
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    starts = np.flatnonzero(np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1])))
    lengths = np.diff(np.concatenate((starts, [n])))
    multi = lengths > 1
    if not multi.any():
        return np.empty((0, 2), dtype=np.int64)
    starts, lengths = starts[multi], lengths[multi]
    # Position of each element inside its run, for the elements of runs longer than one.
    members = np.repeat(starts, lengths) + _ranges(lengths)
    within = _ranges(lengths)
    after = np.repeat(lengths, lengths) - 1 - within
    left = np.repeat(members, after)
    right = np.repeat(members + 1, after) + _ranges(after)
    return np.stack((order[left], order[right]), axis=1).astype(np.int64)


def _ranges(lengths: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """``concatenate([arange(n) for n in lengths])`` without the Python loop."""
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    ends = np.cumsum(lengths)
    return np.arange(total, dtype=np.int64) - np.repeat(ends - lengths, lengths)


def _expand(
    rows: Keys,
    starts: npt.NDArray[np.integer],
    counts: npt.NDArray[np.integer],
    slots: npt.NDArray[np.int32],
    keys: Keys,
) -> Pairs:
    """(row, key) for each row and each of the ``counts`` index entries from its start."""
    single = counts == 1
    if single.all():  # the common case (a key held by one document) without the repeats
        return np.stack((rows, keys[slots[starts]]), axis=1)
    many = ~single & (counts > 0)
    positions = np.repeat(starts[many], counts[many]) + _ranges(counts[many])
    return np.concatenate(
        (
            np.stack((rows[single], keys[slots[starts[single]]]), axis=1),
            np.stack((np.repeat(rows[many], counts[many]), keys[slots[positions]]), axis=1),
        )
    )


def unique_pairs(pairs: Pairs) -> Pairs:
    """Distinct rows of a (k, 2) array of non-negative ints, sorted."""
    if pairs.shape[0] == 0:
        return pairs.reshape(0, 2)
    top = int(pairs.max()) + 1
    if top < 1 << 31:
        # One int64 code per pair sorts several times faster than np.unique(axis=0).
        codes = np.unique(pairs[:, 0] * top + pairs[:, 1])
        return np.stack((codes // top, codes % top), axis=1)
    return np.unique(pairs, axis=0)


class LSHIndex:
    """Banded LSH for a Jaccard ``threshold``; bands and rows come from ``optimal_bands``.

    Keys are caller-chosen non-negative integers (positions in a batch, row ids in a store).
    """

    def __init__(
        self,
        threshold: float,
        num_perm: int = DEFAULT_PERMUTATIONS,
        bands_rows: tuple[int, int] | None = None,
    ) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.bands, self.rows = bands_rows or _optimal_bands(threshold, num_perm)
        self._keys = np.empty(0, dtype=np.int64)
        # Flat sorted band keys; aligned with them, the slot (position in ``_keys``) of the
        # document each belongs to, and where its run of equal keys starts. Slots and run
        # starts are int32, which bounds an index to 2**31 entries (about 19 million
        # documents at 113 bands, far beyond one machine's memory for the arrays anyway).
        self._band_keys = np.empty(0, dtype=np.uint64)
        self._slots = np.empty(0, dtype=np.int32)
        self._run_starts = np.empty(0, dtype=np.int32)

    def __len__(self) -> int:
        return int(self._keys.size)

    @property
    def nbytes(self) -> int:
        """Memory held by the index's arrays."""
        arrays = (self._keys, self._band_keys, self._slots, self._run_starts)
        return sum(int(a.nbytes) for a in arrays)

    def band_keys(self, signatures: Signatures) -> npt.NDArray[np.uint64]:
        """The (documents, bands) keys of ``signatures`` under this index's banding."""
        return band_keys(signatures, self.bands, self.rows)

    def add(self, keys: Keys, signatures: Signatures) -> None:
        """Index signatures under integer keys; empty-set signatures are skipped."""
        keys = np.asarray(keys, dtype=np.int64)
        keep = nonempty(signatures)
        self.add_band_keys(keys[keep], self.band_keys(signatures[keep]))

    def add_band_keys(self, keys: Keys, bands: npt.NDArray[np.uint64]) -> None:
        """Index precomputed (documents, bands) keys, e.g. as stored beside the signatures."""
        keys = np.asarray(keys, dtype=np.int64)
        total = self._band_keys.size + bands.size
        if total >= 1 << 31:
            raise ValueError(
                f"an LSHIndex holds at most 2**31 band keys, this add would make {total}; "
                f"split the documents over several indexes"
            )
        flat = np.concatenate((self._band_keys, bands.reshape(-1)))
        new_slots = np.arange(self._keys.size, self._keys.size + keys.size, dtype=np.int32)
        slots = np.concatenate((self._slots, np.repeat(new_slots, bands.shape[1])))
        # The old keys are one sorted run: sorting the new ones and merging (a stable sort
        # of two runs) keeps a stream of small additions linear in the index size.
        order = np.argsort(flat, kind="stable")
        self._keys = np.concatenate((self._keys, keys))
        self._band_keys = flat[order]
        del flat
        self._slots = slots[order]
        del slots, order
        # Run starts: each run's first position, carried forward over the run.
        starts = np.arange(total, dtype=np.int32)
        starts[1:][self._band_keys[1:] == self._band_keys[:-1]] = 0
        self._run_starts = np.maximum.accumulate(starts)

    def query(self, signatures: Signatures, chunk_rows: int = 1 << 16) -> Pairs:
        """(query row, key) for every indexed document sharing a band with a query row, sorted
        (query rows must be distinct)."""
        keep = np.flatnonzero(nonempty(signatures))
        found = [
            self.query_band_keys(rows, self.band_keys(signatures[rows]))
            for rows in np.array_split(keep, max(1, -(-keep.size // chunk_rows)))
        ]
        return np.concatenate(found) if found else np.empty((0, 2), np.int64)

    def query_band_keys(self, rows: Keys, bands: npt.NDArray[np.uint64]) -> Pairs:
        """``query`` for precomputed band keys of the query rows ``rows``.

        A sort-merge join: the query keys are sorted and merged with the sorted index keys (a
        stable sort of two sorted runs is a linear merge); each query key then finds its run of
        equal keys in the index by its merged position. Binary search of the index per key
        costs several times more once the index outgrows the CPU cache.
        """
        rows = np.asarray(rows, dtype=np.int64)
        step = 1 << _ROW_BITS
        # Chunks hold distinct query rows, so their pairs are already distinct across chunks.
        found = [
            unique_pairs(self._merge_join(rows[i : i + step], bands[i : i + step]))
            for i in range(0, rows.size, step)
        ]
        return np.concatenate(found) if found else np.empty((0, 2), np.int64)

    def _merge_join(self, rows: Keys, bands: npt.NDArray[np.uint64]) -> Pairs:
        if bands.size * _SEARCH_RATIO < self._band_keys.size:
            return self._search_join(rows, bands)
        width = bands.shape[1]
        # Key and row (within this chunk) in one uint64, so that a plain sort orders both.
        local = np.repeat(np.arange(rows.size, dtype=np.uint64), width)
        packed = np.sort((bands.reshape(-1) << np.uint64(_ROW_BITS)) | local)
        query_keys = packed >> np.uint64(_ROW_BITS)
        query_rows = rows[(packed & np.uint64((1 << _ROW_BITS) - 1)).astype(np.int64)]
        indexed = self._band_keys.size
        merged_order = np.argsort(np.concatenate((self._band_keys, query_keys)), kind="stable")
        # The k-th (sorted) query key lands at merged position p_k after the index keys equal
        # to it (stability), so p_k - k index keys are <= it: the end of its run in the index.
        ends = np.flatnonzero(merged_order >= indexed) - np.arange(query_keys.size)
        hit = ends > 0
        hit[hit] = self._band_keys[ends[hit] - 1] == query_keys[hit]
        ends = ends[hit]
        starts = self._run_starts[ends - 1]
        return _expand(query_rows[hit], starts, ends - starts, self._slots, self._keys)

    def _search_join(self, rows: Keys, bands: npt.NDArray[np.uint64]) -> Pairs:
        """Binary search per key: cheaper than a merge when the query is small."""
        flat = bands.reshape(-1)
        starts = np.searchsorted(self._band_keys, flat, side="left")
        counts = np.searchsorted(self._band_keys, flat, side="right") - starts
        return _expand(np.repeat(rows, bands.shape[1]), starts, counts, self._slots, self._keys)

    def candidate_pairs(self) -> Pairs:
        """Every pair of indexed keys sharing at least one band, as (low, high) rows."""
        pairs = run_pairs(np.arange(self._slots.size), self._band_keys)
        if pairs.size == 0:
            return pairs
        pairs = self._keys[self._slots[pairs]]
        pairs = pairs[pairs[:, 0] != pairs[:, 1]]
        return unique_pairs(np.sort(pairs, axis=1))
