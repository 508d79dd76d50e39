"""Facts: claims aggregated on (supplier entity, item, recipient entity, polarity).

Counts and dates are aggregated in SQL, where the ``claims_fact`` index serves the GROUP BY;
sets (items, asserters, codes, end uses) are unions of JSON lists and are merged in Python
from a DISTINCT projection, which keeps the SQL portable (no GROUP_CONCAT/STRING_AGG) and
reads far fewer rows than there are claims. Facts are always recomputed, never stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, cast

from supplytrace.data import load_yaml
from supplytrace.errors import SupplytraceError
from supplytrace.model import Fact, Polarity
from supplytrace.resolve.names import fold
from supplytrace.store import Store

# (supplier entity id, item key, recipient entity id or None, polarity)
Key = tuple[str, str, str | None, str]

_KEY_COLUMNS = "c.supplier_entity, c.item_key, c.recipient_entity, c.polarity"
_STORY = "COALESCE(s.story_id, c.document_id)"  # a document with no story is its own story
_FROM = (
    "FROM claims c JOIN documents d ON d.id = c.document_id "
    "LEFT JOIN stories s ON s.document_id = c.document_id"
)
_ENTITY_MATCH = (
    "SELECT id FROM entities WHERE LOWER(name) LIKE ? ESCAPE '!' OR name_key LIKE ? ESCAPE '!' "
    "UNION SELECT entity_id FROM entity_aliases WHERE LOWER(alias) LIKE ? ESCAPE '!'"
)
_EVIDENCE_PER_FACT = 3
_CHUNK = 500


class QueryError(SupplytraceError, ValueError):
    """A query argument that cannot be understood."""


@dataclass
class _Group:
    """One fact while it is being assembled."""

    claims: int
    documents: int
    stories: int
    hedged: int
    first_seen: str | None
    last_seen: str | None
    items: set[str] = field(default_factory=set)
    asserters: set[str] = field(default_factory=set)
    end_uses: set[str] = field(default_factory=set)
    hs_codes: set[str] = field(default_factory=set)
    chpl_tiers: set[str] = field(default_factory=set)
    evidence: list[tuple[Any, ...]] = field(default_factory=list)


@dataclass
class _Where:
    """SQL conditions on the claims alias ``c``, with their parameters in order."""

    conditions: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, condition: str, *params: Any) -> None:
        self.conditions.append(condition)
        self.params.extend(params)

    def copy(self) -> _Where:
        return _Where(list(self.conditions), list(self.params))

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.conditions) if self.conditions else ""


def facts(
    store: Store,
    supplier: str | None = None,
    item: str | None = None,
    recipient: str | None = None,
    polarity: str | None = None,
    *,
    limit: int | None = None,
) -> list[Fact]:
    """The facts in ``store``, filtered, most independently sourced first.

    ``supplier`` and ``recipient`` match an entity's name, alias or key case-insensitively
    (substrings too); ``item`` matches a category id or label (with its sub-categories) or the
    item text as written; ``polarity`` is "asserted" or "denied". ``limit`` keeps the first
    facts only, and then reads the evidence of those facts only (a page of a large store).
    """
    if polarity not in (None, "asserted", "denied"):
        raise QueryError(f"polarity {polarity!r} is unknown; use 'asserted' or 'denied'")
    if limit is not None and limit < 0:
        raise QueryError(f"limit {limit} is negative; use 0 or more, or None for all facts")
    base = _Where()
    if supplier:
        _entity_filter(base, "c.supplier_entity", supplier)
    if item:
        _item_filter(store, base, item)
    where = base.copy()
    if recipient:
        _entity_filter(where, "c.recipient_entity", recipient)
    if polarity:
        where.add("c.polarity = ?", polarity)

    groups = _aggregate(store, where)
    names = _entity_names(store, {k[0] for k in groups} | {k[2] for k in groups if k[2]})
    ordered = sorted(groups, key=lambda key: _order(key, groups[key], names))
    if limit is not None and limit < len(ordered):
        ordered = ordered[:limit]
        groups = {key: groups[key] for key in ordered}
        suppliers = sorted({key[0] for key in ordered})
        if suppliers and len(suppliers) <= _CHUNK:
            where = where.copy()
            where.add(f"c.supplier_entity IN ({', '.join('?' * len(suppliers))})", *suppliers)
    if not groups:
        return []
    _add_details(store, where, groups)
    _add_evidence(store, where, groups)
    denials = _denials(store, base) if any(k[3] == "asserted" for k in groups) else {}
    return [_fact(key, groups[key], names, denials) for key in ordered]


def _order(key: Key, group: _Group, names: dict[str, str]) -> tuple[Any, ...]:
    """Most stories, then documents, then names; ids last, since two entities can share a name."""
    s_id, i_key, r_id, pol = key
    supplier = names.get(s_id, s_id).casefold()
    recipient = names.get(r_id, r_id).casefold() if r_id else ""
    return (-group.stories, -group.documents, supplier, i_key, recipient, pol, s_id, r_id or "")


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its wildcards escaped with '!'."""
    escaped = text.replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return f"%{escaped}%"


