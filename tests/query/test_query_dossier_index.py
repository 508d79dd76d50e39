"""The dossier's document list and timeline, read from ``entity_documents`` and the claim date
indexes, agree with what the claims say; and migration 5 builds them for an existing store."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

from supplytrace.query import entity, facts
from supplytrace.store import Store, open_store
from supplytrace.store.schema import _FACT_SUMMARY


def _from_claims(store: Store, entity_id: str) -> tuple[dict[str, int], list[tuple[Any, ...]]]:
    """Documents (with claims naming the entity) and the ordered timeline, straight from the
    claims, mentions and documents tables."""
    counts: dict[str, int] = {}
    events = []
    for (
        claim,
        doc,
        supplier_id,
        recipient_id,
        stated,
        published,
        start,
        supplier,
        item,
    ) in store.rows(
        "SELECT c.id, c.document_id, c.supplier_entity, c.recipient_entity, c.stated_on, "
        "d.published, c.span_start, c.supplier, c.item FROM claims c "
        "JOIN documents d ON d.id = c.document_id"
    ):
        if entity_id in (supplier_id, recipient_id):
            counts[doc] = counts.get(doc, 0) + 1
            events.append((stated or published, doc, start, claim, supplier, item))
    for (doc,) in store.rows("SELECT document_id FROM mentions WHERE entity_id = ?", (entity_id,)):
        counts.setdefault(doc, 0)
    # by date (undated last), document, position, then claim id for claims of one sentence
    events.sort(key=lambda e: (e[0] is None, e[0] or "", e[1], e[2], e[3]))
    return counts, events


def _unmerged_entities(store: Store) -> list[str]:
    return [
        str(i)
        for (i,) in store.rows(
            "SELECT id FROM entities WHERE id NOT IN (SELECT entity_id FROM canonical "
            "WHERE canonical_id <> entity_id) AND id NOT IN (SELECT canonical_id FROM canonical "
            "WHERE canonical_id <> entity_id)"
        )
    ]


def test_documents_and_timeline_agree_with_the_claims(dev_store: Store) -> None:
    checked = 0
    for entity_id in _unmerged_entities(dev_store):
        counts, events = _from_claims(dev_store, entity_id)
        dossier = entity(dev_store, entity_id)
        assert {d.id: d.claims for d in dossier.documents} == counts, entity_id
        assert dossier.document_total == len(counts)
        assert dossier.timeline_total == len(events)
        shown = [(e.date, e.document_id, e.supplier, e.item) for e in dossier.timeline]
        assert shown == [(at, doc, supplier, item) for at, doc, _, _, supplier, item in events]
        checked += bool(events)
    assert checked >= 10


def test_migration_5_fills_an_existing_store(dev_store_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    shutil.copy(dev_store_path, path)
    with sqlite3.connect(path) as conn:
        # a version 4 store has no claim scores: without them, going back to 4 loses nothing
        conn.execute("UPDATE claims SET confidence = NULL, decided_by = NULL")
        conn.execute("UPDATE fact_summary SET confidence = NULL")
    with open_store(path) as store:
        before = sorted(store.rows("SELECT * FROM entity_documents"))
        seen_before = sorted(store.rows("SELECT id, seen_on FROM claims"))
        dossiers = {i: entity(store, i) for i in _unmerged_entities(store)}
        all_facts = facts(store)
    # Take the file back to schema version 4, as a store written by supplytrace 0.2 is (its
    # fact summary empty: migration 7 rebuilds it from the claims).
    with sqlite3.connect(path) as conn:
        conn.executescript(
            """
            DROP TABLE entity_documents;
            DROP INDEX claims_supplier_seen;
            DROP INDEX claims_recipient_seen;
            ALTER TABLE claims DROP COLUMN seen_on;
            CREATE INDEX claims_recipient ON claims (recipient_entity);
            DROP TABLE fact_summary;
            DELETE FROM schema_version WHERE version = 5;
            ALTER TABLE claims DROP COLUMN confidence;
            ALTER TABLE claims DROP COLUMN decided_by;
            ALTER TABLE signatures DROP COLUMN size;
            ALTER TABLE signatures DROP COLUMN features;
            DELETE FROM schema_version WHERE version >= 6;
            """
        )
        for statement in _FACT_SUMMARY:
            conn.execute(statement)
    with open_store(path) as store:
        assert sorted(store.rows("SELECT * FROM entity_documents")) == before
        assert sorted(store.rows("SELECT id, seen_on FROM claims")) == seen_before
        assert {i: entity(store, i) for i in dossiers} == dossiers
        assert facts(store) == all_facts
    assert any(n for *_, n in before) and any(n == 0 for *_, n in before)
