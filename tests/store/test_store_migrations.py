"""Migrations: a store made by an earlier release opens and migrates, a copy is taken first,
and a migration that fails leaves the old store as it was (the failure is injected)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from supplytrace.errors import StoreError
from supplytrace.store import open_store
from supplytrace.store import schema as schema_module
from supplytrace.store.schema import LATEST_VERSION, MIGRATIONS, SCHEMA_VERSION_DDL

PREVIOUS = MIGRATIONS[-2].version


def _old_store(path: Path) -> None:
    """A store as the release before the last migration wrote it, holding one document."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(SCHEMA_VERSION_DDL)
    for migration in MIGRATIONS[:-1]:
        for statement in migration.statements:
            conn.execute(statement)
        conn.execute(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
            (migration.version, migration.description, "2026-01-01T00:00:00+00:00"),
        )
    columns = [row[1] for row in conn.execute("PRAGMA table_info(documents)")]
    values = {c: f"value of {c}" for c in columns}
    values["id"] = "doc-old"
    values["published"] = "2026-01-01"
    conn.execute(
        f"INSERT INTO documents ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
        list(values.values()),
    )
    conn.close()


def _state(path: Path) -> tuple[int, list[str]]:
    conn = sqlite3.connect(path)
    try:
        version = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]
    finally:
        conn.close()
    return version, ids


def test_an_older_store_is_copied_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    _old_store(path)
    open_store(path).close()
    assert _state(path) == (LATEST_VERSION, ["doc-old"])
    backup = tmp_path / f"store.db.v{PREVIOUS}.bak"
    assert _state(backup) == (PREVIOUS, ["doc-old"])
    # opening a current store takes no further copy
    open_store(path).close()
    assert sorted(p.name for p in tmp_path.glob("*.bak")) == [backup.name]


def test_a_fresh_store_takes_no_copy(tmp_path: Path) -> None:
    open_store(tmp_path / "new.db").close()
    assert not list(tmp_path.glob("*.bak"))


def test_a_failed_migration_leaves_the_old_store_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.db"
    _old_store(path)

    def broken(db: object) -> None:
        raise RuntimeError("injected failure")

    last = MIGRATIONS[-1]
    faulty = schema_module.Migration(last.version, last.description, last.statements, broken)
    monkeypatch.setattr(
        "supplytrace.store.database.MIGRATIONS", (*MIGRATIONS[:-1], faulty), raising=True
    )
    with pytest.raises(StoreError, match="the store is unchanged; a copy taken before"):
        open_store(path)
    assert _state(path) == (PREVIOUS, ["doc-old"])
    monkeypatch.undo()
    open_store(path).close()  # the fault gone, the same store migrates
    assert _state(path) == (LATEST_VERSION, ["doc-old"])
