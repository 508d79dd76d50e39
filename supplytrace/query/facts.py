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
from typing import Any, cast

from supplytrace.model import Fact, Polarity
from supplytrace.query.filters import CHUNK, FactFilter, QueryError, Where, claim_conditions
from supplytrace.store import Store

# (supplier entity id, item key, recipient entity id or None, polarity)
Key = tuple[str, str, str | None, str]

_KEY_COLUMNS = "c.supplier_entity, c.item_key, c.recipient_entity, c.polarity"
_STORY = "COALESCE(s.story_id, c.document_id)"  # a document with no story is its own story
_FROM = (
    "FROM claims c JOIN documents d ON d.id = c.document_id "
    "LEFT JOIN stories s ON s.document_id = c.document_id"
)
_EVIDENCE_PER_FACT = 3


@dataclass(frozen=True)
class KeyedFact:
    """A fact with the ids it aggregates on, for readers that link facts to entities."""

    supplier_id: str
    recipient_id: str | None
    fact: Fact

    @property
    def key(self) -> Key:
        f = self.fact
        return (self.supplier_id, f.item_category, self.recipient_id, f.polarity)


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
    (substrings too); ``item`` matches a category id or label (with its sub-categories) or the
    item text as written; ``polarity`` is "asserted" or "denied". Further keyword filters are
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
    base, where = claim_conditions(store, flt)
    groups = _aggregate(store, where)
    if flt.min_stories:
        groups = {k: g for k, g in groups.items() if g.stories >= flt.min_stories}
    names = _entity_names(store, {k[0] for k in groups} | {k[2] for k in groups if k[2]})
    ordered = sorted(groups, key=lambda key: _order(key, groups[key], names))
    if limit is not None and limit < len(ordered):
        ordered = ordered[:limit]
        groups = {key: groups[key] for key in ordered}
        suppliers = sorted({key[0] for key in ordered})
        if suppliers and len(suppliers) <= CHUNK:
            where = where.copy()
            where.add(f"c.supplier_entity IN ({', '.join('?' * len(suppliers))})", *suppliers)
    if not groups:
        return []
    _add_details(store, where, groups)
    _add_evidence(store, where, groups)
    denials = _denials(store, base) if any(k[3] == "asserted" for k in groups) else {}
    return [KeyedFact(key[0], key[2], _fact(key, groups[key], names, denials)) for key in ordered]


def _order(key: Key, group: _Group, names: dict[str, str]) -> tuple[Any, ...]:
    """Most stories, then documents, then names; ids last, since two entities can share a name."""
    s_id, i_key, r_id, pol = key
    supplier = names.get(s_id, s_id).casefold()
    recipient = names.get(r_id, r_id).casefold() if r_id else ""
    return (-group.stories, -group.documents, supplier, i_key, recipient, pol, s_id, r_id or "")


def _aggregate(store: Store, where: Where) -> dict[Key, _Group]:
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


def _add_details(store: Store, where: Where, groups: dict[Key, _Group]) -> None:
    sql = (
        f"SELECT DISTINCT {_KEY_COLUMNS}, c.item, c.asserted_by, c.end_uses, c.hs_codes, "
        f"c.chpl_tiers {_FROM}{where.sql()}"
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


def _add_evidence(store: Store, where: Where, groups: dict[Key, _Group]) -> None:
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


def _denials(store: Store, base: Where) -> dict[tuple[str, str, str | None], int]:
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
    for i in range(0, len(ordered), CHUNK):
        chunk = ordered[i : i + CHUNK]
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
