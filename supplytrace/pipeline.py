"""The stages composed: ingest -> extract -> dedup -> store. The CLI calls this and nothing deeper."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from supplytrace.dedup import relate_documents
from supplytrace.extract import Extractor
from supplytrace.extract.merge import group_claims
from supplytrace.ingest import read_paths
from supplytrace.model import Claim, Document, Extraction, Skipped
from supplytrace.store import Store

Progress = Callable[[int], None]


@dataclass
class IngestSummary:
    """What one ingest run did; ``skipped`` keeps every bad document with its reason."""

    added: int = 0
    already_present: int = 0
    claims: int = 0
    stories: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents_added": self.added,
            "already_present": self.already_present,
            "claims_added": self.claims,
            "stories": self.stories,
            "skipped": [s.to_dict() for s in self.skipped],
        }


def _batches(items: Iterable[Document | Skipped], size: int) -> Iterator[list[Document | Skipped]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def ingest(
    store: Store,
    paths: Sequence[str | Path],
    extractor: Extractor | None = None,
    batch_size: int = 32,
    progress: Progress | None = None,
) -> IngestSummary:
    """Read, extract and store documents batch by batch, then recompute story clusters.

    Each batch is one transaction, and documents already stored are not processed again,
    so a killed run is resumed by running it again, without duplicates.
    """
    summary = IngestSummary()
    extractor = extractor or Extractor()
    for batch in _batches(read_paths(paths), batch_size):
        skipped = [item for item in batch if isinstance(item, Skipped)]
        fresh: dict[str, Document] = {}
        for item in batch:
            if isinstance(item, Document):
                if item.id in fresh or store.has_document(item.id):
                    summary.already_present += 1
                else:
                    fresh[item.id] = item
        documents = list(fresh.values())
        extractions = list(extractor.extract_many(documents))
        result = store.write_batch(documents, extractions, skipped)
        summary.added += result.documents_added
        summary.already_present += result.documents_present
        summary.claims += result.claims_added
        summary.skipped.extend(skipped)
        if progress:
            progress(len(batch))
    relations = relate_documents(list(store.documents()))
    store.replace_story_relations(relations.pairs, relations.clusters)
    summary.stories = len(relations.clusters)
    return summary


def claim_record(claim: Claim) -> dict[str, Any]:
    """A claim in the ``extract --jsonl`` contract of DESIGN.md."""
    return {
        "supplier": claim.supplier,
        "item": claim.item,
        "recipient": claim.recipient,
        "end_use": list(claim.end_uses) or None,
        "polarity": claim.polarity,
        "hedged": claim.hedged,
        "asserted_by": claim.asserted_by,
        "evidence": claim.evidence,
        "span": list(claim.sentence_span),
        "item_category": claim.item_category,
        "hs_codes": list(claim.hs_codes),
        "chpl_tiers": list(claim.chpl_tiers),
        "end_use_categories": list(claim.end_use_categories),
        "quantity": claim.quantity,
        "period": claim.period,
        "date": claim.stated_on,
        "supplier_kind": claim.supplier_kind,
        "recipient_kind": claim.recipient_kind,
        "extractor": claim.extractor,
        "id": claim.id,
    }


def relation_record(claims: list[Claim]) -> dict[str, Any]:
    """One supply link of a document: the first claim's fields, every statement of it under
    ``mentions``, end uses merged, hedged only if every statement is."""
    record = claim_record(claims[0])
    uses = list(dict.fromkeys(u for c in claims for u in c.end_uses))
    record["end_use"] = uses or None
    record["end_use_categories"] = list(
        dict.fromkeys(u for c in claims for u in c.end_use_categories)
    )
    record["hedged"] = all(c.hedged for c in claims)
    record["mentions"] = [
        {
            "id": c.id,
            "item": c.item,
            "evidence": c.evidence,
            "span": list(c.sentence_span),
            "asserted_by": c.asserted_by,
            "hedged": c.hedged,
            "date": c.stated_on,
        }
        for c in claims
    ]
    return record


def extract_records(
    paths: Sequence[str], extractor: Extractor | None = None
) -> list[dict[str, Any]]:
    """One record per input document, in input order, with dedup across all of them.

    Bad inputs give a record with an ``error`` and no claims, so the output still has one
    line per input.
    """
    extractor = extractor or Extractor()
    items = list(read_paths(paths))
    documents = [item for item in items if isinstance(item, Document)]
    extractions: dict[int, Extraction] = {
        i: e for i, e in enumerate(extractor.extract_many(documents))
    }
    relations = relate_documents(list({d.id: d for d in documents}.values()))
    paths_of: dict[str, list[str]] = {}
    for doc in documents:
        paths_of.setdefault(doc.id, []).append(doc.source_path or doc.id)
    near: dict[str, set[str]] = {}
    same: dict[str, set[str]] = {}
    for pair in relations.pairs:
        target = near if pair.relation == "near_duplicate" else same
        target.setdefault(pair.a, set()).add(pair.b)
        target.setdefault(pair.b, set()).add(pair.a)
    records: list[dict[str, Any]] = []
    index = 0
    for item in items:
        if isinstance(item, Skipped):
            records.append(
                {
                    "doc": item.source_path,
                    "error": item.reason,
                    "organizations": [],
                    "countries": [],
                    "supply": [],
                    "near_duplicate_of": [],
                    "same_event_as": [],
                }
            )
            continue
        extraction = extractions[index]
        index += 1
        own = item.source_path or item.id
        copies = [p for p in paths_of[item.id] if p != own]
        records.append(
            {
                "doc": own,
                "document_id": item.id,
                "title": item.title,
                "published": item.published,
                "organizations": extraction.organizations(),
                "countries": extraction.countries(),
                "supply": [relation_record(group) for group in group_claims(extraction.claims)],
                "near_duplicate_of": sorted(
                    copies + [p for d in near.get(item.id, ()) for p in paths_of[d]]
                ),
                "same_event_as": sorted(p for d in same.get(item.id, ()) for p in paths_of[d]),
            }
        )
    return records
