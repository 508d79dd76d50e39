"""Screening: for each name a user brings, the graph parties and list entries it may be.

Graph matches come with the claims behind them (as supplier or recipient), each with its
evidence sentence and document, read from the store; list matches with the list and entry.
Graph entities are linked to list entries by the same matcher, so a graph match also says
whether the party is on a loaded list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from supplytrace.goods.gazetteer import gazetteer
from supplytrace.model import Entity
from supplytrace.resolve import resolve
from supplytrace.resolve.cluster import RESOLVED_KINDS
from supplytrace.resolve.index import NameIndex
from supplytrace.resolve.score import THRESHOLD, Match, with_countries
from supplytrace.store import Store
from supplytrace.store.resolution import ListEntry

_CLAIMS_PER_MATCH = 20


@dataclass(frozen=True)
class Party:
    """A cluster of graph entities: one real-world party."""

    id: str
    name: str
    kind: str
    members: tuple[Entity, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for e in self.members for n in (e.name, *e.aliases)))

    @property
    def countries(self) -> set[str]:
        return {c for e in self.members if e.country for c in _country_codes(e.country)}


def _country_codes(country: str) -> set[str]:
    """A country as written in the graph ("China") or a list ("cn"), as comparable keys."""
    gaz = gazetteer()
    name = gaz.country(country) or country
    found = {name.lower()}
    known = gaz.countries.get(name)
    if known is not None:
        found.add(known.iso2.lower())
    elif len(country) == 2:
        found.update(c.name.lower() for c in gaz.countries.values() if c.iso2.lower() == country)
    return found


class Screener:
    """Matches names against one store's graph and reference lists (loaded once)."""

    def __init__(self, store: Store, threshold: float = THRESHOLD) -> None:
        self.store = store
        self.threshold = threshold
        resolution = resolve(store)  # screening reads: it never rewrites the canonical ids
        by_id = {e.id: e for e in store.entities()}
        clusters = resolution.clusters()
        self.parties = []
        self.countries: dict[str, Party] = {}
        for root, ids in sorted(clusters.items()):
            members = tuple(by_id[i] for i in ids)
            party = Party(root, by_id[root].name, by_id[root].kind, members)
            if party.kind in RESOLVED_KINDS:
                self.parties.append(party)
            elif party.kind == "country":
                self.countries[party.name] = party
        self.graph = NameIndex([p.names for p in self.parties])
        self.entries: list[ListEntry] = list(store.resolution.entries())
        self.lists = NameIndex([e.names for e in self.entries])

    def screen(self, name: str, countries: Sequence[str] = ()) -> dict[str, Any]:
        asked = {c for country in countries for c in _country_codes(country)}
        graph: list[dict[str, Any]] = []
        country = gazetteer().country(name)
        if country and country in self.countries:
            party = self.countries[country]
            graph.append(self._graph_match(party, name, Match(1.0, {"country_alias": True})))
        for hit in self.graph.search(name, self.threshold):
            party = self.parties[hit.row]
            match = with_countries(hit.match, asked, party.countries)
            if match.score >= self.threshold:
                graph.append(self._graph_match(party, hit.name, match))
        return {"query": name, "graph": graph, "lists": self._list_matches(name, asked)}

    def _list_matches(self, name: str, countries: set[str]) -> list[dict[str, Any]]:
        found = []
        for hit in self.lists.search(name, self.threshold):
            entry = self.entries[hit.row]
            listed = {c for code in entry.countries for c in _country_codes(code)}
            match = with_countries(hit.match, countries, listed)
            if match.score >= self.threshold:
                found.append({**entry.to_dict(), "matched_name": hit.name, **match.to_dict()})
        return sorted(found, key=lambda m: -m["score"])

    def _graph_match(self, party: Party, matched: str, match: Match) -> dict[str, Any]:
        listed = []
        if party.kind != "country":
            listed = self._list_matches(party.name, party.countries)
        return {
            "entity": party.id,
            "name": party.name,
            "kind": party.kind,
            "members": [e.id for e in party.members],
            "matched_name": matched,
            **match.to_dict(),
            "claims": self._claims([e.id for e in party.members]),
            "on_lists": [f"{m['list']}:{m['id']}" for m in listed],
        }

    def _claims(self, ids: list[str]) -> list[dict[str, Any]]:
        marks = ", ".join("?" * len(ids))
        sql = (
            "SELECT c.supplier, c.item, c.item_category, c.recipient, c.polarity, c.hedged, "
            "c.asserted_by, c.evidence, c.document_id, d.source_path, d.published, "
            f"CASE WHEN c.supplier_entity IN ({marks}) THEN 'supplier' ELSE 'recipient' END "
            "FROM claims c JOIN documents d ON d.id = c.document_id "
            f"WHERE c.supplier_entity IN ({marks}) OR c.recipient_entity IN ({marks}) "
            "ORDER BY d.published, c.document_id, c.span_start LIMIT ?"
        )
        keys = (
            *("supplier", "item", "item_category", "recipient", "polarity", "hedged"),
            *("asserted_by", "evidence", "document", "source", "published", "role"),
        )
        rows = self.store.rows(sql, [*ids, *ids, *ids, _CLAIMS_PER_MATCH])
        return [{**dict(zip(keys, row, strict=True)), "hedged": bool(row[5])} for row in rows]


def flatten(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per match (for tables and CSV): graph matches, then list entries."""
    rows = []
    for m in result["graph"]:
        rows.append(
            {
                "query": result["query"],
                "source": "graph",
                "id": m["entity"],
                "name": m["name"],
                "matched_name": m["matched_name"],
                "score": m["score"],
                "features": _features(m["features"]),
                "claims": len(m["claims"]),
                "evidence": list(dict.fromkeys(c["evidence"] for c in m["claims"]))[:3],
                "on_lists": m["on_lists"],
            }
        )
    for m in result["lists"]:
        rows.append(
            {
                "query": result["query"],
                "source": f"list:{m['list']}",
                "id": m["id"],
                "name": m["caption"],
                "matched_name": m["matched_name"],
                "score": m["score"],
                "features": _features(m["features"]),
                "claims": 0,
                "evidence": [],
                "on_lists": [],
            }
        )
    return rows


def _features(features: dict[str, Any]) -> str:
    parts = []
    for key, value in features.items():
        if value is True:
            parts.append(key)
        elif isinstance(value, list):
            parts.append(f"{key}={'/'.join(map(str, value))}")
        else:
            parts.append(f"{key}={value}")
    return " ".join(parts)
