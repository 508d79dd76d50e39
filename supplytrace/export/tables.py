"""CSV tables (a directory: entities, facts, claims, documents) and JSON Lines (one stream
of records, each with a ``type``)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from supplytrace.export.bundle import (
    Bundle,
    ExportSummary,
    directory,
    fact_id,
    fact_record,
    joined,
    opened,
)


def entity_records(bundle: Bundle) -> Iterator[dict[str, Any]]:
    for node in bundle.nodes:
        yield {
            "id": node.id,
            "name": node.name,
            "kind": node.kind,
            "country": node.country,
            "stories": node.stories,
        }


def claim_records(bundle: Bundle) -> Iterator[dict[str, Any]]:
    for kf, e in bundle.claims():
        yield {
            "id": e.claim_id,
            "fact_id": fact_id(kf),
            "document_id": e.document_id,
            "span_start": e.span[0],
            "span_end": e.span[1],
            "evidence": e.sentence,
            "supplier_id": kf.supplier_id,
            "recipient_id": kf.recipient_id,
            "item": e.item,
            "item_category": kf.fact.item_category,
            "item_key": kf.fact.item_key,
            "polarity": e.polarity,
            "hedged": e.hedged,
            "asserted_by": e.asserted_by,
            "end_uses": list(e.end_uses),
            "date": e.date,
            "story_id": e.story_id,
        }


def document_records(bundle: Bundle) -> Iterator[dict[str, Any]]:
    for doc in sorted(bundle.documents.values(), key=lambda d: d.id):
        record = doc.to_dict()
        record.pop("text")
        yield record


def fact_records(bundle: Bundle) -> Iterator[dict[str, Any]]:
    return (fact_record(kf) for kf in bundle.facts)


TABLES = {
    "entities": entity_records,
    "facts": fact_records,
    "claims": claim_records,
    "documents": document_records,
}


# A cell a spreadsheet would evaluate as a formula ("=HYPERLINK(...)" in a scraped title).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """Text that opens like a formula gets a leading apostrophe, which spreadsheets show as
    text; everything else as it is."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return spreadsheet_safe(joined([str(v) for v in value]))
    return "" if value is None else spreadsheet_safe(value)


def write_csv(bundle: Bundle, out: str | Path) -> ExportSummary:
    folder = directory(out)
    paths, counts = [], {}
    for name, records in TABLES.items():
        rows = list(records(bundle))
        path = folder / f"{name}.csv"
        with opened(path) as handle:
            header = list(rows[0]) if rows else ["id"]
            writer = csv.DictWriter(handle, fieldnames=header)
            writer.writeheader()
            writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
        paths.append(str(path))
        counts[name] = len(rows)
    return ExportSummary("csv", tuple(paths), counts)


def write_jsonl(bundle: Bundle, out: str | Path) -> ExportSummary:
    counts: dict[str, int] = {}
    with opened(out) as handle:
        for name, records in TABLES.items():
            kind = name[:-1] if name != "entities" else "entity"
            for record in records(bundle):
                handle.write(json.dumps({"type": kind, **record}, ensure_ascii=False) + "\n")
                counts[name] = counts.get(name, 0) + 1
    return ExportSummary("jsonl", (str(out),), counts)
