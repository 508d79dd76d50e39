"""Facts: claims aggregated on (supplier, item, recipient, polarity), by canonical entity ids.

A query that filters on what a fact is (its supplier, category, recipient, polarity, number of
stories) reads the ``fact_summary`` table, one row per fact, ordered and paged in SQL. A query
that filters on what single claims say (HS code, CHPL tier, end use, dates, goods as written)
aggregates the matching claims with the same code that fills the summary (``store.summary``),
so both routes give the same facts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, cast

from supplytrace.goods import category_of_key
from supplytrace.model import Fact, Polarity
from supplytrace.query.filters import (
    CHUNK,
    FactFilter,
    QueryError,
    Where,
    claim_conditions,
    rows_in,
    summary_conditions,
)
from supplytrace.store import Store
from supplytrace.store.summary import (
    RECIPIENT,
    SUMMARY_COLUMNS,
    SUPPLIER,
    Group,
    Key,
    add_details,
    add_evidence,
    aggregate,
    members_of,
)

__all__ = ["Key", "KeyedFact", "facts", "keyed_facts"]


@dataclass(frozen=True)
class KeyedFact:
    """A fact with the ids it aggregates on, for readers that link facts to entities."""

    supplier_id: str
    recipient_id: str | None
    fact: Fact

    @property
    def key(self) -> Key:
        f = self.fact
        return (self.supplier_id, f.item_key, self.recipient_id, f.polarity)


def facts(
    store: Store,
    supplier: str | None = None,
    item: str | None = None,
    recipient: str | None = None,
    polarity: str | None = None,
    *,
    limit: int | None = None,
    **filters: Any,
) -> list[Fact]:
    """The facts in ``store``, filtered, most independently sourced first.

    ``supplier`` and ``recipient`` match an entity's name, alias or key case-insensitively
    (substrings too); ``item`` that is a category id matches that category and its
    sub-categories exactly, any other ``item`` a category label or the goods as written; ``polarity`` is "asserted" or "denied". Further keyword filters are
    the fields of ``FactFilter`` (``hs_code``, ``chpl_tier``, ``end_use``, ``since``, ``until``,
    ``min_stories``). ``limit`` keeps the first facts only, and then reads the evidence of those
    facts only (a page of a large store).
    """
    try:
        flt = FactFilter(supplier, item, recipient, polarity, **filters)
    except TypeError as exc:
        raise QueryError(f"{exc}; the filters are the fields of FactFilter") from exc
    return [k.fact for k in keyed_facts(store, flt, limit=limit)]


def keyed_facts(store: Store, flt: FactFilter, *, limit: int | None = None) -> list[KeyedFact]:
    """The facts matching ``flt`` with their entity ids, ordered as ``facts`` orders them."""
    flt.check()
    if limit is not None and limit < 0:
        raise QueryError(f"limit {limit} is negative; use 0 or more, or None for all facts")
    where = summary_conditions(store, flt)
    if where is not None:
        return _from_summary(store, where, limit)
    return _from_claims(store, flt, limit)


def _from_summary(store: Store, where: Where, limit: int | None) -> list[KeyedFact]:
    sql = (
        f"SELECT {SUMMARY_COLUMNS} FROM fact_summary f{where.sql()} ORDER BY f.stories DESC, "
        "f.documents DESC, f.supplier_sort, f.item_key, f.recipient_sort, f.polarity, "
        "f.supplier_id, COALESCE(f.recipient_id, '')"
    )
    params = list(where.params)
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    rows = list(store.rows(sql, params))
    names = _entity_names(store, {r[0] for r in rows} | {r[2] for r in rows if r[2]})
    suppliers = sorted({r[0] for r in rows if r[3] == "asserted"})
    denied = (
        "SELECT supplier_id, item_key, recipient_id, claims FROM fact_summary "
        "WHERE polarity = 'denied' AND supplier_id IN ({ids})"
    )
    denials = {(s, i_key, r): int(n) for s, i_key, r, n in rows_in(store, denied, suppliers)}
    return [_fact_from_row(row, names, denials) for row in rows]


def _fact_from_row(
    row: tuple[Any, ...], names: dict[str, str], denials: dict[tuple[str, str, str | None], int]
) -> KeyedFact:
    """A fact straight from its summary row (``SUMMARY_COLUMNS``): its lists are stored sorted,
    so this equals ``_fact`` on the group the row was made from, without rebuilding the group
    (a dossier of a hub entity reads thousands of facts)."""
    s_id, i_key, r_id, pol, n, docs, stories, hedged, first, last, details, conf = row
    items, asserters, end_uses, hs_codes, chpl_tiers, evidence = json.loads(details)
    fact = Fact(
        supplier=names.get(s_id, s_id),
        item_category=category_of_key(i_key),
        item_key=i_key,
        recipient=names.get(r_id, r_id) if r_id else None,
        polarity=pol,
        items=tuple(items),
        claims=n,
        documents=docs,
        stories=stories,
        asserters=tuple(asserters),
        denials=_denied((s_id, i_key, r_id, pol), denials),
        hedged_share=hedged / n,
        end_uses=tuple(end_uses),
        hs_codes=tuple(hs_codes),
        chpl_tiers=tuple(chpl_tiers),
        first_seen=first,
        last_seen=last,
        evidence=tuple(evidence),
        confidence=conf,
    )
    return KeyedFact(s_id, r_id, fact)


def _from_claims(store: Store, flt: FactFilter, limit: int | None) -> list[KeyedFact]:
    base, where = claim_conditions(store, flt)
    conditions = " AND ".join(where.conditions)
    groups = aggregate(store, conditions, where.params)
    if flt.min_stories:
        groups = {k: g for k, g in groups.items() if g.stories >= flt.min_stories}
    names = _entity_names(store, {k[0] for k in groups} | {k[2] for k in groups if k[2]})
    ordered = sorted(groups, key=lambda key: _order(key, groups[key], names))
    if limit is not None and limit < len(ordered):
        ordered = ordered[:limit]
        groups = {key: groups[key] for key in ordered}
        suppliers = members_of(store, {key[0] for key in ordered})
        if suppliers and len(suppliers) <= CHUNK:
            where = where.copy()
            where.add(f"c.supplier_entity IN ({', '.join('?' * len(suppliers))})", *suppliers)
    if not groups:
        return []
    conditions = " AND ".join(where.conditions)
    add_details(store, conditions, where.params, groups)
    add_evidence(store, conditions, where.params, groups)
    denials = _denials(store, base) if any(k[3] == "asserted" for k in groups) else {}
    return [KeyedFact(key[0], key[2], _fact(key, groups[key], names, denials)) for key in ordered]


def _order(key: Key, group: Group, names: dict[str, str]) -> tuple[Any, ...]:
    """Most stories, then documents, then names; ids last, since two entities can share a name.
    (``fact_summary`` orders its rows the same way, with the casefolded names stored.)"""
    s_id, i_key, r_id, pol = key
    supplier = names.get(s_id, s_id).casefold()
    recipient = names.get(r_id, r_id).casefold() if r_id else ""
    return (-group.stories, -group.documents, supplier, i_key, recipient, pol, s_id, r_id or "")


def _denials(store: Store, base: Where) -> dict[tuple[str, str, str | None], int]:
    """Denied claims by (supplier, item, recipient): no recipient filter, since a denial with
    no recipient counts against every recipient of that supplier and item."""
    where = base.copy()
    where.add("c.polarity = ?", "denied")
    sql = (
        f"SELECT {SUPPLIER}, c.item_key, {RECIPIENT}, COUNT(*) FROM claims c "
        "LEFT JOIN canonical cs ON cs.entity_id = c.supplier_entity "
        f"LEFT JOIN canonical cr ON cr.entity_id = c.recipient_entity{where.sql()} "
        f"GROUP BY {SUPPLIER}, c.item_key, {RECIPIENT}"
    )
    return {(s, i, r): int(n) for s, i, r, n in store.rows(sql, where.params)}


def _entity_names(store: Store, ids: set[str]) -> dict[str, str]:
    sql = "SELECT id, name FROM entities WHERE id IN ({ids})"
    return {str(eid): str(name) for eid, name in rows_in(store, sql, sorted(ids))}


def _denied(key: Key, denials: dict[tuple[str, str, str | None], int]) -> int:
    """Denials against an asserted fact: those naming its recipient and those naming none,
    of its goods key and, for a key with end uses, of its plain category ("we never sold
    technology" answers "drone technology" too)."""
    s_id, i_key, r_id, pol = key
    if pol != "asserted":
        return 0
    keys = {i_key, category_of_key(i_key)}
    recipients = [None] if r_id is None else [None, r_id]
    return sum(denials.get((s_id, k, r), 0) for k in keys for r in recipients)


def _fact(
    key: Key,
    group: Group,
    names: dict[str, str],
    denials: dict[tuple[str, str, str | None], int],
) -> Fact:
    s_id, i_key, r_id, pol = key
    return Fact(
        supplier=names.get(s_id, s_id),
        item_category=category_of_key(i_key),
        item_key=i_key,
        recipient=names.get(r_id, r_id) if r_id else None,
        polarity=cast(Polarity, pol),
        items=tuple(sorted(group.items)),
        claims=group.claims,
        documents=group.documents,
        stories=group.stories,
        asserters=tuple(sorted(group.asserters)),
        denials=_denied(key, denials),
        hedged_share=group.hedged / group.claims,
        end_uses=tuple(sorted(group.end_uses)),
        hs_codes=tuple(sorted(group.hs_codes)),
        chpl_tiers=tuple(sorted(group.chpl_tiers)),
        first_seen=group.first_seen,
        last_seen=group.last_seen,
        evidence=group.evidence(),
        confidence=group.confidence,
    )
