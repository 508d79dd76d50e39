"""The store's side of entity resolution: judgements, canonical ids and reference lists.

Judgements name entity ids, which are content hashes of a name key: ingesting the same text
again yields the same ids, so a judgement made once keeps applying. Canonical ids are derived
(``resolve.resolve_store`` rewrites them all); judgements and lists are never derived.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from supplytrace.errors import StoreError
from supplytrace.store import summary
from supplytrace.store.database import Database, now

Judgement = Literal["same", "not_same", "unsure"]


@dataclass(frozen=True)
class ListEntry:
    """One entry of a reference list: a sanctioned or watched party with its names."""

    list_name: str
    entry_id: str
    schema: str
    caption: str
    names: tuple[str, ...]
    countries: tuple[str, ...] = ()
    record: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "list": self.list_name,
            "id": self.entry_id,
            "schema": self.schema,
            "caption": self.caption,
            "names": list(self.names),
            "countries": list(self.countries),
        }


def pair(a: str, b: str) -> tuple[str, str]:
    """Judgements are symmetric: stored once, smaller id first."""
    return (a, b) if a <= b else (b, a)


class ResolutionTables:
    """The ``judgements``, ``canonical``, ``ref_lists`` and ``ref_entries`` tables."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def judge(self, pairs: Sequence[tuple[str, str]], judgement: Judgement, author: str) -> None:
        """Record judgements on entity pairs. A "same" judgement that cannot be true is refused
        with a ``StoreError``: an entity with itself, or two different countries."""
        if judgement == "same":
            self._check_same(pairs)
        at = now()
        with self._db.transaction():
            self._db.executemany(
                "INSERT INTO judgements (left_id, right_id, judgement, author, at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (left_id, right_id) DO UPDATE SET "
                "judgement = excluded.judgement, author = excluded.author, at = excluded.at",
                (pair(a, b) + (judgement, author, at) for a, b in pairs if a != b),
            )

    def _check_same(self, pairs: Sequence[tuple[str, str]]) -> None:
        ids = sorted({i for p in pairs for i in p})
        found: dict[str, tuple[str, str]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            sql = f"SELECT id, name, kind FROM entities WHERE id IN ({', '.join('?' * len(chunk))})"
            found.update((str(e), (str(n), str(k))) for e, n, k in self._db.rows(sql, chunk))
        for a, b in pairs:
            if a == b:
                raise StoreError(f"cannot merge an entity with itself ({a})")
            (name_a, kind_a), (name_b, kind_b) = found.get(a, (a, "")), found.get(b, (b, ""))
            if kind_a == kind_b == "country" and name_a != name_b:
                raise StoreError(f"cannot merge two different countries: {name_a} and {name_b}")

    def judgement_records(self) -> list[tuple[str, str, Judgement, str, str]]:
        """Every judgement: (left id, right id, judgement, author, when), by pair."""
        sql = (
            "SELECT left_id, right_id, judgement, author, at FROM judgements "
            "ORDER BY left_id, right_id"
        )
        return [(str(a), str(b), j, str(who), str(at)) for a, b, j, who, at in self._db.rows(sql)]

    def forget(self, pairs: Sequence[tuple[str, str]]) -> int:
        """Delete the judgements on ``pairs`` (undo); the number deleted."""
        keys = sorted({pair(a, b) for a, b in pairs if a != b})
        found = {(a, b) for a, b, *_ in self.judgement_records()}
        gone = [k for k in keys if k in found]
        with self._db.transaction():
            self._db.executemany("DELETE FROM judgements WHERE left_id = ? AND right_id = ?", gone)
        return len(gone)

    def judgements(self) -> dict[tuple[str, str], Judgement]:
        sql = "SELECT left_id, right_id, judgement FROM judgements ORDER BY left_id, right_id"
        return {(a, b): j for a, b, j in self._db.rows(sql)}

    def replace_canonical(self, mapping: dict[str, str]) -> None:
        with self._db.transaction():
            old = self.canonical()
            changed = sorted(
                e for e in old.keys() | mapping.keys() if old.get(e, e) != mapping.get(e, e)
            )
            stale = self._fact_keys(changed)  # keyed by the old canonical ids
            self._db.execute("DELETE FROM canonical")
            self._db.executemany(
                "INSERT INTO canonical (entity_id, canonical_id) VALUES (?, ?)",
                sorted(mapping.items()),
            )
            # facts of the parties that gained or lost a member, under old and new ids
            summary.refresh(self._db, stale | self._fact_keys(changed))

    def _fact_keys(self, entities: Sequence[str]) -> set[summary.Key]:
        keys: set[summary.Key] = set()
        for i in range(0, len(entities), 500):
            chunk = entities[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            where = f"c.supplier_entity IN ({marks}) OR c.recipient_entity IN ({marks})"
            keys |= summary.keys_of_claims(self._db, where, [*chunk, *chunk])
        return keys

    def pending(self) -> bool:
        """Whether some entity has no canonical id yet: a run stopped between storing its last
        batch and resolving, so the next ``ingest`` resolves although it adds nothing."""
        found = self._db.rows(
            "SELECT 1 FROM entities e LEFT JOIN canonical c ON c.entity_id = e.id"
            " WHERE c.entity_id IS NULL LIMIT 1"
        )
        return any(True for _ in found)

    def canonical(self) -> dict[str, str]:
        return dict(self._db.rows("SELECT entity_id, canonical_id FROM canonical"))

    def replace_list(self, name: str, source: str, entries: Sequence[ListEntry]) -> None:
        """Load a list under ``name``, replacing a list loaded under that name before."""
        with self._db.transaction():
            self._db.execute("DELETE FROM ref_entries WHERE list_name = ?", (name,))
            self._db.execute("DELETE FROM ref_lists WHERE name = ?", (name,))
            self._db.execute(
                "INSERT INTO ref_lists (name, source_path, entries, loaded_at) VALUES (?, ?, ?, ?)",
                (name, source, len({e.entry_id for e in entries}), now()),
            )
            self._db.executemany(
                "INSERT INTO ref_entries (list_name, entry_id, schema_name, caption, names, "
                "countries, record) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (list_name, entry_id) DO NOTHING",
                (
                    (
                        name,
                        e.entry_id,
                        e.schema,
                        e.caption,
                        json.dumps(list(e.names), ensure_ascii=False),
                        json.dumps(list(e.countries)),
                        json.dumps(e.record or {}, ensure_ascii=False, sort_keys=True),
                    )
                    for e in entries
                ),
            )

    def lists(self) -> list[tuple[str, str, int, str]]:
        sql = "SELECT name, source_path, entries, loaded_at FROM ref_lists ORDER BY name"
        return [(str(n), str(p), int(c), str(t)) for n, p, c, t in self._db.rows(sql)]

    def entries(self) -> Iterator[ListEntry]:
        sql = (
            "SELECT list_name, entry_id, schema_name, caption, names, countries "
            "FROM ref_entries ORDER BY list_name, entry_id"
        )
        for list_name, entry_id, schema, caption, names, countries in self._db.rows(sql):
            yield ListEntry(
                list_name,
                entry_id,
                schema,
                caption,
                tuple(json.loads(names)),
                tuple(json.loads(countries)),
            )
