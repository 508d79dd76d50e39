"""The stages composed: ingest -> extract -> dedup -> store. The CLI calls this and nothing deeper."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from supplytrace.dedup import (
    BIGRAMS,
    EXHAUSTIVE_LIMIT,
    NAMES,
    SCHEMES,
    Scheme,
    SignatureBatch,
    Sketch,
    StoryDiff,
    Verifier,
    cluster_stories,
    diff_story,
    lsh_candidates,
    relate_documents,
    settle,
    sign_documents,
    sketches,
)
from supplytrace.errors import SupplytraceError
from supplytrace.extract import Extractor
from supplytrace.extract.merge import group_claims
from supplytrace.ingest import read_paths
from supplytrace.model import Claim, Document, DocumentPair, Extraction, Skipped
from supplytrace.names import entity_for
from supplytrace.resolve import resolve_store
from supplytrace.store import Store
from supplytrace.store.rows import item_key
from supplytrace.store.signatures import SchemeRows

Progress = Callable[[int], None]
# with parallel parsing, each worker is given this many batches at a time
JOB_CHUNK = 4


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
    mode: str | None = None,
    jobs: int = 1,
) -> IngestSummary:
    """Read, extract and store documents batch by batch, then relate the new documents to
    the stored ones and recompute story clusters (``relate_stored_documents``).

    Each batch is one transaction, and documents already stored are not processed again,
    so a killed run is resumed by running it again, without duplicates; documents stored
    by a killed run but not yet related are related by the next one. ``jobs`` worker
    processes parse in parallel; they are given ``JOB_CHUNK`` batches each at a time (so
    starting them is paid rarely), and the store is the same for any number.
    """
    summary = IngestSummary()
    extractor = extractor or Extractor(mode=mode)
    jobs = max(1, jobs)
    chunk = batch_size if jobs == 1 else batch_size * jobs * JOB_CHUNK
    for batch in _batches(read_paths(paths), chunk):
        skipped = [item for item in batch if isinstance(item, Skipped)]
        fresh: dict[str, Document] = {}
        for item in batch:
            if isinstance(item, Document):
                if item.id in fresh or store.has_document(item.id):
                    summary.already_present += 1
                else:
                    fresh[item.id] = item
        documents = list(fresh.values())
        extractions = list(extractor.extract_many(documents, n_process=jobs))
        failed = {e.document_id: e.error for e in extractions if e.error}
        if failed:  # a document the extractor could not read is recorded, not stored
            skipped += [
                Skipped(d.source_path or d.id, str(failed[d.id]))
                for d in documents
                if d.id in failed
            ]
            documents = [d for d in documents if d.id not in failed]
            extractions = [e for e in extractions if not e.error]
        for start in range(0, max(len(documents), 1), batch_size):  # one transaction each
            result = store.write_batch(
                documents[start : start + batch_size],
                extractions[start : start + batch_size],
                skipped if start == 0 else [],
            )
            summary.added += result.documents_added
            summary.already_present += result.documents_present
            summary.claims += result.claims_added
        summary.skipped.extend(skipped)
        if progress:
            progress(len(batch))
    summary.stories = relate_stored_documents(store)
    if summary.added or store.resolution.pending():
        # name variants resolve to one party at ingest, so every read shows the same graph
        resolve_store(store)
    return summary


def relate_stored_documents(
    store: Store,
    chunk_size: int = 1000,
    schemes: Sequence[Scheme] = SCHEMES,
    exhaustive_limit: int = EXHAUSTIVE_LIMIT,
) -> int:
    """Relate the stored documents that have no signatures yet, then re-cluster; returns the
    number of stories.

    Incremental: each chunk of new documents is signed, its band keys are looked up among the
    stored ones, and only the pairs that involve a new document are verified and stored. Old
    pairs are never recomputed (a verdict depends only on its two documents). Stores of up to
    ``exhaustive_limit`` documents compare every new document with every other instead, as
    ``relate_documents`` does for small batches.
    """
    _rebuild_band_keys(store, schemes)
    keys = [scheme.signature_key for scheme in schemes]
    verifier = Verifier()
    after = ""
    while new_ids := store.signatures.unsigned_documents(keys, chunk_size, after):
        after = new_ids[-1]
        fetched = store.documents_by_id(new_ids)
        docs = [fetched[doc_id] for doc_id in new_ids]
        batch = sign_documents(docs, schemes)
        pairs: list[DocumentPair] = []
        if store.document_count() <= exhaustive_limit:
            signed = set(store.signatures.signed_ids(keys[0])) - set(new_ids)
            candidates = {(a, b) for a in new_ids for b in signed}
            candidates.update(itertools.combinations(new_ids, 2))
            to_verify = sorted(candidates)
        else:
            candidates = {(new_ids[i], new_ids[j]) for i, j in lsh_candidates(batch)}
            for scheme in schemes:
                candidates |= _stored_candidates(store, scheme, batch)
            if BIGRAMS in schemes and NAMES in schemes:
                to_verify, pairs = _settle(store, batch, docs, candidates, verifier.words_only)
            else:  # other schemes: no sketches, every candidate judged in full
                to_verify = sorted(candidates)
        known = {doc.id: doc for doc in docs}
        known.update(store.documents_by_id(sorted({b for _, b in to_verify} - set(known))))
        pairs += [
            pair for a, b in to_verify if (pair := verifier.relate(known[a], known[b])) is not None
        ]
        rows = [
            SchemeRows(
                scheme.signature_key,
                scheme.band_key,
                batch.signatures[scheme],
                batch.band_keys(scheme),
                batch.sizes(scheme),
                batch.features[scheme] if scheme.keep_features else None,
            )
            for scheme in schemes
        ]
        store.signatures.add(batch.document_ids, rows, pairs)
        verifier.forget()
    clusters = cluster_stories(store.document_ids(), store.document_pairs())
    store.replace_stories(clusters)
    return len(clusters)


def _settle(
    store: Store,
    batch: SignatureBatch,
    docs: Sequence[Document],
    candidates: set[tuple[str, str]],
    words_only: bool,
) -> tuple[list[tuple[str, str]], list[DocumentPair]]:
    """The candidate pairs that need their documents read and judged, and the pairs settled on
    their sketches (``dedup.settle``): stored documents are read only for the former. A stored
    document signed before sketches were kept has none, and its pairs are judged in full."""
    sketched = {s.doc_id: s for s in sketches(batch, docs)}
    sketched.update(_stored_sketches(store, sorted({b for _, b in candidates} - set(sketched))))
    to_verify: list[tuple[str, str]] = []
    pairs: list[DocumentPair] = []
    for a, b in sorted(candidates):
        first, second = sketched.get(a), sketched.get(b)
        if first is None or second is None:
            to_verify.append((a, b))
            continue
        verdict = settle(first, second, words_only=words_only)
        if verdict == "verify":
            to_verify.append((a, b))
        elif isinstance(verdict, DocumentPair):
            pairs.append(verdict)
    return to_verify, pairs


def _stored_sketches(store: Store, ids: Sequence[str]) -> dict[str, Sketch]:
    bigrams = store.signatures.stored(BIGRAMS.signature_key, ids)
    names = store.signatures.stored(NAMES.signature_key, ids)
    published = store.published_dates(ids)
    found = {}
    for doc_id in ids:
        words, named = bigrams.get(doc_id), names.get(doc_id)
        if words is None or named is None or words.size is None or named.features is None:
            continue
        found[doc_id] = Sketch(
            doc_id, named.features, words.size, words.signature, published.get(doc_id)
        )
    return found


def _stored_candidates(store: Store, scheme: Scheme, batch: SignatureBatch) -> set[tuple[str, str]]:
    """(new, stored) pairs sharing a band whose signatures agree enough (as in the batch path)."""
    matches = sorted(
        store.signatures.band_matches(scheme.band_key, batch.document_ids, batch.band_keys(scheme))
    )
    stored = store.signatures.signatures(scheme.signature_key, sorted({b for _, b in matches}))
    matches = [(a, b) for a, b in matches if b in stored]
    if not matches:
        return set()
    row_of = {doc_id: i for i, doc_id in enumerate(batch.document_ids)}
    column_of = {doc_id: i for i, doc_id in enumerate(stored)}
    stored_matrix = np.vstack(list(stored.values()))
    rows = np.fromiter((row_of[a] for a, _ in matches), np.int64, len(matches))
    columns = np.fromiter((column_of[b] for _, b in matches), np.int64, len(matches))
    agree = np.empty(len(matches))
    for start in range(0, len(matches), 50_000):  # bounded memory: 50,000 x permutations
        part = slice(start, start + 50_000)
        agree[part] = np.mean(
            batch.signatures[scheme][rows[part]] == stored_matrix[columns[part]], axis=1
        )
    return {
        pair for pair, share in zip(matches, agree, strict=True) if share >= scheme.min_estimate
    }


def _rebuild_band_keys(store: Store, schemes: Sequence[Scheme]) -> None:
    """When a scheme's banding changed (a new threshold), rebuild its band keys from the
    stored signatures instead of re-reading every document."""
    for scheme in schemes:
        if store.signatures.has_band_keys(scheme.band_key):
            continue
        stale = store.signatures.band_schemes(scheme.signature_key)
        if not stale:
            continue  # nothing signed under this scheme yet
        chunks = (
            (ids, scheme.band_keys(signatures))
            for ids, signatures in store.signatures.iter_signatures(scheme.signature_key)
        )
        store.signatures.rebuild_band_keys(scheme.band_key, stale, chunks)


class StoryNotFound(SupplytraceError):
    """No story, or more than one, matches what the user named."""


def story_diff(store: Store, ref: str) -> tuple[StoryDiff, dict[str, Document]]:
    """The story diff of the story that ``ref`` names (see ``Store.find_stories``), with the
    documents of the story by id."""
    found = store.find_stories(ref)
    if not found:
        raise StoryNotFound(
            f"no stored document or story matches {ref!r}; give a document id, story id, "
            f"source path or an unambiguous id prefix (run 'supplytrace ingest' first)"
        )
    if len(found) > 1:
        raise StoryNotFound(
            f"{ref!r} matches {len(found)} stories ({', '.join(found[:3])}...); give more of the id"
        )
    members = store.story_members(found[0])
    documents = store.documents_by_id(members)
    claims = [claim for doc_id in members for claim in store.claims(doc_id)]
    return diff_story(found[0], list(documents.values()), claims, fact_key), documents


def fact_key(claim: Claim) -> tuple[str, str, str | None, str]:
    """What makes two claims one fact: resolved supplier and recipient, item, polarity."""
    supplier = entity_for(claim.supplier, claim.supplier_kind).id
    recipient = (
        entity_for(claim.recipient, claim.recipient_kind or "other").id if claim.recipient else None
    )
    return supplier, item_key(claim), recipient, claim.polarity


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
        "confidence": claim.confidence,
        "decided_by": dict(claim.decided_by),
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
            "confidence": c.confidence,
        }
        for c in claims
    ]
    return record


def _error_record(doc: str, error: str) -> dict[str, Any]:
    """The ``extract`` line of an input that could not be read: its reason, nothing found."""
    return {
        "doc": doc,
        "error": error,
        "organizations": [],
        "countries": [],
        "supply": [],
        "near_duplicate_of": [],
        "same_event_as": [],
    }


def extract_records(
    paths: Sequence[str],
    extractor: Extractor | None = None,
    n_process: int = 1,
    mode: str | None = None,
) -> list[dict[str, Any]]:
    """One record per input document, in input order, with dedup across all of them.

    Bad inputs give a record with an ``error`` and no claims, so the output still has one
    line per input. ``n_process`` worker processes parse in parallel; the records are the
    same, in the same order, whatever their number. ``mode`` picks the extractor (``rules``,
    ``learned`` or ``hybrid``; default ``$SUPPLYTRACE_EXTRACTOR``, else ``hybrid``).
    """
    extractor = extractor or Extractor(mode=mode)
    items = list(read_paths(paths))
    documents = [item for item in items if isinstance(item, Document)]
    extractions: dict[int, Extraction] = {
        i: e for i, e in enumerate(extractor.extract_many(documents, n_process=n_process))
    }
    readable = [d for i, d in enumerate(documents) if not extractions[i].error]
    relations = relate_documents(list({d.id: d for d in readable}.values()))
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
            records.append(_error_record(item.source_path, item.reason))
            continue
        extraction = extractions[index]
        index += 1
        own = item.source_path or item.id
        if extraction.error:
            records.append({**_error_record(own, extraction.error), "document_id": item.id})
            continue
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
