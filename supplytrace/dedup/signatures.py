"""LSH schemes (which features, which threshold) and the signatures of a batch of documents.

A scheme is named and versioned like a pipeline component, so stored signatures say what made
them: ``signature_key`` names the features and the hash functions (stored signatures stay
valid while it is unchanged), ``band_key`` adds the banding derived from the threshold (stored
band keys are rebuilt from the stored signatures when the threshold changes).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from supplytrace.dedup.events import distinctive_features
from supplytrace.dedup.features import content_bigrams, hash_features
from supplytrace.dedup.minhash import (
    DEFAULT_PERMUTATIONS,
    DEFAULT_SEED,
    MinHasher,
    Signatures,
    band_keys,
    optimal_bands,
)
from supplytrace.model import Document

# Near-duplicates: related pairs of the seed and dev sets share >= 0.16 of their content
# bigrams; the banding for 0.2 finds a pair at 0.16 with probability 0.95, at 0.2 with 0.99.
BIGRAM_THRESHOLD = 0.2
# Same event: reports of one event share a third or more of their distinctive names.
NAME_THRESHOLD = 0.3


@dataclass(frozen=True)
class Scheme:
    """Features hashed into MinHash signatures, and the Jaccard threshold of their index."""

    name: str
    version: int
    featurise: Callable[[str], frozenset[str]]
    threshold: float
    num_perm: int = DEFAULT_PERMUTATIONS
    seed: int = DEFAULT_SEED
    # Whether the store keeps the features themselves beside the signature (small sets only):
    # relating then settles a candidate pair on them without reading either document.
    keep_features: bool = False

    @property
    def banding(self) -> tuple[int, int]:
        """(bands, rows) derived from the threshold (see ``minhash.optimal_bands``)."""
        return optimal_bands(self.threshold, self.num_perm)

    @property
    def min_estimate(self) -> float:
        """Candidates whose signatures agree on less than this share are dropped unverified.

        Half the threshold: a pair at the threshold falls below it with probability under
        1e-4 at 256 permutations, while the mass of same-topic pairs that share a band by
        luck (true similarity 0.01-0.05) is cut by orders of magnitude.
        """
        return self.threshold / 2

    @property
    def signature_key(self) -> str:
        return f"{self.name}.v{self.version}/p{self.num_perm}/s{self.seed}"

    @property
    def band_key(self) -> str:
        bands, rows = self.banding
        return f"{self.signature_key}/b{bands}r{rows}"

    def hasher(self) -> MinHasher:
        return _hasher(self.num_perm, self.seed)

    def sign(self, texts: Sequence[str]) -> Signatures:
        """The (texts, permutations) signature matrix of ``texts``."""
        return self.sign_sets([self.featurise(t) for t in texts])

    def sign_sets(self, sets: Sequence[frozenset[str]]) -> Signatures:
        """The signature matrix of feature sets made by ``featurise``."""
        return self.hasher().signatures([hash_features(f) for f in sets])

    def band_keys(self, signatures: Signatures) -> npt.NDArray[np.uint64]:
        bands, rows = self.banding
        return band_keys(signatures, bands, rows)


@lru_cache(maxsize=8)
def _hasher(num_perm: int, seed: int) -> MinHasher:
    return MinHasher(num_perm, seed)


BIGRAMS = Scheme("bigrams", 1, content_bigrams, BIGRAM_THRESHOLD)
NAMES = Scheme("names", 1, distinctive_features, NAME_THRESHOLD, keep_features=True)
SCHEMES: tuple[Scheme, ...] = (BIGRAMS, NAMES)


@dataclass(frozen=True)
class SignatureBatch:
    """Signatures of a batch of documents under each scheme, rows in ``document_ids`` order."""

    document_ids: tuple[str, ...]
    signatures: Mapping[Scheme, Signatures]
    # The feature sets signed, per scheme, rows as above.
    features: Mapping[Scheme, tuple[frozenset[str], ...]]

    def band_keys(self, scheme: Scheme) -> npt.NDArray[np.uint64]:
        return scheme.band_keys(self.signatures[scheme])

    def sizes(self, scheme: Scheme) -> list[int]:
        """How many features each document has under ``scheme``."""
        return [len(f) for f in self.features[scheme]]


def sign_documents(docs: Sequence[Document], schemes: Sequence[Scheme] = SCHEMES) -> SignatureBatch:
    """Signatures (and the feature sets behind them) of ``docs`` under every scheme."""
    features = {scheme: tuple(scheme.featurise(doc.text) for doc in docs) for scheme in schemes}
    return SignatureBatch(
        document_ids=tuple(doc.id for doc in docs),
        signatures={scheme: scheme.sign_sets(sets) for scheme, sets in features.items()},
        features=features,
    )
