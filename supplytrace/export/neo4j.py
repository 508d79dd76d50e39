"""Neo4j: CSV files and a Cypher script (``load.cypher``) that loads them with LOAD CSV.

The script is generated from the same column lists the CSV writer uses, so every ``row.x`` it
reads is a header of its file. Entities and documents are nodes; a fact is a relationship
(SUPPLIES, or DENIED_SUPPLYING for a denial) between two entities; a claim is a node linked to
its document (IN), its supplier and recipient, so the evidence stays queryable.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from supplytrace.export.bundle import Bundle, ExportSummary, directory, opened
from supplytrace.export.tables import (
    claim_records,
    document_records,
    entity_records,
    fact_records,
)

# file -> (columns, Cypher conversions for the non-text ones)
# Lists are joined with the unit separator, which values cannot hold (it is removed from them),
# so an item such as "parts; tools" stays one item.
_SEP = "\x1f"
_LIST = "CASE row.{c} WHEN '' THEN [] ELSE split(row.{c}, '\\u001F') END"
COLUMNS: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "entities": (("id", "name", "kind", "country", "stories"), {"stories": "toInteger"}),
    "documents": (
        ("id", "title", "outlet", "url", "published", "byline", "language", "source_path"),
        {},
    ),
    "facts": (
        (
            "id", "supplier_id", "recipient_id", "target_id", "supplier", "recipient", "item_category",
            "item_key", "items", "polarity", "claims", "documents", "stories", "asserters", "denials",
            "hedged_share", "end_uses", "hs_codes", "chpl_tiers", "first_seen", "last_seen",
            "confidence",
        ),
        {
            "claims": "toInteger", "documents": "toInteger", "stories": "toInteger",
            "denials": "toInteger", "hedged_share": "toFloat", "confidence": "toFloat", "items": "list",
            "asserters": "list", "end_uses": "list", "hs_codes": "list", "chpl_tiers": "list",
        },
    ),
    "claims": (
        (
            "id", "fact_id", "document_id", "span_start", "span_end", "evidence", "supplier_id",
            "recipient_id", "item", "item_category", "item_key", "polarity", "hedged", "asserted_by",
            "end_uses", "date", "story_id",
        ),
        {
            "span_start": "toInteger", "span_end": "toInteger", "hedged": "toBoolean",
            "end_uses": "list",
        },
    ),
}  # fmt: skip

_SOURCES = {
    "entities": entity_records,
    "documents": document_records,
    "facts": fact_records,
    "claims": claim_records,
}


def _cell(value: Any) -> Any:
    """A CSV cell for LOAD CSV (not a spreadsheet: no formula quoting)."""
    if isinstance(value, list | tuple):
        return _SEP.join(str(v).replace(_SEP, " ") for v in value)
    return "" if value is None else value


def _value(column: str, conversion: str | None) -> str:
    if conversion == "list":
        return _LIST.format(c=column)
    if conversion:
        return f"{conversion}(row.{column})"
    return f"row.{column}"


def _props(name: str, skip: tuple[str, ...] = (), var: str = "x") -> str:
    columns, conversions = COLUMNS[name]
    return ", ".join(
        f"{var}.{c} = {_value(c, conversions.get(c))}" for c in columns if c not in skip
    )


def cypher() -> str:
    """The load script; files are read from Neo4j's import directory."""
    load = "LOAD CSV WITH HEADERS FROM 'file:///{f}.csv' AS row"
    fact_props = _props("facts", ("id", "supplier_id", "recipient_id", "target_id"), "r")
    statements = [
        "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
        "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE",
        "CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE",
        f"{load.format(f='entities')}\nMERGE (x:Entity {{id: row.id}})\nSET {_props('entities', ('id',))}",
        f"{load.format(f='documents')}\nMERGE (x:Document {{id: row.id}})\nSET {_props('documents', ('id',))}",
    ]
    for rel, polarity in (("SUPPLIES", "asserted"), ("DENIED_SUPPLYING", "denied")):
        statements.append(
            f"{load.format(f='facts')}\nWITH row WHERE row.polarity = '{polarity}'\n"
            "MATCH (s:Entity {id: row.supplier_id}), (t:Entity {id: row.target_id})\n"
            f"MERGE (s)-[r:{rel} {{id: row.id}}]->(t)\nSET {fact_props}"
        )
    statements.append(
        f"{load.format(f='claims')}\nMERGE (x:Claim {{id: row.id}})\nSET {_props('claims', ('id',))}\n"
        "WITH x, row MATCH (d:Document {id: row.document_id}), (s:Entity {id: row.supplier_id})\n"
        "MERGE (x)-[:IN]->(d) MERGE (x)-[:SUPPLIER]->(s)"
    )
    statements.append(
        f"{load.format(f='claims')}\nWITH row WHERE row.recipient_id <> ''\n"
        "MATCH (x:Claim {id: row.id}), (t:Entity {id: row.recipient_id})\n"
        "MERGE (x)-[:RECIPIENT]->(t)"
    )
    header = (
        "// supplytrace: load with cypher-shell -f load.cypher after copying the CSV files\n"
        "// into Neo4j's import directory. Facts are relationships; claims carry the evidence.\n"
    )
    return header + ";\n\n".join(statements) + ";\n"


def write_neo4j(bundle: Bundle, out: str | Path) -> ExportSummary:
    folder = directory(out)
    paths, counts = [], {}
    for name, (columns, _) in COLUMNS.items():
        rows: list[dict[str, Any]] = list(_SOURCES[name](bundle))
        path = folder / f"{name}.csv"
        with opened(path) as handle:
            writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
            writer.writeheader()
            writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
        paths.append(str(path))
        counts[name] = len(rows)
    script = folder / "load.cypher"
    with opened(script) as handle:
        handle.write(cypher())
    return ExportSummary("neo4j", (*paths, str(script)), counts)
