"""The Python API over a store: ``supplytrace.open(db)`` and the methods analysts call.

Example::

    import supplytrace

    with supplytrace.open("cases.db") as st:
        for fact in st.facts(item="optics", recipient="Russia", min_stories=2):
            print(fact.supplier, fact.stories)
        print(st.entity("Dalian Machine Tool Group").as_supplier)
        for route in st.path("Beijing Xichao", "drones"):
            print(route.describe())
        st.export("graphml", "network.graphml")
        st.report("dalian.html", entity="Dalian Machine Tool Group")
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any

from supplytrace.export import ExportSummary, export
from supplytrace.model import Fact
from supplytrace.query import Dossier, FactFilter, entity, keyed_facts, paths
from supplytrace.query import Path as Route
from supplytrace.report import write_report
from supplytrace.store import Store, open_store


class Supplytrace:
    """One store, read through the query layer; use as a context manager or call ``close``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> Supplytrace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def facts(self, *, limit: int | None = None, **filters: Any) -> list[Fact]:
        """Facts matching the ``FactFilter`` fields given, most independent stories first."""
        return [k.fact for k in keyed_facts(self.store, FactFilter(**filters), limit=limit)]

    def entity(self, name: str, **filters: Any) -> Dossier:
        return entity(self.store, name, FactFilter(**filters))

    def path(self, source: str, target: str, *, max_hops: int = 3) -> list[Route]:
        return paths(self.store, source, target, max_hops=max_hops)

    def export(self, fmt: str, out: str | Path, **filters: Any) -> ExportSummary:
        return export(self.store, fmt, out, FactFilter(**filters))

    def report(self, out: str | Path, *, entity: str | None = None, **filters: Any) -> Path:
        return write_report(self.store, out, entity=entity, flt=FactFilter(**filters))


def open_db(db: str | Path) -> Supplytrace:
    """Open (creating if needed) the store at ``db`` for querying, exporting and reporting."""
    return Supplytrace(open_store(db))
