"""Opening a store: creation, migrations, refusal of files it must not touch."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from supplytrace.errors import StoreError
from supplytrace.model import Document
from supplytrace.store import open_store
from supplytrace.store.schema import LATEST_VERSION


def _versions(path: Path) -> list[int]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("SELECT version FROM schema_version")]


def test_fresh_file_is_created_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "store.db"
    with open_store(path) as store:
        assert store.counts()["documents"] == 0
    assert path.exists()
    assert _versions(path) == list(range(1, LATEST_VERSION + 1))
    conn = sqlite3.connect(path)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    expected = {"documents", "mentions", "entities", "entity_aliases", "claims", "stories"}
    assert expected | {"document_pairs", "skipped", "schema_version"} <= tables


def test_reopen_keeps_data_and_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    document = Document.create("Acme ships valves to Ruritania.", published="2024-01-02")
    with open_store(path) as store:
        store.write_batch([document], [])
    with open_store(str(path)) as store:
        assert store.document(document.id) == document
        assert store.has_document(document.id)
    assert _versions(path) == list(range(1, LATEST_VERSION + 1))


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    with open_store(tmp_path / "store.db") as store:
        assert list(store.rows("PRAGMA foreign_keys")) == [(1,)]


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
            (LATEST_VERSION + 1, "from the future", "2099-01-01"),
        )
    with pytest.raises(StoreError, match="upgrade supplytrace"):
        open_store(path)


def test_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    content = b"These are meeting notes, not a database.\n" * 50
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert str(path) in str(info.value)
    assert "another path" in str(info.value)
    assert path.read_bytes() == content


def test_directory_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=str(tmp_path)):
        open_store(tmp_path)
