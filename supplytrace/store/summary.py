"""Facts aggregated from claims, and the ``fact_summary`` table that keeps them ready.

A fact is the claims on one (supplier, item key, recipient, polarity), where the supplier and
recipient are *canonical* entity ids: an entity resolved into a party (``canonical`` table) counts
as that party, so merging two entities combines their facts and splitting separates them again.

Counts and dates are aggregated in SQL; sets (items, asserters, codes, end uses) are unions of
JSON lists merged in Python from a DISTINCT projection, which keeps the SQL portable (no
GROUP_CONCAT/STRING_AGG). The same code fills ``fact_summary`` and answers the queries the summary
cannot serve (filters on claim fields such as dates or end uses), so the two always agree.

``fact_summary`` is derived data: every write that can change a fact (a batch of claims, new
story clusters, new canonical ids) recomputes the facts it touches in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from supplytrace.store.database import Database

# (canonical supplier id, item key, canonical recipient id or None, polarity)
Key = tuple[str, str, str | None, str]

SUPPLIER = "COALESCE(cs.canonical_id, c.supplier_entity)"
RECIPIENT = "COALESCE(cr.canonical_id, c.recipient_entity)"
KEY_COLUMNS = f"{SUPPLIER}, c.item_key, {RECIPIENT}, c.polarity"
STORY = "COALESCE(s.story_id, c.document_id)"  # a document with no story is its own story
FROM = (
    "FROM claims c JOIN documents d ON d.id = c.document_id "
    "LEFT JOIN stories s ON s.document_id = c.document_id "
    "LEFT JOIN canonical cs ON cs.entity_id = c.supplier_entity "
    "LEFT JOIN canonical cr ON cr.entity_id = c.recipient_entity"
)
EVIDENCE_PER_FACT = 3
_CHUNK = 500

# ``details`` is one JSON array of six sorted lists: goods as written, asserters, end uses, HS
# codes, CHPL tiers, and the evidence sentences in the order they are shown.
SUMMARY_COLUMNS = (
    "supplier_id, item_key, recipient_id, polarity, claims, documents, stories, hedged, "
    "first_seen, last_seen, details, confidence"
)


class Reader(Protocol):
    """What reading needs: a ``Database`` or a ``Store``."""

    def rows(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]: ...


@dataclass
class Group:
    """One fact while it is being assembled."""

    claims: int
    documents: int
    stories: int
    hedged: int
    first_seen: str | None
    last_seen: str | None
    confidence: float | None = None  # the surest scored claim; None: rule claims only
    items: set[str] = field(default_factory=set)
    asserters: set[str] = field(default_factory=set)
    end_uses: set[str] = field(default_factory=set)
    hs_codes: set[str] = field(default_factory=set)
    chpl_tiers: set[str] = field(default_factory=set)
    candidates: list[tuple[Any, ...]] = field(default_factory=list)

    def evidence(self) -> tuple[str, ...]:
        return pick_evidence(self.candidates)


def _where(conditions: str) -> str:
    return f" WHERE {conditions}" if conditions else ""


def aggregate(db: Reader, where: str, params: Sequence[Any]) -> dict[Key, Group]:
    """Counts and dates of the facts over the claims matching ``where`` (on ``c``, ``d``)."""
    sql = (
        f"SELECT {KEY_COLUMNS}, COUNT(*), COUNT(DISTINCT c.document_id), "
        f"COUNT(DISTINCT {STORY}), SUM(c.hedged), MIN(d.published), MAX(d.published), "
        f"MAX(c.confidence) "
        f"{FROM}{_where(where)} GROUP BY {KEY_COLUMNS}"
    )
    groups: dict[Key, Group] = {}
    for s_id, i_key, r_id, pol, n, docs, stories, hedged, first, last, conf in db.rows(sql, params):
        groups[(s_id, i_key, r_id, pol)] = Group(
            int(n),
            int(docs),
            int(stories),
            int(hedged or 0),
            first,
            last,
            None if conf is None else float(conf),
        )
    return groups


def add_details(db: Reader, where: str, params: Sequence[Any], groups: dict[Key, Group]) -> None:
    sql = (
        f"SELECT DISTINCT {KEY_COLUMNS}, c.item, c.asserted_by, c.end_uses, c.hs_codes, "
        f"c.chpl_tiers {FROM}{_where(where)}"
    )
    for s_id, i_key, r_id, pol, item, asserter, end_uses, hs, chpl in db.rows(sql, params):
        group = groups.get((s_id, i_key, r_id, pol))
        if group is None:
            continue  # a fact beyond the limit, from the same supplier
        group.items.add(item)
        group.asserters.add(asserter)
        group.end_uses.update(json.loads(end_uses))
        group.hs_codes.update(json.loads(hs))
        group.chpl_tiers.update(json.loads(chpl))


def add_evidence(db: Reader, where: str, params: Sequence[Any], groups: dict[Key, Group]) -> None:
    """Candidate sentences: the first few of each story, so the shown evidence is diverse."""
    order = (
        "CASE WHEN d.published IS NULL THEN 1 ELSE 0 END, d.published, c.document_id, c.span_start"
    )
    sql = (
        f"SELECT s_id, item_key, r_id, polarity, pos, undated, "
        f"published, document_id, span_start, evidence FROM ("
        f"SELECT {SUPPLIER} AS s_id, c.item_key, {RECIPIENT} AS r_id, c.polarity, c.evidence, "
        f"c.document_id, c.span_start, d.published, "
        f"CASE WHEN d.published IS NULL THEN 1 ELSE 0 END AS undated, "
        f"ROW_NUMBER() OVER (PARTITION BY {KEY_COLUMNS}, {STORY} ORDER BY {order}) AS pos "
        f"{FROM}{_where(where)}) ranked WHERE pos <= ?"
    )
    for row in db.rows(sql, [*params, EVIDENCE_PER_FACT]):
        group = groups.get(cast(Key, tuple(row[:4])))
        if group is not None:
            group.candidates.append(row[4:])


def pick_evidence(candidates: Iterable[tuple[Any, ...]]) -> tuple[str, ...]:
    """Up to three distinct sentences: one per story first, earliest published first."""
    picked: list[str] = []
    # candidate: (position in its story, undated, published, document id, start, sentence)
    for *_, sentence in sorted(candidates, key=lambda c: (c[0], c[1], c[2] or "", c[3], c[4])):
        if sentence not in picked:
            picked.append(sentence)
        if len(picked) == EVIDENCE_PER_FACT:
            break
    return tuple(picked)


def compute(db: Reader, where: str, params: Sequence[Any]) -> dict[Key, Group]:
    """Whole facts (counts, sets, evidence candidates) over the claims matching ``where``."""
    groups = aggregate(db, where, params)
    if groups:
        add_details(db, where, params, groups)
        add_evidence(db, where, params, groups)
    return groups


# ---------------------------------------------------------------------- canonical ids


def canonical_of(db: Reader, ids: Iterable[str]) -> dict[str, str]:
    """Each id's canonical id (itself when resolution never placed it)."""
    wanted = sorted(set(ids))
    found = {i: i for i in wanted}
    for i in range(0, len(wanted), _CHUNK):
        chunk = wanted[i : i + _CHUNK]
        sql = (
            "SELECT entity_id, canonical_id FROM canonical "
            f"WHERE entity_id IN ({', '.join('?' * len(chunk))})"
        )
        found.update((str(e), str(c)) for e, c in db.rows(sql, chunk))
    return found


