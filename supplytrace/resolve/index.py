"""A blocking index over many names: which stored names are worth scoring against a query.

Each name form yields blocking keys from its distinctive tokens: the first four and the last
four letters of each (so one typo still shares a key, and "tong sheng" meets "tongsheng").
Keys are hashed into one sorted numpy array with the row of each name, so a million names cost
two arrays rather than a million Python lists; a lookup is a binary search per key. Keys shared
by more than ``max_postings`` names (a common word) are not used to find candidates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from supplytrace.names.normalise import NameForm, normalise, variants
from supplytrace.resolve.score import THRESHOLD, Match, compare_forms

_PREFILTER = 60.0  # token-set ratio (0-100) below which a candidate is not scored in full


def blocking_keys(form: NameForm) -> set[str]:
    keys: set[str] = set()
    for token in form.distinctive:
        keys.add("p" + token[:4])
        keys.add("s" + token[-4:])
    return keys


def _hash(key: str) -> int:
    # Python's str hash is salted per process; the index lives in one process, so that is fine.
    return hash(key) & 0x7FFF_FFFF_FFFF_FFFF


@dataclass(frozen=True)
class Hit:
    """One stored record matched: its row, the name of it that matched, and the match."""

    row: int
    name: str
    match: Match


class NameIndex:
    """Records (each with one or more names) indexed for ``search``; rows are 0-based."""

    def __init__(self, names: Iterable[Sequence[str]], max_postings: int = 2000) -> None:
        self.keys: list[str] = []  # one form key per indexed name
        self.names: list[str] = []
        owner: list[int] = []
        hashes: list[int] = []
        postings: list[int] = []
        for row, record_names in enumerate(names):
            for name in record_names:
                for variant in variants(name):
                    form = normalise(variant)
                    if not form.tokens:
                        continue
                    slot = len(self.keys)
                    self.keys.append(form.key)
                    self.names.append(name)
                    owner.append(row)
                    for key in blocking_keys(form):
                        hashes.append(_hash(key))
                        postings.append(slot)
        self.rows: npt.NDArray[np.int32] = np.asarray(owner, dtype=np.int32)
        order = np.argsort(np.asarray(hashes, dtype=np.int64), kind="stable")
        self._hashes: npt.NDArray[np.int64] = np.asarray(hashes, dtype=np.int64)[order]
        self._slots: npt.NDArray[np.int32] = np.asarray(postings, dtype=np.int32)[order]
        self.max_postings = max_postings

    def __len__(self) -> int:
        return len(self.keys)

    def candidates(self, form: NameForm, limit: int = 64) -> list[int]:
        """Slots sharing the most blocking keys with ``form``, at most ``limit``."""
        found = []
        for key in blocking_keys(form):
            h = _hash(key)
            lo = int(np.searchsorted(self._hashes, h, side="left"))
            hi = int(np.searchsorted(self._hashes, h, side="right"))
            if 0 < hi - lo <= self.max_postings:
                found.append(self._slots[lo:hi])
        if not found:
            return []
        slots, counts = np.unique(np.concatenate(found), return_counts=True)
        if len(slots) > limit:
            slots = slots[np.argsort(-counts, kind="stable")[:limit]]
        return [int(s) for s in slots]

    def search(self, name: str, threshold: float = THRESHOLD, limit: int = 10) -> list[Hit]:
        """Stored records whose best name scores at least ``threshold``, best first."""
        best: dict[int, Hit] = {}
        for variant in variants(name):
            form = normalise(variant)
            if not form.tokens:
                continue
            slots = self.candidates(form)
            choices = {slot: self.keys[slot] for slot in slots}
            shortlist = process.extract(
                form.key, choices, scorer=fuzz.token_set_ratio, score_cutoff=_PREFILTER, limit=8
            )
            for _key, _ratio, slot in shortlist:
                match = compare_forms(form, NameForm.from_key(self.keys[slot]))
                row = int(self.rows[slot])
                if match.score >= threshold and (
                    row not in best or match.score > best[row].match.score
                ):
                    best[row] = Hit(row, self.names[slot], match)
        return sorted(best.values(), key=lambda h: (-h.match.score, h.row))[:limit]
