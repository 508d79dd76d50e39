"""Paths over facts: how goods get from a supplier to a recipient or a military end use.

The graph's edges are asserted facts (supplier -> recipient). A path starts at the entities
``source`` names and ends at the first fact that reaches the target: a recipient the target
names, or a fact whose end uses or goods the target names ("cruise missiles", "drones"). Denied
facts are not edges: a denial is not a route. Paths are found breadth-first, so the shortest
come first, and never visit an entity twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from supplytrace.goods import goods_label
from supplytrace.model import Fact
from supplytrace.query.dossier import find_entity
from supplytrace.query.facts import Key, keyed_facts
from supplytrace.query.filters import (
    FactFilter,
    QueryError,
    claim_conditions,
    entity_ids_like,
    rows_in,
)
from supplytrace.store import Store
from supplytrace.store.summary import FROM, KEY_COLUMNS, canonical_of

Reach = Literal["recipient", "end use", "goods"]


@dataclass(frozen=True)
class Path:
    """Facts in order, each hop's recipient the next hop's supplier."""

    hops: tuple[Fact, ...]
    reaches: Reach

    @property
    def stories(self) -> int:
        """The weakest link: the fewest independent stories behind any hop."""
        return min(f.stories for f in self.hops)

    def describe(self) -> str:
        text = self.hops[0].supplier
        for hop in self.hops:
            text += f" -[{goods_label(hop.item_key)}]-> {hop.recipient or '(recipient not stated)'}"
        last = self.hops[-1]
        if self.reaches == "end use" and last.end_uses:
            text += f" (for {', '.join(last.end_uses)})"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.describe(),
            "hops": len(self.hops),
            "reaches": self.reaches,
            "stories": self.stories,
            "facts": [f.to_dict() for f in self.hops],
        }


def _parties(store: Store, ids: list[str]) -> list[str]:
    """Paths run between parties: entities resolved together are one node."""
    return sorted(set(canonical_of(store, ids).values()))


def _sources(store: Store, name: str) -> list[str]:
    try:
        return _parties(store, [find_entity(store, name).id])
    except QueryError:
        return _parties(store, entity_ids_like(store, name))


def _keys(store: Store, flt: FactFilter) -> set[Key]:
    _, where = claim_conditions(store, flt)
    sql = f"SELECT DISTINCT {KEY_COLUMNS} {FROM}{where.sql()}"
    return {(str(s), str(i), r and str(r), str(p)) for s, i, r, p in store.rows(sql, where.params)}


def _edges(store: Store, suppliers: list[str]) -> list[Key]:
    sql = (
        "SELECT DISTINCT supplier_id, item_key, recipient_id FROM fact_summary "
        "WHERE polarity = 'asserted' AND supplier_id IN ({ids})"
    )
    found: list[Key] = [
        (str(s), str(k), r and str(r), "asserted") for s, k, r in rows_in(store, sql, suppliers)
    ]
    return sorted(found, key=lambda k: (k[0], k[1], k[2] or ""))


def paths(
    store: Store, source: str, target: str, *, max_hops: int = 3, limit: int = 50
) -> list[Path]:
    """Paths from the entities ``source`` names to ``target`` (see the module docstring)."""
    if max_hops < 1:
        raise QueryError(f"max_hops {max_hops} is less than 1; use 1 or more")
    starts = _sources(store, source)
    if not starts:
        raise QueryError(f"no entity is named {source!r}; try part of the name")
    recipients = set(_parties(store, entity_ids_like(store, target)))
    by_end_use = _keys(store, FactFilter(end_use=target, polarity="asserted"))
    by_goods = _keys(store, FactFilter(item=target, polarity="asserted"))
    if not (recipients or by_end_use or by_goods):
        raise QueryError(
            f"{target!r} names no entity, end use or goods in the store; try part of a name"
        )
    found: list[tuple[tuple[Key, ...], Reach]] = []
    frontier: list[tuple[str, tuple[Key, ...]]] = [(s, ()) for s in starts]
    for _ in range(max_hops):
        next_frontier: list[tuple[str, tuple[Key, ...]]] = []
        edges: dict[str, list[Key]] = {}
        for key in _edges(store, sorted({node for node, _ in frontier})):
            edges.setdefault(key[0], []).append(key)
        for node, route in frontier:
            visited = {node, *(k[0] for k in route)}
            for key in edges.get(node, []):
                hop = (*route, key)
                reach = _reach(key, recipients, by_end_use, by_goods)
                if reach:
                    found.append((hop, reach))
                elif key[2] is not None and key[2] not in visited:
                    next_frontier.append((key[2], hop))
        if len(found) >= limit or not next_frontier:
            break
        frontier = next_frontier
    return _materialise(store, found[:limit])


def _reach(
    key: Key, recipients: set[str], by_end_use: set[Key], by_goods: set[Key]
) -> Reach | None:
    if key[2] in recipients:
        return "recipient"
    if key in by_end_use:
        return "end use"
    if key in by_goods:
        return "goods"
    return None


def _materialise(store: Store, found: list[tuple[tuple[Key, ...], Reach]]) -> list[Path]:
    facts: dict[Key, Fact] = {}
    for supplier in sorted({k[0] for route, _ in found for k in route}):
        for kf in keyed_facts(store, FactFilter(supplier_id=supplier, polarity="asserted")):
            facts[kf.key] = kf.fact
    result = [Path(tuple(facts[k] for k in route), reach) for route, reach in found]
    return sorted(result, key=lambda p: (len(p.hops), -p.stories, p.describe()))