def members_of(db: Reader, canonical_ids: Iterable[str]) -> list[str]:
    """Every entity id whose canonical id is one of ``canonical_ids`` (for index lookups)."""
    return sorted(set().union(*_grouped(db, sorted(set(canonical_ids))).values()))


# ---------------------------------------------------------------------- maintenance


def _sort_names(db: Database, ids: set[str]) -> dict[str, str]:
    ordered = sorted(ids)
    names: dict[str, str] = {}
    for i in range(0, len(ordered), _CHUNK):
        chunk = ordered[i : i + _CHUNK]
        sql = f"SELECT id, name FROM entities WHERE id IN ({', '.join('?' * len(chunk))})"
        names.update((str(e), str(n).casefold()) for e, n in db.rows(sql, chunk))
    return names


def _insert(db: Database, groups: dict[Key, Group]) -> None:
    names = _sort_names(db, {k[0] for k in groups} | {k[2] for k in groups if k[2]})

    def row(key: Key, g: Group) -> tuple[Any, ...]:
        s_id, i_key, r_id, pol = key
        return (
            s_id,
            i_key,
            r_id,
            pol,
            g.claims,
            g.documents,
            g.stories,
            g.hedged,
            g.first_seen,
            g.last_seen,
            json.dumps(
                [
                    sorted(g.items),
                    sorted(g.asserters),
                    sorted(g.end_uses),
                    sorted(g.hs_codes),
                    sorted(g.chpl_tiers),
                    list(g.evidence()),
                ],
                ensure_ascii=False,
            ),
            g.confidence,
            names.get(s_id, s_id.casefold()),
            names.get(r_id, r_id.casefold()) if r_id else "",
        )

    db.executemany(
        f"INSERT INTO fact_summary ({SUMMARY_COLUMNS}, supplier_sort, recipient_sort) "
        f"VALUES ({', '.join('?' * 14)})",
        (row(key, g) for key, g in groups.items()),
    )


