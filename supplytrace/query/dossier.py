"""The entity dossier: everything the store knows about one party, as supplier and recipient."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from supplytrace.model import Entity, Fact
from supplytrace.names.keys import fold
from supplytrace.query.facts import keyed_facts
from supplytrace.query.filters import FactFilter, QueryError, entity_ids_like, rows_in
from supplytrace.store import Store
from supplytrace.store.summary import canonical_of, members_of

_SHOWN = 200  # documents and timeline entries kept; the totals say how many there are


@dataclass(frozen=True)
class DocumentRef:
    """A document that names the entity or carries a claim about it."""

    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    source_path: str | None
    story_id: str
    claims: int


@dataclass(frozen=True)
class Event:
    """One claim in the entity's timeline."""

    date: str | None
    document_id: str
    supplier: str
    item: str
    recipient: str | None
    polarity: str
    hedged: bool
    asserted_by: str


@dataclass(frozen=True)
class Dossier:
    entity: Entity
    as_supplier: tuple[Fact, ...]
    as_recipient: tuple[Fact, ...]
    documents: tuple[DocumentRef, ...]
    document_total: int
    stories: dict[str, tuple[str, ...]]  # story id -> its documents that concern the entity
    timeline: tuple[Event, ...]
    timeline_total: int

    @property
    def denials(self) -> tuple[Fact, ...]:
        """Denied facts with the entity as supplier or recipient."""
        return tuple(f for f in self.as_supplier + self.as_recipient if f.polarity == "denied")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["denials"] = [f.to_dict() for f in self.denials]
        return data


def find_entity(store: Store, name: str) -> Entity:
    """The entity ``name`` names: an exact name, alias or key first, else the only entity
    whose name or alias contains it. Raises ``QueryError`` naming the candidates."""
    exact = [
        str(i)
        for (i,) in store.rows(
            "SELECT id FROM entities WHERE LOWER(name) = ? OR name_key = ? OR id = ? "
            "UNION SELECT entity_id FROM entity_aliases WHERE LOWER(alias) = ?",
            (name.lower(), fold(name), name, name.lower()),
        )
    ]
    ids = exact or entity_ids_like(store, name)
    if not ids:
        raise QueryError(
            f"no entity is named {name!r}; try part of the name or 'supplytrace facts'"
        )
    entities = [_entity(store, i) for i in sorted(set(ids))]
    if len(entities) > 1:
        shown = ", ".join(sorted(e.name for e in entities)[:8])
        raise QueryError(
            f"{name!r} names {len(entities)} entities ({shown}); give the full name or the id"
        )
    return entities[0]


def _entity(store: Store, entity_id: str) -> Entity:
    [(eid, name, kind, key, country)] = list(
        store.rows(
            "SELECT id, name, kind, name_key, country FROM entities WHERE id = ?", (entity_id,)
        )
    )
    aliases = tuple(
        sorted(
            str(a)
            for (a,) in store.rows(
                "SELECT alias FROM entity_aliases WHERE entity_id = ?", (entity_id,)
            )
        )
    )
    return Entity(str(eid), str(name), kind, str(key), country, aliases)


def entity(store: Store, name: str, flt: FactFilter | None = None) -> Dossier:
    """The dossier of the entity ``name`` names (see ``find_entity``); ``flt`` narrows its
    facts (its supplier and recipient fields are replaced by the entity)."""
    named = find_entity(store, name)
    party = canonical_of(store, [named.id])[named.id]
    found = named if party == named.id else _entity(store, party)
    members = members_of(store, [party])  # every entity resolved into the same party
    if len(members) > 1:
        aliases = {a for m in members for a in _entity(store, m).aliases}
        found = Entity(
            found.id, found.name, found.kind, found.key, found.country, tuple(sorted(aliases))
        )
    flt = flt or FactFilter()
    supplied = keyed_facts(store, flt.but(supplier=None, supplier_id=party))
    received = keyed_facts(store, flt.but(recipient=None, recipient_id=party))
    docs, doc_total = _documents(store, members)
    stories: dict[str, list[str]] = {}
    for doc in docs:
        stories.setdefault(doc.story_id, []).append(doc.id)
    timeline, total = _timeline(store, members)
    return Dossier(
        entity=found,
        as_supplier=tuple(k.fact for k in supplied),
        as_recipient=tuple(k.fact for k in received),
        documents=tuple(docs),
        document_total=doc_total,
        stories={sid: tuple(ids) for sid, ids in sorted(stories.items())},
        timeline=tuple(timeline),
        timeline_total=total,
    )


