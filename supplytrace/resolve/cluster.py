"""Clustering entities into real-world parties: scored pairs plus judgements.

Edges are taken strongest first: a user's "same" judgement, then scored pairs at or above the
threshold. Two clusters are joined unless a "not same" judgement links a member of one to a
member of the other, so a split stays split however strong the name evidence, and unless two
of their members' names conflict (a different place, descriptor, distinctive word or country):
"Tongsheng Technology" may be the Wuhan firm or the Shanghai one, but it cannot join the two. The canonical id
of a cluster is its smallest entity id: deterministic, and one of the ids the data uses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from supplytrace.model import Entity
from supplytrace.resolve.index import NameIndex
from supplytrace.resolve.score import THRESHOLD, compare_names
from supplytrace.store.resolution import Judgement, pair

# Countries are canonical when extracted; only named parties are resolved by name.
RESOLVED_KINDS = ("org", "person", "other")


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    score: float
    reason: str  # "judgement" or the features that made the score


@dataclass
class Resolution:
    canonical: dict[str, str] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    blocked: list[Edge] = field(default_factory=list)

    def clusters(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for entity_id, root in sorted(self.canonical.items()):
            found.setdefault(root, []).append(entity_id)
        return found


def candidate_edges(entities: Sequence[Entity], threshold: float = THRESHOLD) -> list[Edge]:
    """Pairs of same-kind entities whose names score at least ``threshold``."""
    named = [e for e in entities if e.kind in RESOLVED_KINDS]
    index = NameIndex([(e.name, *e.aliases) for e in named])
    edges: dict[tuple[str, str], Edge] = {}
    for row, entity in enumerate(named):
        for name in dict.fromkeys((entity.name, *entity.aliases)):
            for hit in index.search(name, threshold, limit=50):
                other = named[hit.row]
                if hit.row == row or other.kind != entity.kind:
                    continue
                key = pair(entity.id, other.id)
                if key not in edges or hit.match.score > edges[key].score:
                    reason = ",".join(sorted(hit.match.features))
                    edges[key] = Edge(*key, hit.match.score, reason)
    return sorted(edges.values(), key=lambda e: (-e.score, e.a, e.b))


_CONFLICTS = ("place_differ", "descriptor_differ", "distinctive_differ", "country_differ")


def name_conflicts(entities: Sequence[Entity]) -> Callable[[str, str], bool]:
    """A test of whether two entities' names clearly differ (below threshold on a conflict)."""
    by_id = {e.id: e for e in entities}

    @lru_cache(maxsize=1 << 16)
    def conflict(a: str, b: str) -> bool:
        ea, eb = by_id[a], by_id[b]
        ca, cb = [ea.country] if ea.country else [], [eb.country] if eb.country else []
        match = compare_names(ea.name, eb.name, ca, cb)
        return match.score < THRESHOLD and any(f in match.features for f in _CONFLICTS)

    return conflict


def cluster(
    entity_ids: Iterable[str],
    edges: Sequence[Edge],
    judgements: dict[tuple[str, str], Judgement],
    conflict: Callable[[str, str], bool] | None = None,
) -> Resolution:
    """Union the entities along edges and "same" judgements, never across a "not same", nor
    (for scored edges) across members whose names ``conflict``."""
    members: dict[str, set[str]] = {eid: {eid} for eid in entity_ids}
    root = {eid: eid for eid in members}
    apart: dict[str, set[str]] = {}
    for (a, b), judgement in judgements.items():
        if judgement == "not_same":
            apart.setdefault(a, set()).add(b)
            apart.setdefault(b, set()).add(a)
    same = [Edge(a, b, 1.0, "judgement") for (a, b), j in judgements.items() if j == "same"]
    result = Resolution()
    for edge in [*same, *edges]:
        if edge.a not in root or edge.b not in root:
            continue
        ra, rb = root[edge.a], root[edge.b]
        if ra == rb:
            continue
        if any(apart.get(m, set()) & members[rb] for m in members[ra]) or (
            conflict is not None
            and edge.reason != "judgement"
            and any(conflict(*pair(x, y)) for x in members[ra] for y in members[rb])
        ):
            result.blocked.append(edge)
            continue
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        for m in members[rb]:
            root[m] = ra
        members[ra] |= members.pop(rb)
        result.edges.append(edge)
    for group in members.values():
        canonical = min(group)
        result.canonical.update((m, canonical) for m in group)
    return result