def rebuild(db: Database) -> None:
    """Recompute every fact (a migration, or after writing claims behind the store's back)."""
    db.execute("DELETE FROM fact_summary")
    _insert(db, compute(db, "", ()))


def keys_of_claims(db: Reader, where: str, params: Sequence[Any]) -> set[Key]:
    """The canonical keys of the claims matching ``where`` (on the claims alias ``c``)."""
    sql = (
        "SELECT DISTINCT c.supplier_entity, c.item_key, c.recipient_entity, c.polarity "
        f"FROM claims c{_where(where)}"
    )
    raw = [(str(s), str(i), r and str(r), str(p)) for s, i, r, p in db.rows(sql, params)]
    return canonical_keys(db, raw)


def canonical_keys(db: Reader, raw: Iterable[Key]) -> set[Key]:
    raw = list(raw)
    canon = canonical_of(db, {k[0] for k in raw} | {k[2] for k in raw if k[2]})
    return {(canon[s], i, canon[r] if r else None, p) for s, i, r, p in raw}


def refresh(db: Database, keys: set[Key]) -> None:
    """Recompute the facts ``keys`` name (canonical keys) from all their claims.

    Call inside the transaction that changed claims, stories or canonical ids. A key whose
    claims are gone (its entity now belongs to another party) is dropped.
    """
    if not keys:
        return
    db.executemany(
        "DELETE FROM fact_summary WHERE supplier_id = ? AND item_key = ? AND polarity = ? "
        "AND COALESCE(recipient_id, '') = ?",
        ((s, i, p, r or "") for s, i, r, p in keys),
    )
    members = _grouped(db, sorted({k[0] for k in keys} | {k[2] for k in keys if k[2]}))
    raw = {
        (s, i, r, p)
        for s_id, i, r_id, p in keys
        for s in members[s_id]
        for r in (members[r_id] if r_id else [None])
    }
    db.execute(
        "CREATE TEMP TABLE IF NOT EXISTS fact_refresh (supplier_entity TEXT NOT NULL, "
        "item_key TEXT NOT NULL, recipient_entity TEXT, polarity TEXT NOT NULL)"
    )
    db.execute("CREATE TEMP TABLE IF NOT EXISTS fact_refresh_claims (id TEXT PRIMARY KEY)")
    db.execute("DELETE FROM fact_refresh")
    db.execute("DELETE FROM fact_refresh_claims")
    db.executemany("INSERT INTO fact_refresh VALUES (?, ?, ?, ?)", sorted(raw, key=str))
    same = (
        "c.supplier_entity = k.supplier_entity AND c.item_key = k.item_key "
        "AND c.polarity = k.polarity AND "
    )
    db.execute(
        "INSERT INTO fact_refresh_claims SELECT c.id FROM fact_refresh k JOIN claims c ON "
        f"{same}c.recipient_entity = k.recipient_entity "
        "UNION SELECT c.id FROM fact_refresh k JOIN claims c ON "
        f"{same}c.recipient_entity IS NULL AND k.recipient_entity IS NULL"
    )
    _insert(db, compute(db, "c.id IN (SELECT id FROM fact_refresh_claims)", ()))
    db.execute("DELETE FROM fact_refresh")
    db.execute("DELETE FROM fact_refresh_claims")


def _grouped(db: Reader, parties: list[str]) -> dict[str, set[str]]:
    canon = canonical_of(db, parties)
    grouped = {p: ({p} if canon[p] == p else set()) for p in parties}
    for i in range(0, len(parties), _CHUNK):
        chunk = parties[i : i + _CHUNK]
        sql = (
            "SELECT entity_id, canonical_id FROM canonical "
            f"WHERE canonical_id IN ({', '.join('?' * len(chunk))})"
        )
        for e, c in db.rows(sql, chunk):
            grouped[str(c)].add(str(e))
    return grouped
