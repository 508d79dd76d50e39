"""Fact filters: what the analyst asks for, turned into SQL conditions on the claims table.

A filter names things as people write them (a supplier's name or part of it, "optics", an HS
heading, a CHPL tier, "cruise missiles", a date range); this module derives the conditions. The
SQL stays portable (LIKE on JSON text, no JSON functions) so that SQLite and PostgreSQL agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from supplytrace.data import load_yaml
from supplytrace.errors import SupplytraceError
from supplytrace.goods import key_prefix
from supplytrace.names.keys import fold
from supplytrace.store import Store
from supplytrace.store.summary import canonical_of, members_of

_ENTITY_MATCH = (
    "SELECT id FROM entities WHERE LOWER(name) LIKE ? ESCAPE '!' OR name_key LIKE ? ESCAPE '!' "
    "UNION SELECT entity_id FROM entity_aliases WHERE LOWER(alias) LIKE ? ESCAPE '!'"
)
# The parties (canonical ids) of the entities _ENTITY_MATCH finds, and every entity resolved
# into those parties: for names that match too many entities to list.
_PARTY_MATCH = (
    f"SELECT COALESCE(n.canonical_id, m.id) FROM ({_ENTITY_MATCH}) m "
    "LEFT JOIN canonical n ON n.entity_id = m.id"
)
_MEMBER_MATCH = (
    "SELECT e.id FROM entities e LEFT JOIN canonical n ON n.entity_id = e.id "
    f"WHERE COALESCE(n.canonical_id, e.id) IN ({_PARTY_MATCH})"
)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CHPL = re.compile(r"^[1-4](\.[A-Z])?$")
CHUNK = 500


def rows_in(store: Store, sql: str, ids: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    """The rows of ``sql`` for all of ``ids``, asked in chunks that SQLite's parameter limit
    allows; each ``{ids}`` in ``sql`` becomes the chunk's placeholders."""
    uses = sql.count("{ids}")
    for i in range(0, len(ids), CHUNK):
        chunk = list(ids[i : i + CHUNK])
        marks = ", ".join("?" * len(chunk))
        yield from store.rows(sql.replace("{ids}", marks), chunk * uses)


class QueryError(SupplytraceError, ValueError):
    """A query argument that cannot be understood."""


@dataclass(frozen=True)
class FactFilter:
    """Which facts to return. Every field is optional; set fields are ANDed.

    ``supplier``/``recipient`` match a name, alias or key (substrings too); ``supplier_id`` and
    ``recipient_id`` an entity id exactly. ``item`` matches a category id or label (with its
    sub-categories) or the goods as written; ``hs_code`` is a prefix of a code ("84", "8542");
    ``chpl_tier`` is "1".."4" or a sub-tier such as "3.B"; ``end_use`` matches the end use as
    written or an end-use category id or label. ``since``/``until`` bound the date a claim was
    stated (else its document's date), inclusive, as YYYY, YYYY-MM or YYYY-MM-DD; undated claims
    fall outside any date range. ``min_stories`` keeps facts backed by at least that many
    independent stories. ``min_confidence`` (0-1) drops the claims a learned extractor scored
    below it; claims made by the rules carry no score and are kept.
    """

    supplier: str | None = None
    item: str | None = None
    recipient: str | None = None
    polarity: str | None = None
    hs_code: str | None = None
    chpl_tier: str | None = None
    end_use: str | None = None
    since: str | None = None
    until: str | None = None
    min_stories: int | None = None
    supplier_id: str | None = None
    recipient_id: str | None = None
    min_confidence: float | None = None

    def check(self) -> FactFilter:
        """Raise ``QueryError`` naming the bad argument and the fix; returns self."""
        if self.polarity not in (None, "asserted", "denied"):
            raise QueryError(f"polarity {self.polarity!r} is unknown; use 'asserted' or 'denied'")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not _DATE.match(value):
                raise QueryError(f"{name} {value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
        if self.chpl_tier is not None and not _CHPL.match(self.chpl_tier.strip().upper()):
            raise QueryError(f"CHPL tier {self.chpl_tier!r} is unknown; use 1-4 or e.g. '3.B'")
        if self.hs_code is not None and not re.sub(r"[.\s]", "", self.hs_code).isdigit():
            raise QueryError(f"HS code {self.hs_code!r} is not digits; use e.g. '8542' or '84'")
        if self.min_confidence is not None and not 0 <= self.min_confidence <= 1:
            raise QueryError(f"min_confidence {self.min_confidence} is outside 0-1")
        if self.min_stories is not None and self.min_stories < 0:
            raise QueryError(f"min_stories {self.min_stories} is negative; use 0 or more")
        return self

    def but(self, **changes: Any) -> FactFilter:
        return replace(self, **changes)


@dataclass
class Where:
    """SQL conditions on the claims alias ``c`` (and documents ``d``), parameters in order."""

    conditions: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, condition: str, *params: Any) -> None:
        self.conditions.append(condition)
        self.params.extend(params)

    def copy(self) -> Where:
        return Where(list(self.conditions), list(self.params))

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.conditions) if self.conditions else ""