def _entity_filter(where: _Where, column: str, needle: str) -> None:
    lowered = _like(needle.lower())
    where.add(f"{column} IN ({_ENTITY_MATCH})", lowered, _like(fold(needle)), lowered)


def _item_filter(store: Store, where: _Where, needle: str) -> None:
    condition = "(c.item_key LIKE ? ESCAPE '!' OR LOWER(c.item) LIKE ? ESCAPE '!'"
    params: list[Any] = [_like(fold(needle)), _like(needle.lower())]
    categories = sorted(matching_categories(needle))
    if categories:
        condition += f" OR c.item_key IN ({', '.join('?' * len(categories))})"
        params.extend(categories)
    condition += ")"
    # Substring matches cannot use an index; finding the few item keys they touch in one scan
    # lets the three queries that follow use claims_item_key instead of scanning again.
    keys = [
        k
        for (k,) in store.rows(
            f"SELECT DISTINCT c.item_key FROM claims c WHERE {condition}", params
        )
    ]
    if len(keys) <= _CHUNK:
        condition = f"c.item_key IN ({', '.join('?' * len(keys)) or 'NULL'}) AND {condition}"
        params = [*keys, *params]
    where.add(condition, *params)


@lru_cache(maxsize=1)
def _taxonomy() -> tuple[tuple[str, str, str | None], ...]:
    """(id, label, parent) of every goods category."""
    data = load_yaml("goods_taxonomy.yaml")
    return tuple((c["id"], c.get("label", ""), c.get("parent")) for c in data["categories"])


def matching_categories(needle: str) -> set[str]:
    """Category ids whose id or label contains ``needle``, with all their sub-categories."""
    lowered = needle.strip().lower()
    found = {cid for cid, label, _ in _taxonomy() if lowered in cid or lowered in label.lower()}
    grew = bool(found)
    while grew:
        children = {cid for cid, _, parent in _taxonomy() if parent in found} - found
        found |= children
        grew = bool(children)
    return found


def _aggregate(store: Store, where: _Where) -> dict[Key, _Group]:
    sql = (
        f"SELECT {_KEY_COLUMNS}, COUNT(*), COUNT(DISTINCT c.document_id), "
        f"COUNT(DISTINCT {_STORY}), SUM(c.hedged), MIN(d.published), MAX(d.published) "
        f"{_FROM}{where.sql()} GROUP BY {_KEY_COLUMNS}"
    )
    groups: dict[Key, _Group] = {}
    for s_id, i_key, r_id, pol, n, docs, stories, hedged, first, last in store.rows(
        sql, where.params
    ):
        groups[(s_id, i_key, r_id, pol)] = _Group(
            int(n), int(docs), int(stories), int(hedged or 0), first, last
        )
    return groups


def _add_details(store: Store, where: _Where, groups: dict[Key, _Group]) -> None:
    sql = (
        f"SELECT DISTINCT {_KEY_COLUMNS}, c.item, c.asserted_by, c.end_uses, c.hs_codes, "
        f"c.chpl_tiers FROM claims c{where.sql()}"
    )
    for s_id, i_key, r_id, pol, item, asserter, end_uses, hs, chpl in store.rows(sql, where.params):
        group = groups.get((s_id, i_key, r_id, pol))
        if group is None:
            continue  # a fact beyond the limit, from the same supplier
        group.items.add(item)
        group.asserters.add(asserter)
        group.end_uses.update(json.loads(end_uses))
        group.hs_codes.update(json.loads(hs))
        group.chpl_tiers.update(json.loads(chpl))


