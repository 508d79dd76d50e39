"""The network the facts describe: entities as nodes, facts as directed edges.

Exports and reports draw the same network, so its rules live here: one node per entity that
supplies or receives in a matching fact, sized by the independent stories that name it in a
claim; one edge per fact. A fact whose recipient is not stated points at the single node
``UNSTATED``, so that every fact is an edge and the edge count equals the fact count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from supplytrace.query.facts import KeyedFact, keyed_facts
from supplytrace.query.filters import FactFilter, rows_in
from supplytrace.store import Store
from supplytrace.store.summary import members_of

UNSTATED = "unstated"


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    kind: str
    country: str | None
    stories: int  # independent stories with a claim naming it as supplier or recipient
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Network:
    nodes: tuple[Node, ...]
    facts: tuple[KeyedFact, ...]

    def target(self, fact: KeyedFact) -> str:
        return fact.recipient_id or UNSTATED


def network(store: Store, flt: FactFilter | None = None, *, limit: int | None = None) -> Network:
    """The nodes and edges of the facts matching ``flt`` (all facts by default)."""
    return network_of(store, keyed_facts(store, flt or FactFilter(), limit=limit))


def network_of(store: Store, found: Sequence[KeyedFact]) -> Network:
    """The network of the facts given (e.g. an entity's facts as supplier and recipient)."""
    ids = sorted({k.supplier_id for k in found} | {k.recipient_id for k in found if k.recipient_id})
    stories = _stories(store, ids)
    aliases = _aliases(store, ids)
    sql = "SELECT id, name, kind, country FROM entities WHERE id IN ({ids}) ORDER BY id"
    nodes = [
        Node(str(e), str(n), str(k), c, stories.get(str(e), 0), aliases.get(str(e), ()))
        for e, n, k, c in rows_in(store, sql, ids)
    ]
    if any(k.recipient_id is None for k in found):
        nodes.append(Node(UNSTATED, "(recipient not stated)", "other", None, 0))
    return Network(tuple(nodes), tuple(found))


def _stories(store: Store, ids: list[str]) -> dict[str, int]:
    """Independent stories naming each party (``ids`` are canonical) in a claim."""
    parties = {m: p for p in ids for m in members_of(store, [p])} if ids else {}
    members = sorted(parties)
    seen: set[tuple[str, str]] = set()
    story = "COALESCE(s.story_id, c.document_id)"
    sql = (
        f"SELECT c.supplier_entity, {story} FROM claims c "
        "LEFT JOIN stories s ON s.document_id = c.document_id "
        "WHERE c.supplier_entity IN ({ids}) UNION "
        f"SELECT c.recipient_entity, {story} FROM claims c "
        "LEFT JOIN stories s ON s.document_id = c.document_id "
        "WHERE c.recipient_entity IN ({ids})"
    )
    seen.update((parties[str(e)], str(s)) for e, s in rows_in(store, sql, members))
    counts: dict[str, int] = {}
    for party, _ in seen:
        counts[party] = counts.get(party, 0) + 1
    return counts


def _aliases(store: Store, ids: list[str]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    sql = (
        "SELECT entity_id, alias FROM entity_aliases "
        "WHERE entity_id IN ({ids}) ORDER BY entity_id, alias"
    )
    for entity_id, alias in rows_in(store, sql, ids):
        found.setdefault(str(entity_id), []).append(str(alias))
    return {k: tuple(v) for k, v in found.items()}