def _documents(store: Store, members: list[str]) -> tuple[list[DocumentRef], int]:
    """The documents that name the entity, most claims about it first (``entity_documents``),
    capped at ``_SHOWN``, with their total."""
    counts: dict[str, int] = {}
    ranked = (
        "SELECT document_id, claims FROM entity_documents WHERE entity_id = ? "
        "ORDER BY claims DESC, document_id LIMIT ?"
    )
    for member in members:
        for doc, n in store.rows(ranked, (member, _SHOWN)):
            counts[str(doc)] = counts.get(str(doc), 0) + int(n)
    if len(members) == 1:
        sql = "SELECT COUNT(*) FROM entity_documents WHERE entity_id = ?"
    else:
        sql = (
            "SELECT COUNT(DISTINCT document_id) FROM entity_documents "
            f"WHERE entity_id IN ({', '.join('?' * len(members))})"
        )
    [(total,)] = list(store.rows(sql, members))
    # most claims first, then the rest: a capped list keeps the documents that matter most
    keep = sorted(counts, key=lambda d: (-counts[d], d))[:_SHOWN]
    refs: list[DocumentRef] = []
    sql = (
        "SELECT d.id, d.title, d.outlet, d.url, d.published, d.source_path, "
        "COALESCE(s.story_id, d.id) FROM documents d "
        "LEFT JOIN stories s ON s.document_id = d.id "
        "WHERE d.id IN ({ids})"
    )
    for doc, title, outlet, url, published, path, story in rows_in(store, sql, keep):
        refs.append(DocumentRef(doc, title, outlet, url, published, path, story, counts[str(doc)]))
    refs.sort(key=lambda r: (r.published is None, r.published or "", r.id))
    return refs, int(total)


_EVENT = (
    "SELECT id, seen_on, document_id, span_start, supplier, item, recipient, polarity, hedged, "
    "asserted_by FROM claims WHERE {role} = ? AND "
)


def _timeline(store: Store, members: list[str]) -> tuple[list[Event], int]:
    """The first ``_SHOWN`` claims naming the entity, by date (undated last), document and
    position, and how many there are. Each (member, role) is an ordered range of an index
    (``claims_supplier_seen``, ``claims_recipient_seen``); the ranges are merged here."""
    found: dict[str, tuple[Any, ...]] = {}
    for dated in (True, False):
        for member in members:
            for role in ("supplier_entity", "recipient_entity"):
                sql = _EVENT.format(role=role) + (
                    "seen_on IS NOT NULL ORDER BY seen_on, document_id, span_start LIMIT ?"
                    if dated
                    else "seen_on IS NULL ORDER BY document_id, span_start LIMIT ?"
                )
                for row in store.rows(sql, (member, _SHOWN)):
                    found.setdefault(str(row[0]), row)
        if len(found) >= _SHOWN:
            break
    rows = sorted(found.values(), key=lambda r: (r[1] is None, r[1] or "", r[2], r[3], r[0]))
    events = [
        Event(at, doc, supplier, item, recipient, pol, bool(hedged), asserter)
        for _, at, doc, _, supplier, item, recipient, pol, hedged, asserter in rows[:_SHOWN]
    ]
    sql = (
        "SELECT COALESCE(SUM(claims), 0) FROM entity_documents "
        f"WHERE entity_id IN ({', '.join('?' * len(members))})"
    )
    [(total,)] = list(store.rows(sql, members))
    return events, int(total)
