"""Exports: the store's network, facts and evidence in the formats analysts' tools read.

Each format is one writer, registered under its name; ``export`` picks it. Writers read the
store through the query layer only, so an export is what ``supplytrace facts`` shows.

Example::

    with open_store("corpus.db") as store:
        export(store, "graphml", "network.graphml")
        export(store, "ftm", "entities.ftm.json", FactFilter(supplier="Dalian"))
"""

from __future__ import annotations

from pathlib import Path

from supplytrace.export.bundle import Bundle, ExportError, ExportSummary, collect
from supplytrace.export.ftm import write_ftm
from supplytrace.export.graph import to_networkx, write_gexf, write_graphml
from supplytrace.export.neo4j import write_neo4j
from supplytrace.export.tables import spreadsheet_safe, write_csv, write_jsonl
from supplytrace.query import FactFilter
from supplytrace.store import Store

WRITERS = {
    "ftm": write_ftm,
    "graphml": write_graphml,
    "gexf": write_gexf,
    "neo4j": write_neo4j,
    "csv": write_csv,
    "jsonl": write_jsonl,
}
FORMATS = tuple(WRITERS)


def export(store: Store, fmt: str, out: str | Path, flt: FactFilter | None = None) -> ExportSummary:
    """Write the facts matching ``flt`` (all by default) with their entities, claims and
    documents to ``out`` in format ``fmt``. ``neo4j`` and ``csv`` write a directory of files;
    ``jsonl`` and ``ftm`` accept "-" for stdout."""
    writer = WRITERS.get(fmt)
    if writer is None:
        raise ExportError(f"export format {fmt!r} is unknown; use one of {', '.join(FORMATS)}")
    return writer(collect(store, flt), out)


__all__ = [
    "FORMATS",
    "Bundle",
    "ExportError",
    "ExportSummary",
    "collect",
    "export",
    "spreadsheet_safe",
    "to_networkx",
]
