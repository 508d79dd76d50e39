"""What the store needs from a database backend, and the migration runner built on it.

SQL in this package is written once, with ``?`` placeholders; each backend translates the
placeholders (PostgreSQL wants ``%s``) and its driver's errors (into ``StoreError``) in its own
``execute``. That keeps the queries portable and the dialect in one place per backend.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any, Protocol

from supplytrace.errors import StoreError
from supplytrace.store.schema import LATEST_VERSION, MIGRATIONS, SCHEMA_VERSION_DDL

Params = Sequence[Any]


class Database(Protocol):
    """A connection to one store: SQL with ``?`` placeholders, explicit transactions."""

    location: str

    def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the number of rows it changed."""
        ...

    def executemany(self, sql: str, rows: Iterable[Params]) -> None: ...

    def rows(self, sql: str, params: Params = ()) -> Iterator[tuple[Any, ...]]:
        """The result rows of a query, fetched lazily."""
        ...

    def transaction(self) -> AbstractContextManager[None]:
        """Commit on success; roll back on any exception and re-raise it."""
        ...

    def close(self) -> None: ...

    def backup(self, version: int) -> str | None:
        """Copy the whole store aside before migrating it from ``version``; returns where the
        copy is (None when the backend keeps its own backups, as a database server does)."""
        ...


def now() -> str:
    """A UTC timestamp for bookkeeping columns (never part of an id)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def schema_version(db: Database) -> int:
    """The highest migration applied to ``db`` (0 for an empty database)."""
    (version,) = list(db.rows("SELECT MAX(version) FROM schema_version"))[0]
    return int(version) if version is not None else 0


def migrate(db: Database) -> int:
    """Apply pending migrations in one transaction; returns the resulting schema version.

    A store that holds data and needs migrating is first copied aside (``db.backup``); the
    migrations then run in one transaction, so a failure in any of them leaves the store as it
    was, with a message that says where the copy is. Refuses a database written by a newer
    supplytrace: running old code on it could corrupt data that the old code does not know
    about.
    """
    db.execute(SCHEMA_VERSION_DDL)
    current = schema_version(db)
    if current > LATEST_VERSION:
        raise StoreError(
            f"{db.location} has schema version {current}, but this supplytrace only knows "
            f"versions up to {LATEST_VERSION}; upgrade supplytrace to open it"
        )
    if current == LATEST_VERSION:
        return LATEST_VERSION
    copy = db.backup(current) if current > 0 else None
    try:
        with db.transaction():
            if schema_version(db) != current:  # another process migrated it meanwhile
                return LATEST_VERSION
            for migration in MIGRATIONS:
                if migration.version <= current:
                    continue
                for statement in migration.statements:
                    db.execute(statement)
                if migration.backfill is not None:
                    migration.backfill(db)
                db.execute(
                    "INSERT INTO schema_version (version, description, applied_at) "
                    "VALUES (?, ?, ?)",
                    (migration.version, migration.description, now()),
                )
    except Exception as exc:
        kept = f"; a copy taken before migrating is at {copy}" if copy else ""
        raise StoreError(
            f"{db.location}: migrating the store from schema version {current} to "
            f"{LATEST_VERSION} failed ({exc}); the store is unchanged{kept}"
        ) from exc
    return LATEST_VERSION
