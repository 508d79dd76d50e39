"""The learned scorer: decides which candidates are supply statements, with which goods,
polarity and hedge, and how sure it is.

Registered as ``supplytrace.RelationScorer.v1``; it reads ``SentenceCandidates`` (plain
records from ``examples``) and assigns ``Decision`` records. Its weights are a JSON file
shipped in the package; ``name`` carries the hash of that file, so a claim says which weights
made it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from supplytrace.errors import ReferenceDataError
from supplytrace.extract.learned.examples import GoodsCandidate, PairCandidate, SentenceCandidates
from supplytrace.extract.learned.linear import LinearModel
from supplytrace.extract.learned.registry import register, registration

COMPONENT = "supplytrace.RelationScorer.v1"
REQUIRES = ("SentenceCandidates",)
ASSIGNS = ("Decision",)
MODEL_FILE = "relation_scorer.json.gz"
PAIR_CLASSES = ["none", "asserted", "denied"]
BINARY = ["no", "yes"]
LIST_FACTOR = 0.5  # a listed item's share of the goods threshold


@dataclass(frozen=True)
class Decision:
    """One supply statement the scorer accepted."""

    sentence_span: tuple[int, int]
    supplier: str
    supplier_kind: str
    recipient: str | None
    recipient_kind: str | None
    item: str
    item_category: str | None
    polarity: str
    hedged: bool
    confidence: float
    features: dict[str, float] = field(default_factory=dict)
    asserted_by: str | None = None
    end_uses: tuple[str, ...] = ()


@dataclass
class Thresholds:
    """Where the scorer's probabilities become decisions. ``pair`` in ``learned`` mode;
    ``hybrid`` for the pairs it adds to the rules' claims (the rules are already sure of
    theirs, so an addition must be surer); ``goods_floor``: a statement whose goods phrases all
    fall below ``goods`` names the best of them if it reaches the floor, else unnamed goods;
    ``support``: the bar, in ``decide_document``, for a pair the document states surely
    elsewhere."""

    pair: float = 0.5
    goods: float = 0.5
    hedge: float = 0.5
    hybrid: float = 0.5
    goods_floor: float = 0.1
    support: float = 0.2

    def to_dict(self) -> dict[str, float]:
        return {
            "pair": self.pair,
            "goods": self.goods,
            "hedge": self.hedge,
            "hybrid": self.hybrid,
            "goods_floor": self.goods_floor,
            "support": self.support,
        }

    @classmethod
    def from_dict(cls, data: dict[str, float]) -> Thresholds:
        known = cls().to_dict()
        return cls(**{k: float(v) for k, v in data.items() if k in known})


@register(COMPONENT, requires=REQUIRES, assigns=ASSIGNS)
@dataclass
class RelationScorer:
    pair: LinearModel
    goods: LinearModel
    hedge: LinearModel
    thresholds: Thresholds
    name: str = COMPONENT

    def to_dict(self) -> dict[str, object]:
        return {
            "component": COMPONENT,
            "thresholds": self.thresholds.to_dict(),
            "pair": self.pair.to_dict(),
            "goods": self.goods.to_dict(),
            "hedge": self.hedge.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict, name: str = COMPONENT) -> RelationScorer:  # type: ignore[type-arg]
        if data.get("component") != COMPONENT:
            raise ValueError(f"not a {COMPONENT} model: {data.get('component')!r}")
        return cls(
            LinearModel.from_dict(data["pair"]),
            LinearModel.from_dict(data["goods"]),
            LinearModel.from_dict(data["hedge"]),
            Thresholds.from_dict(data["thresholds"]),
            name,
        )

    def save(self, path: Path) -> str:
        """Write the model (gzip, fixed mtime, so the same weights give the same bytes)."""
        raw = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":")).encode()
        with (
            open(path, "wb") as fh,
            gzip.GzipFile(filename="", fileobj=fh, mode="wb", mtime=0) as gz,
        ):
            gz.write(raw)
        return hashlib.sha256(path.read_bytes()).hexdigest()[:12]

    @classmethod
    def load(cls, path: Path | None = None) -> RelationScorer:
        """A saved scorer (default: the packaged one), by the component its file names."""
        data = path.read_bytes() if path else _packaged_bytes()
        digest = hashlib.sha256(data).hexdigest()[:12]
        try:
            decoded = json.loads(gzip.decompress(data))
        except (OSError, EOFError, ValueError) as exc:
            raise ValueError(f"{path or MODEL_FILE}: not a gzipped JSON scorer ({exc})") from exc
        name = decoded.get("component") if isinstance(decoded, dict) else None
        try:
            factory = registration(str(name)).factory
        except ValueError as exc:
            raise ValueError(f"not a {COMPONENT} model: {name!r} ({exc})") from exc
        return factory.from_dict(decoded, f"{name}@{digest}")  # type: ignore[no-any-return]

    def decide(self, sentence: SentenceCandidates, hybrid: bool = False) -> list[Decision]:
        """The sentence's supply statements; ``hybrid``: the ones to add to the rules' claims."""
        return self._decide(sentence, self.thresholds.hybrid if hybrid else self.thresholds.pair)

    def decide_document(
        self,
        sentences: Sequence[SentenceCandidates],
        hybrid: bool = False,
        known: Iterable[tuple[str, str | None]] = (),
    ) -> list[list[Decision]]:
        """Each sentence's supply statements, read as one document: a pair the document states
        surely somewhere (a decision above the threshold, or one of ``known``, e.g. the rules'
        claims) is also accepted in its other sentences from the lower ``support`` threshold."""
        bar = self.thresholds.hybrid if hybrid else self.thresholds.pair
        # each pair is scored once; the two passes differ only in their bar
        scored = [[self.pair.scores(c.features) for c in s.pairs] for s in sentences]
        sure = [self._decide(s, bar, p) for s, p in zip(sentences, scored, strict=True)]
        strong = set(known) | {(d.supplier, d.recipient) for found in sure for d in found}
        out = []
        for sentence, probs, found in zip(sentences, scored, sure, strict=True):
            supported = [
                d
                for d in self._decide(sentence, self.thresholds.support, probs)
                if (d.supplier, d.recipient) in strong and d not in found
            ]
            out.append(found + supported)
        return out

    def _decide(
        self, sentence: SentenceCandidates, threshold: float, scored: Sequence[np.ndarray] = ()
    ) -> list[Decision]:
        """The decisions from ``threshold``; ``scored``: the pairs' probabilities if known."""
        best: dict[tuple[str, str | None], tuple[float, str, PairCandidate, dict[str, float]]] = {}
        for n, cand in enumerate(sentence.pairs):
            probs = scored[n] if scored else self.pair.scores(cand.features)
            k = 1 if probs[1] >= probs[2] else 2
            score = float(probs[k])
            if score < threshold:
                continue
            key = (cand.supplier, cand.recipient)
            if key not in best or score > best[key][0]:
                polarity = PAIR_CLASSES[k]
                best[key] = (score, polarity, cand, self.pair.explain(cand.features, polarity))
        named = {(s, pol) for (s, r), (_, pol, _, _) in best.items() if r is not None}
        out = []
        for (supplier, recipient), (score, polarity, cand, why) in sorted(
            best.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
        ):
            if recipient is None and (supplier, polarity) in named:
                continue  # a named recipient says more than none
            hedged = float(self.hedge.scores(cand.hedge)[1]) >= self.thresholds.hedge
            for goods, goods_score in self._items(sentence.goods[cand.supplier_slot]):
                out.append(
                    Decision(
                        sentence.span,
                        supplier,
                        cand.supplier_kind,
                        recipient,
                        cand.recipient_kind,
                        goods.text if goods else "goods",
                        goods.category if goods else None,
                        polarity,
                        hedged,
                        round(score * goods_score, 4),
                        why,
                        cand.asserted_by,
                        cand.end_uses,
                    )
                )
        return out

    def _items(
        self, goods: tuple[GoodsCandidate, ...]
    ) -> list[tuple[GoodsCandidate | None, float]]:
        """Goods phrases above the threshold, non-overlapping, best first; else the best one if
        it reaches the floor; else unnamed goods."""
        scored = sorted(
            ((float(self.goods.scores(g.features)[1]), n, g) for n, g in enumerate(goods)),
            key=lambda t: (-t[0], t[1]),
        )
        chosen: list[tuple[GoodsCandidate | None, float]] = []
        taken: set[int] = set()
        groups = set()
        for score, _, g in scored:
            if score < self.thresholds.goods:
                break
            groups.add(g.group)
        for score, _, g in scored:
            # a list of goods is one list: its members come with the best of them
            listed = g.group in groups and score >= self.thresholds.goods * LIST_FACTOR
            if score < self.thresholds.goods and not listed:
                continue
            span = set(range(g.start, g.end))
            if span & taken:
                continue
            taken |= span
            chosen.append((g, score))
        if not chosen and scored and scored[0][0] >= self.thresholds.goods_floor:
            chosen.append((scored[0][2], scored[0][0]))
        return chosen or [(None, 1.0)]


def _packaged_bytes() -> bytes:
    try:
        return (resources.files("supplytrace.data") / "models" / MODEL_FILE).read_bytes()
    except (FileNotFoundError, OSError) as exc:
        raise ReferenceDataError(
            f"the packaged relation scorer ({MODEL_FILE}) is missing; reinstall supplytrace "
            "or rebuild it with 'supplytrace train'"
        ) from exc


@lru_cache(maxsize=1)
def packaged_scorer() -> RelationScorer:
    return RelationScorer.load()