def _add_evidence(store: Store, where: _Where, groups: dict[Key, _Group]) -> None:
    """Candidate sentences: the first few of each story, so the shown evidence is diverse."""
    order = (
        "CASE WHEN d.published IS NULL THEN 1 ELSE 0 END, d.published, c.document_id, c.span_start"
    )
    sql = (
        f"SELECT supplier_entity, item_key, recipient_entity, polarity, pos, undated, "
        f"published, document_id, span_start, evidence FROM ("
        f"SELECT {_KEY_COLUMNS}, c.evidence, c.document_id, c.span_start, d.published, "
        f"CASE WHEN d.published IS NULL THEN 1 ELSE 0 END AS undated, "
        f"ROW_NUMBER() OVER (PARTITION BY {_KEY_COLUMNS}, {_STORY} ORDER BY {order}) AS pos "
        f"{_FROM}{where.sql()}) ranked WHERE pos <= ?"
    )
    for row in store.rows(sql, [*where.params, _EVIDENCE_PER_FACT]):
        group = groups.get(cast(Key, tuple(row[:4])))
        if group is not None:
            group.evidence.append(row[4:])


def _pick_evidence(candidates: Iterable[tuple[Any, ...]]) -> tuple[str, ...]:
    """Up to three distinct sentences: one per story first, earliest published first."""
    picked: list[str] = []
    # candidate: (position in its story, undated, published, document id, start, sentence)
    for *_, sentence in sorted(candidates, key=lambda c: (c[0], c[1], c[2] or "", c[3], c[4])):
        if sentence not in picked:
            picked.append(sentence)
        if len(picked) == _EVIDENCE_PER_FACT:
            break
    return tuple(picked)


def _denials(store: Store, base: _Where) -> dict[tuple[str, str, str | None], int]:
    """Denied claims by (supplier, item, recipient): no recipient filter, since a denial with
    no recipient counts against every recipient of that supplier and item."""
    where = base.copy()
    where.add("c.polarity = ?", "denied")
    sql = (
        "SELECT c.supplier_entity, c.item_key, c.recipient_entity, COUNT(*) FROM claims c"
        f"{where.sql()} GROUP BY c.supplier_entity, c.item_key, c.recipient_entity"
    )
    return {(s, i, r): int(n) for s, i, r, n in store.rows(sql, where.params)}


def _entity_names(store: Store, ids: set[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    ordered: Sequence[str] = sorted(ids)
    for i in range(0, len(ordered), _CHUNK):
        chunk = ordered[i : i + _CHUNK]
        sql = f"SELECT id, name FROM entities WHERE id IN ({', '.join('?' * len(chunk))})"
        names.update((str(eid), str(name)) for eid, name in store.rows(sql, chunk))
    return names


def _fact(
    key: Key,
    group: _Group,
    names: dict[str, str],
    denials: dict[tuple[str, str, str | None], int],
) -> Fact:
    s_id, i_key, r_id, pol = key
    denied = 0
    if pol == "asserted":
        denied = denials.get((s_id, i_key, None), 0)
        if r_id is not None:
            denied += denials.get((s_id, i_key, r_id), 0)
    return Fact(
        supplier=names.get(s_id, s_id),
        item_category=i_key,
        recipient=names.get(r_id, r_id) if r_id else None,
        polarity=cast(Polarity, pol),
        items=tuple(sorted(group.items)),
        claims=group.claims,
        documents=group.documents,
        stories=group.stories,
        asserters=tuple(sorted(group.asserters)),
        denials=denied,
        hedged_share=group.hedged / group.claims,
        end_uses=tuple(sorted(group.end_uses)),
        hs_codes=tuple(sorted(group.hs_codes)),
        chpl_tiers=tuple(sorted(group.chpl_tiers)),
        first_seen=group.first_seen,
        last_seen=group.last_seen,
        evidence=_pick_evidence(group.evidence),
    )
