"""A softmax-linear model over string features: small, readable weights, numpy inference.

Weights are stored as JSON (feature -> one weight per class), never pickled, so a shipped
model can be read, diffed and hashed. Training is full-batch Adam with L2, deterministic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass
class LinearModel:
    classes: list[str]
    vocab: dict[str, int]
    weights: np.ndarray  # (len(vocab), len(classes))

    def scores(self, features: Sequence[str]) -> np.ndarray:
        # each feature once, as in training; insertion order keeps the float sum reproducible
        idx = [self.vocab[f] for f in dict.fromkeys(features) if f in self.vocab]
        logits = self.weights[idx].sum(axis=0) if idx else np.zeros(len(self.classes))
        logits = logits - logits.max()
        exp = np.exp(logits)
        return exp / exp.sum()  # type: ignore[no-any-return]

    def explain(self, features: Sequence[str], label: str, top: int = 5) -> dict[str, float]:
        """The features that pushed most towards ``label``, with their weights."""
        k = self.classes.index(label)
        found = [
            (f, float(self.weights[self.vocab[f], k])) for f in set(features) if f in self.vocab
        ]
        found.sort(key=lambda fw: (-abs(fw[1]), fw[0]))
        return {f: round(w, 3) for f, w in found[:top]}

    def to_dict(self) -> dict[str, object]:
        names = sorted(self.vocab, key=self.vocab.__getitem__)
        rounded = np.round(self.weights, 4)
        return {
            "classes": self.classes,
            "weights": {
                name: [float(x) for x in rounded[i]]
                for i, name in enumerate(names)
                if np.any(rounded[i] != 0)
            },
        }

    @classmethod
    def from_dict(cls, data: dict) -> LinearModel:  # type: ignore[type-arg]
        names = sorted(data["weights"])
        vocab = {name: i for i, name in enumerate(names)}
        weights = np.array([data["weights"][n] for n in names], dtype=np.float64)
        if not names:
            weights = np.zeros((0, len(data["classes"])))
        return cls(list(data["classes"]), vocab, weights)


def fit(
    rows: Sequence[Sequence[str]],
    labels: Sequence[str],
    classes: list[str],
    l2: float = 1e-3,
    epochs: int = 300,
    lr: float = 0.1,
    min_count: int = 2,
    class_weight: dict[str, float] | None = None,
) -> LinearModel:
    """Fit a softmax model; features seen fewer than ``min_count`` times are dropped."""
    counts = Counter(f for row in rows for f in set(row))
    names = sorted(f for f, c in counts.items() if c >= min_count or f == "bias")
    vocab = {f: i for i, f in enumerate(names)}
    n, k, d = len(rows), len(classes), len(names)
    row_ids, col_ids = [], []
    for i, row in enumerate(rows):
        for f in set(row):
            j = vocab.get(f)
            if j is not None:
                row_ids.append(i)
                col_ids.append(j)
    r = np.array(row_ids, dtype=np.int64)
    c = np.array(col_ids, dtype=np.int64)
    y = np.zeros((n, k))
    y[np.arange(n), [classes.index(label) for label in labels]] = 1.0
    sample_w = np.ones(n)
    if class_weight:
        sample_w = np.array([class_weight.get(label, 1.0) for label in labels])
    sample_w = sample_w / sample_w.sum()
    w = np.zeros((d, k))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, epochs + 1):
        logits = np.zeros((n, k))
        for j in range(k):
            logits[:, j] = np.bincount(r, weights=w[c, j], minlength=n)
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        g_rows = (p - y) * sample_w[:, None]
        grad = np.zeros((d, k))
        for j in range(k):
            grad[:, j] = np.bincount(c, weights=g_rows[r, j], minlength=d)
        grad += l2 * w
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        m_hat = m / (1 - beta1**step)
        v_hat = v / (1 - beta2**step)
        w -= lr * m_hat / (np.sqrt(v_hat) + eps)
    return LinearModel(classes, vocab, w)
