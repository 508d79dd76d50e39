"""The embedded SQLite backend: one file, WAL journal, foreign keys enforced.

Transactions are explicit (``isolation_level=None`` puts the driver in autocommit mode and
``transaction()`` issues BEGIN/COMMIT/ROLLBACK) so that a batch is exactly one transaction,
as it will be on PostgreSQL.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from supplytrace.errors import StoreError
from supplytrace.store.database import Params

_FETCH = 1000
# How long a writer waits for another one's transaction before giving up.
BUSY_SECONDS = 30.0


class SQLiteDatabase:
    """A ``Database`` on one SQLite file; driver errors surface as ``StoreError``."""

    def __init__(self, path: Path) -> None:
        self.location = str(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_SECONDS)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(
                f"cannot open the store {path}: {exc}; check that the directory is writable"
            ) from exc
        try:
            # Reading the journal mode is the first access to the file: a file that is not a
            # SQLite database fails here, before anything is written to it.
            self._wal(path)
            self._conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(
                f"{path} is not a supplytrace store ({exc}); move the file away or pass "
                f"another path to create a new store"
            ) from exc

    def _wal(self, path: Path) -> None:
        """Switch to the WAL journal. Switching a new file needs it alone for a moment, and
        SQLite does not wait for that by itself: a second process opening the store while the
        first creates it retries for up to the busy timeout instead of failing."""
        deadline = time.monotonic() + BUSY_SECONDS
        while True:
            try:
                self._conn.execute("PRAGMA journal_mode=WAL").fetchone()
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if time.monotonic() > deadline:
                    self._conn.close()
                    raise StoreError(
                        f"{path} is held by another process for more than {BUSY_SECONDS:.0f} s; "
                        f"wait for it to finish and run the command again"
                    ) from exc
                time.sleep(0.05)

    def backup(self, version: int) -> str | None:
        """A consistent copy of the store beside it, ``<name>.v<version>.bak`` (SQLite's online
        backup, so a reader's or the WAL's pages are included); an older copy of the same
        version is kept, not overwritten."""
        path = Path(self.location)
        target = path.with_name(f"{path.name}.v{version}.bak")
        n = 1
        while target.exists():
            n += 1
            target = path.with_name(f"{path.name}.v{version}.{n}.bak")
        try:
            copy = sqlite3.connect(str(target))
            try:
                self._conn.backup(copy)
            finally:
                copy.close()
        except (OSError, sqlite3.Error) as exc:
            target.unlink(missing_ok=True)
            raise StoreError(
                f"{self.location} needs migrating from schema version {version}, but a copy "
                f"could not be written first ({exc}); nothing was changed: free some space or "
                f"make the directory writable and open it again"
            ) from exc
        return str(target)

    def _fail(self, exc: sqlite3.Error) -> StoreError:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL" or "disk is full" in str(exc):
            return StoreError(
                f"{self.location}: the disk is full; the batch being written was not stored and "
                f"everything stored before is intact: free some space and run the same command "
                f"again to go on"
            )
        return StoreError(f"{self.location}: {exc}")

    def execute(self, sql: str, params: Params = ()) -> int:
        try:
            return self._conn.execute(sql, tuple(params)).rowcount
        except sqlite3.Error as exc:
            raise self._fail(exc) from exc

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        try:
            self._conn.executemany(sql, (tuple(row) for row in rows))
        except sqlite3.Error as exc:
            raise self._fail(exc) from exc

    def rows(self, sql: str, params: Params = ()) -> Iterator[tuple[Any, ...]]:
        try:
            cursor = self._conn.execute(sql, tuple(params))
            while batch := cursor.fetchmany(_FETCH):
                yield from batch
        except sqlite3.Error as exc:
            raise self._fail(exc) from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock up front, so two writers queue instead of one of them
        # failing halfway through a batch with "database is locked".
        self.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.rollback()
            raise
        try:
            self.execute("COMMIT")
        except StoreError:
            if self._conn.in_transaction:
                self._conn.rollback()
            raise

    def close(self) -> None:
        # SQLite's advice for long-lived stores: gather planner statistics where they are
        # missing or stale (cheap: it analyses only tables that changed enough).
        try:
            self._conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass  # a read-only or busy file: statistics can wait for the next writer
        self._conn.close()
