"""The store: documents, mentions, entities, claims and story relations in one database.

SQLite (one file) is the embedded default; the schema and queries are kept portable so that a
PostgreSQL backend can implement the same ``Database`` protocol.

Example::

    with open_store("corpus.db") as store:
        result = store.write_batch(documents, extractions)
        print(result.documents_added, store.counts())
"""

from __future__ import annotations

from pathlib import Path

from supplytrace.store.database import migrate
from supplytrace.store.sqlite import SQLiteDatabase
from supplytrace.store.store import BatchResult, Store

__all__ = ["BatchResult", "Store", "open_store"]


def open_store(path: str | Path) -> Store:
    """Open (creating if needed) the SQLite store at ``path``, migrated to the current schema."""
    db = SQLiteDatabase(Path(path))
    try:
        migrate(db)
    except BaseException:
        db.close()
        raise
    return Store(db)
