"""Incremental story clustering on a real SQLite store: persisted signatures and band keys."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from supplytrace.dedup import SCHEMES, Verifier, relate_documents
from supplytrace.dedup.signatures import BIGRAMS, NAMES, Scheme
from supplytrace.model import Document
from supplytrace.pipeline import relate_stored_documents
from supplytrace.store import Store, open_store
from supplytrace.store.schema import MIGRATIONS, SCHEMA_VERSION_DDL

FIRST = ("original", "sanctions_release", "unrelated", "rewrite")
SECOND = ("syndicated", "garbled", "sanctions_news", "sanctions_next_round")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(tmp_path / "stories.db")


def _add(store: Store, docs: list[Document], **kw: object) -> int:
    store.write_batch(docs, [])
    return relate_stored_documents(store, **kw)  # type: ignore[arg-type]


def _record_verified(monkeypatch: pytest.MonkeyPatch) -> list[frozenset[str]]:
    seen: list[frozenset[str]] = []
    original = Verifier.relate

    def relate(self: Verifier, a: Document, b: Document) -> object:
        seen.append(frozenset((a.id, b.id)))
        return original(self, a, b)

    monkeypatch.setattr(Verifier, "relate", relate)
    return seen


@pytest.mark.parametrize("exhaustive_limit", [0, 100])
def test_two_ingests_equal_one_batch(
    store: Store, fixture_docs: dict[str, Document], exhaustive_limit: int
) -> None:
    first = [fixture_docs[name] for name in FIRST]
    second = [fixture_docs[name] for name in SECOND]
    _add(store, first, exhaustive_limit=exhaustive_limit)
    stories = _add(store, second, exhaustive_limit=exhaustive_limit)
    batch = relate_documents(first + second)
    assert store.document_pairs() == sorted(batch.pairs, key=lambda p: (p.a, p.b, p.relation))
    assert sorted(store.stories(), key=lambda c: c.id) == sorted(batch.clusters, key=lambda c: c.id)
    assert stories == len(batch.clusters)


def test_only_pairs_with_a_new_document_are_verified(
    store: Store, fixture_docs: dict[str, Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = [fixture_docs[name] for name in FIRST]
    _add(store, first, exhaustive_limit=0)
    stored = {
        scheme.signature_key: store.signatures.signatures(scheme.signature_key, [first[0].id])
        for scheme in SCHEMES
    }
    seen = _record_verified(monkeypatch)
    new = [fixture_docs[name] for name in SECOND]
    _add(store, new, exhaustive_limit=0)
    new_ids = {doc.id for doc in new}
    assert seen and all(pair & new_ids for pair in seen)
    # The old documents' signatures were not rewritten.
    for key, before in stored.items():
        after = store.signatures.signatures(key, [first[0].id])
        assert np.array_equal(after[first[0].id], before[first[0].id])
    seen.clear()
    _add(store, [], exhaustive_limit=0)
    assert seen == []


def test_new_rewrite_joins_the_stored_story_through_band_keys(
    store: Store, fixture_docs: dict[str, Document]
) -> None:
    _add(store, [fixture_docs["original"], fixture_docs["unrelated"]], exhaustive_limit=0)
    assert store.document_pairs() == []
    _add(store, [fixture_docs["rewrite"]], exhaustive_limit=0)
    story = store.story_of(fixture_docs["original"].id)
    assert story is not None and story == store.story_of(fixture_docs["rewrite"].id)
    assert store.story_of(fixture_docs["unrelated"].id) != story


def test_signatures_round_trip_through_the_store(
    store: Store, fixture_docs: dict[str, Document]
) -> None:
    doc = fixture_docs["original"]
    _add(store, [doc], exhaustive_limit=0)
    for scheme in SCHEMES:
        stored = store.signatures.signatures(scheme.signature_key, [doc.id])[doc.id]
        assert np.array_equal(stored, scheme.sign([doc.text])[0])


def test_a_new_threshold_rebuilds_band_keys_from_stored_signatures(
    store: Store, fixture_docs: dict[str, Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(store, [fixture_docs["original"], fixture_docs["unrelated"]], exhaustive_limit=0)
    stricter = dataclasses.replace(BIGRAMS, threshold=0.5)
    assert stricter.signature_key == BIGRAMS.signature_key
    assert stricter.band_key != BIGRAMS.band_key

    def refuse(self: Scheme, texts: object) -> None:
        raise AssertionError("stored documents must not be signed again")

    monkeypatch.setattr(Scheme, "sign", refuse)
    _add(store, [], schemes=(stricter, NAMES), exhaustive_limit=0)
    assert store.signatures.band_schemes(BIGRAMS.signature_key) == [stricter.band_key]
    monkeypatch.undo()
    # The rebuilt keys still find the story's rewrite.
    _add(store, [fixture_docs["syndicated"]], schemes=(stricter, NAMES), exhaustive_limit=0)
    assert store.story_of(fixture_docs["syndicated"].id) == store.story_of(
        fixture_docs["original"].id
    )


def test_documents_stored_without_signatures_are_related_later(
    store: Store, fixture_docs: dict[str, Document]
) -> None:
    """A run killed between storing documents and relating them loses nothing."""
    store.write_batch([fixture_docs["original"], fixture_docs["rewrite"]], [])
    assert store.story_of(fixture_docs["original"].id) is None
    relate_stored_documents(store, exhaustive_limit=0)
    assert store.story_of(fixture_docs["original"].id) == store.story_of(fixture_docs["rewrite"].id)


def test_a_version_1_store_is_migrated_and_its_documents_related(
    tmp_path: Path, fixture_docs: dict[str, Document]
) -> None:
    """A store written before signatures existed gains the tables, and its documents (with
    the pairs it already had) are related by the next run."""
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.execute(SCHEMA_VERSION_DDL)
    for statement in MIGRATIONS[0].statements:
        conn.execute(statement)
    conn.execute("INSERT INTO schema_version VALUES (1, 'initial schema', '2024-01-01')")
    for name in ("original", "syndicated"):
        doc = fixture_docs[name]
        conn.execute(
            "INSERT INTO documents (id, text, language, added_at) VALUES (?, ?, 'en', 'then')",
            (doc.id, doc.text),
        )
    a, b = sorted((fixture_docs["original"].id, fixture_docs["syndicated"].id))
    conn.execute("INSERT INTO document_pairs VALUES (?, ?, 'near_duplicate', 0.9)", (a, b))
    conn.commit()
    conn.close()
    with open_store(path) as store:
        assert store.signatures.signed_ids(BIGRAMS.signature_key) == []
        relate_stored_documents(store)
        assert store.signatures.signed_ids(BIGRAMS.signature_key) == [a, b]
        assert [(p.a, p.b, p.score) for p in store.document_pairs()] == [(a, b, 0.9)]
        assert store.story_of(a) == store.story_of(b) is not None
