"""The two feature sets that candidate search hashes: word shingles and content words.

Word shingles find copies and syndications cheaply (they share long runs of words); content-word
sets still overlap when a rewrite has changed nearly every phrase, so they find rewrites. Features
are hashed with BLAKE2b, never Python's ``hash``, which is salted per process and would make
signatures differ between runs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from supplytrace.dedup.text import content_tokens, words

SHINGLE_SIZE = 3


def word_shingles(text: str, size: int = SHINGLE_SIZE) -> frozenset[str]:
    """Runs of ``size`` consecutive words (stopwords included: copies keep them too)."""
    tokens = words(text)
    if len(tokens) < size:
        return frozenset([" ".join(tokens)]) if tokens else frozenset()
    return frozenset(" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def content_words(text: str) -> frozenset[str]:
    """The normalised content words of the whole text (see ``text.content_tokens``)."""
    return content_tokens(text)


def hash_features(features: Iterable[str]) -> npt.NDArray[np.uint64]:
    """Stable 32-bit hashes of ``features``, sorted, as the input of a MinHash signature."""
    values = sorted(
        int.from_bytes(hashlib.blake2b(f.encode("utf-8"), digest_size=4).digest(), "little")
        for f in features
    )
    return np.asarray(values, dtype=np.uint64)
