"""What every export writes: the network, the claims behind each fact and their documents."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from supplytrace.errors import SupplytraceError
from supplytrace.model import Document, Fact, stable_hash
from supplytrace.query import (
    UNSTATED,
    Evidence,
    FactFilter,
    KeyedFact,
    Network,
    Node,
    evidence_for,
    network,
)
from supplytrace.query.facts import Key
from supplytrace.store import Store


class ExportError(SupplytraceError):
    """An export that cannot be written (unknown format, unwritable place)."""


@dataclass(frozen=True)
class ExportSummary:
    format: str
    paths: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Bundle:
    network: Network
    evidence: dict[Key, list[Evidence]]
    documents: dict[str, Document]

    @property
    def nodes(self) -> tuple[Node, ...]:
        return self.network.nodes

    @property
    def facts(self) -> tuple[KeyedFact, ...]:
        return self.network.facts

    def claims(self) -> Iterator[tuple[KeyedFact, Evidence]]:
        for fact in self.facts:
            for evidence in self.evidence.get(fact.key, []):
                yield fact, evidence


def collect(store: Store, flt: FactFilter | None = None) -> Bundle:
    net = network(store, flt)
    evidence = evidence_for(store, net.facts)
    doc_ids = sorted({e.document_id for items in evidence.values() for e in items})
    return Bundle(net, evidence, store.documents_by_id(doc_ids))


def fact_id(fact: KeyedFact) -> str:
    """A fact's stable id: its aggregation key, readable."""
    return "fact-" + stable_hash("fact", list(fact.key))


def joined(values: tuple[str, ...] | list[str]) -> str:
    """Lists as one cell (graph formats and CSV hold scalars only)."""
    return "; ".join(values)


def fact_record(fact: KeyedFact) -> dict[str, object]:
    f: Fact = fact.fact
    return {
        "id": fact_id(fact),
        "supplier_id": fact.supplier_id,
        "recipient_id": fact.recipient_id,
        "target_id": fact.recipient_id or UNSTATED,  # the graph's edge target
        **f.to_dict(),
    }


@contextmanager
def opened(out: str | Path) -> Iterator[IO[str]]:
    """A text file to write, or stdout for "-"."""
    if str(out) == "-":
        yield sys.stdout
        return
    path = Path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as handle:
            yield handle
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror}; choose another -o") from exc


def directory(out: str | Path) -> Path:
    path = Path(out)
    if str(out) == "-" or path.is_file():
        raise ExportError(f"{out} is not a directory; this format writes several files into one")
    path.mkdir(parents=True, exist_ok=True)
    return path