def like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its wildcards escaped with '!'."""
    escaped = text.replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return f"%{escaped}%"


def entity_ids_like(store: Store, needle: str) -> list[str]:
    """Ids of entities whose name, alias or key contains ``needle``."""
    lowered = like(needle.lower())
    return [str(i) for (i,) in store.rows(_ENTITY_MATCH, (lowered, like(fold(needle)), lowered))]


def category_ids(item: str) -> set[str] | None:
    """The categories ``item`` names (see ``matching_categories``) when it is a category id,
    else None. A category id names facts by their category only: goods as written are not
    searched for it, so the query runs on the item key index (or the fact summary)."""
    known = {cid for cid, _, _ in _taxonomy()}
    return matching_categories(item) if item.strip().lower() in known else None


def summary_conditions(store: Store, flt: FactFilter) -> Where | None:
    """Conditions on ``fact_summary f`` when ``flt`` filters on whole facts only; None when it
    filters on what single claims say (the facts must then be aggregated from those claims)."""
    by_claim = (
        flt.hs_code,
        flt.chpl_tier,
        flt.end_use,
        flt.since,
        flt.until,
        flt.min_confidence is not None,
    )
    categories = category_ids(flt.item) if flt.item else None
    if any(by_claim) or (flt.item and categories is None):
        return None
    where = Where()
    for column, entity_id, needle in (
        ("f.supplier_id", flt.supplier_id, flt.supplier),
        ("f.recipient_id", flt.recipient_id, flt.recipient),
    ):
        if entity_id:
            where.add(f"{column} = ?", canonical_of(store, [entity_id])[entity_id])
        if needle:
            ids = entity_ids_like(store, needle)
            if len(ids) <= CHUNK:
                parties = sorted(set(canonical_of(store, ids).values()))
                where.add(f"{column} IN ({', '.join('?' * len(parties)) or 'NULL'})", *parties)
            else:
                lowered = like(needle.lower())
                where.add(f"{column} IN ({_PARTY_MATCH})", lowered, like(fold(needle)), lowered)
    if categories:
        _category_filter(where, categories)
    if flt.polarity:
        where.add("f.polarity = ?", flt.polarity)
    if flt.min_stories:
        where.add("f.stories >= ?", flt.min_stories)
    return where


def _category_filter(where: Where, categories: set[str]) -> None:
    """Facts of these categories, with or without end uses (``technology_transfer[drones_general]``)."""
    ordered = sorted(categories)
    qualified = " OR ".join(["f.item_key LIKE ? ESCAPE '!'"] * len(ordered))
    patterns = [like(key_prefix(c))[1:] for c in ordered]  # "category[..." (no leading %)
    where.add(
        f"(f.item_key IN ({', '.join('?' * len(ordered))}) OR {qualified})", *ordered, *patterns
    )


def claim_conditions(store: Store, flt: FactFilter) -> tuple[Where, Where]:
    """(base, where): ``base`` holds what a denial must share with the facts it counts against
    (supplier and goods); ``where`` adds recipient, polarity, end use and dates. Entities are
    matched as parties: a condition on an entity holds for every entity resolved with it."""
    base = Where()
    if flt.supplier_id:
        _party_filter(store, base, "c.supplier_entity", [flt.supplier_id])
    if flt.supplier:
        _entity_filter(store, base, "c.supplier_entity", flt.supplier)
    if flt.item:
        _item_filter(store, base, flt.item)
    if flt.hs_code:
        code = re.sub(r"\s", "", flt.hs_code)
        base.add("c.hs_codes LIKE ? ESCAPE '!'", like(f'"{code}'))
    if flt.chpl_tier:
        tier = flt.chpl_tier.strip().upper()
        if "." in tier:
            base.add("c.chpl_tiers LIKE ?", f'%"{tier}"%')
        else:
            base.add("(c.chpl_tiers LIKE ? OR c.chpl_tiers LIKE ?)", f'%"{tier}"%', f'%"{tier}.%')
    if flt.min_confidence is not None:
        # a denial scored below the bar counts against no fact either
        base.add("(c.confidence IS NULL OR c.confidence >= ?)", flt.min_confidence)
    where = base.copy()
    if flt.recipient_id:
        _party_filter(store, where, "c.recipient_entity", [flt.recipient_id])
    if flt.recipient:
        _entity_filter(store, where, "c.recipient_entity", flt.recipient)
    if flt.polarity:
        where.add("c.polarity = ?", flt.polarity)
    if flt.end_use:
        _end_use_filter(where, flt.end_use)
    stated = "COALESCE(c.stated_on, d.published)"
    if flt.since:
        where.add(f"{stated} >= ?", flt.since)
    if flt.until:
        # "2024-04" includes every day of April: compare against the end of the period
        where.add(f"{stated} <= ?", flt.until + "-99" * (2 - flt.until.count("-")))
    return base, where


def _party_filter(store: Store, where: Where, column: str, ids: list[str]) -> None:
    members = members_of(store, canonical_of(store, ids).values())
    where.add(f"{column} IN ({', '.join('?' * len(members)) or 'NULL'})", *members)


def _entity_filter(store: Store, where: Where, column: str, needle: str) -> None:
    # Resolving names to ids first keeps the claims query on an index of plain equality.
    ids = entity_ids_like(store, needle)
    if len(ids) <= CHUNK:
        _party_filter(store, where, column, ids)
    else:
        lowered = like(needle.lower())
        where.add(f"{column} IN ({_MEMBER_MATCH})", lowered, like(fold(needle)), lowered)


def _item_filter(store: Store, where: Where, needle: str) -> None:
    categories = category_ids(needle)
    if categories is not None:  # a category id: its facts exactly, on the item key index
        where.add(f"c.item_category IN ({', '.join('?' * len(categories))})", *sorted(categories))
        return
    condition = "(c.item_key LIKE ? ESCAPE '!' OR LOWER(c.item) LIKE ? ESCAPE '!'"
    params: list[Any] = [like(fold(needle)), like(needle.lower())]
    categories = matching_categories(needle)
    if categories:
        condition += f" OR c.item_category IN ({', '.join('?' * len(categories))})"
        params.extend(sorted(categories))
    condition += ")"
    # Substring matches cannot use an index; finding the few item keys they touch in one scan
    # lets the queries that follow use claims_item_key instead of scanning again.
    keys = [
        k
        for (k,) in store.rows(
            f"SELECT DISTINCT c.item_key FROM claims c WHERE {condition}", params
        )
    ]
    if len(keys) <= CHUNK:
        condition = f"c.item_key IN ({', '.join('?' * len(keys)) or 'NULL'}) AND {condition}"
        params = [*keys, *params]
    where.add(condition, *params)


def _end_use_filter(where: Where, needle: str) -> None:
    condition = "(LOWER(c.end_uses) LIKE ? ESCAPE '!'"
    params: list[Any] = [like(needle.lower())]
    for category in sorted(matching_end_uses(needle)):
        condition += " OR c.end_use_categories LIKE ?"
        params.append(f'%"{category}"%')
    where.add(condition + ")", *params)


@lru_cache(maxsize=1)
def _taxonomy() -> tuple[tuple[str, str, str | None], ...]:
    """(id, label, parent) of every goods category."""
    data = load_yaml("goods_taxonomy.yaml")
    return tuple((c["id"], c.get("label", ""), c.get("parent")) for c in data["categories"])


@lru_cache(maxsize=1)
def _end_uses() -> tuple[tuple[str, str, str | None, tuple[str, ...]], ...]:
    """(id, label, parent, synonyms) of every end-use category."""
    data = load_yaml("end_uses.yaml")
    return tuple(
        (e["id"], e.get("label", ""), e.get("parent"), tuple(e.get("synonyms", ())))
        for e in data["end_uses"]
    )


def _with_children(found: set[str], parents: dict[str, str | None]) -> set[str]:
    grew = bool(found)
    while grew:
        children = {cid for cid, parent in parents.items() if parent in found} - found
        found |= children
        grew = bool(children)
    return found


def matching_categories(needle: str) -> set[str]:
    """Category ids whose id or label contains ``needle``, with all their sub-categories."""
    lowered = needle.strip().lower()
    found = {cid for cid, label, _ in _taxonomy() if lowered in cid or lowered in label.lower()}
    return _with_children(found, {cid: parent for cid, _, parent in _taxonomy()})


def matching_end_uses(needle: str) -> set[str]:
    """End-use category ids whose id, label or a synonym contains ``needle``, with children."""
    lowered = needle.strip().lower()
    found = {
        eid
        for eid, label, _, synonyms in _end_uses()
        if lowered in eid or lowered in label.lower() or any(lowered in s for s in synonyms)
    }
    return _with_children(found, {eid: parent for eid, _, parent, _ in _end_uses()})
