"""The ``Store``: writes batches of pipeline results, reads them back as model objects.

Writes are idempotent because every stored object has a content-derived id: a document
already stored is skipped together with its extraction, so ingesting the same files twice
changes nothing. Each batch is one transaction, so a failure loses the batch, never what
was stored before it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Literal, cast

from supplytrace.errors import StoreError
from supplytrace.model import (
    Claim,
    Document,
    DocumentPair,
    Entity,
    Extraction,
    MentionKind,
    Skipped,
    StoryCluster,
)
from supplytrace.names import entity_for
from supplytrace.store import rows as r
from supplytrace.store import summary
from supplytrace.store.database import Database, Params, now
from supplytrace.store.resolution import ResolutionTables
from supplytrace.store.signatures import SignatureTables

# Stays well under every backend's limit on parameters per statement.
_CHUNK = 500


@dataclass(frozen=True)
class BatchResult:
    """What one ``write_batch`` changed."""

    documents_added: int = 0
    documents_present: int = 0
    claims_added: int = 0
    skipped_recorded: int = 0


class _Resolved:
    """Entities and aliases met while preparing a batch, keyed by entity id (first seen wins)."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self.aliases: dict[tuple[str, str], None] = {}

    def add(self, name: str, kind: MentionKind, country: str | None, *written: str) -> str:
        entity = entity_for(name, kind, country)
        known = self.entities.get(entity.id)
        if known is None or (known.country is None and country is not None):
            self.entities[entity.id] = entity if known is None else _with_country(known, country)
        for alias in (name, *written):
            if alias:
                self.aliases.setdefault((entity.id, alias), None)
        return entity.id


def _with_country(entity: Entity, country: str | None) -> Entity:
    return Entity(entity.id, entity.name, entity.kind, entity.key, country, entity.aliases)


class Store:
    """A supplytrace store on one database; use ``open_store`` to get one."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.location = db.location
        self.signatures = SignatureTables(db)
        self.resolution = ResolutionTables(db)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def rows(self, sql: str, params: Params = ()) -> Iterator[tuple[Any, ...]]:
        """Read-only SQL (``?`` placeholders) for the query layer, which owns its own SELECTs."""
        return self._db.rows(sql, params)

    # ------------------------------------------------------------------ writing

    def write_batch(
        self,
        documents: Sequence[Document],
        extractions: Sequence[Extraction],
        skipped: Sequence[Skipped] = (),
    ) -> BatchResult:
        """Store new documents with their extractions, and the skipped files, atomically.

        Raises ``StoreError`` (and stores nothing of the batch) when a claim's evidence is not
        ``text[start:end]`` of its document or an extraction has no document.
        """
        unique: dict[str, Document] = {}
        for doc in documents:
            unique.setdefault(doc.id, doc)
        with self._db.transaction():
            present = self._stored_ids(list(unique))
            new = {doc_id: doc for doc_id, doc in unique.items() if doc_id not in present}
            claims, mentions, resolved = self._prepare(new, extractions)
            at = now()
            self._db.executemany(
                f"INSERT INTO documents ({r.columns(r.DOCUMENT_COLUMNS)}, added_at) "
                f"VALUES ({r.placeholders(len(r.DOCUMENT_COLUMNS) + 1)})",
                (r.document_row(doc) + (at,) for doc in new.values()),
            )
            self._write_entities(resolved)
            self._db.executemany(
                f"INSERT INTO mentions ({r.columns(r.MENTION_COLUMNS)}, entity_id) "
                f"VALUES ({r.placeholders(len(r.MENTION_COLUMNS) + 1)})",
                mentions,
            )
            claim_columns = r.CLAIM_COLUMNS + r.CLAIM_DERIVED_COLUMNS
            self._db.executemany(
                f"INSERT INTO claims ({r.columns(claim_columns)}) "
                f"VALUES ({r.placeholders(len(claim_columns))})",
                claims,
            )
            self._db.executemany(
                "INSERT INTO entity_documents (entity_id, document_id, claims) VALUES (?, ?, ?)",
                _entity_documents(claims, mentions),
            )
            # the facts these claims belong to are recomputed in the same transaction
            n, pol = len(r.CLAIM_COLUMNS), r.CLAIM_COLUMNS.index("polarity")
            raw = {(row[n], row[n + 2], row[n + 1], row[pol]) for row in claims}
            summary.refresh(self._db, summary.canonical_keys(self._db, raw))
            self._write_skipped(skipped, [doc.source_path for doc in new.values()], at)
        return BatchResult(
            documents_added=len(new),
            documents_present=len(present),
            claims_added=len(claims),
            skipped_recorded=len({s.source_path for s in skipped}),
        )

    def _stored_ids(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            sql = f"SELECT id FROM documents WHERE id IN ({r.placeholders(len(chunk))})"
            found.update(row[0] for row in self._db.rows(sql, chunk))
        return found

    def _prepare(
        self, new: dict[str, Document], extractions: Sequence[Extraction]
    ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], _Resolved]:
        """Rows for the claims and mentions of new documents, checked, with their entities."""
        resolved = _Resolved()
        claims: dict[str, tuple[Any, ...]] = {}
        mentions: list[tuple[Any, ...]] = []
        seen: set[str] = set()
        for extraction in extractions:
            if extraction.document_id in seen:
                raise StoreError(
                    f"two extractions for document {extraction.document_id} in one batch; "
                    f"merge them into one Extraction"
                )
            seen.add(extraction.document_id)
            document = new.get(extraction.document_id)
            if document is None:
                if not self._stored_ids([extraction.document_id]):
                    raise StoreError(
                        f"extraction for document {extraction.document_id} comes without its "
                        f"document; pass the Document in the same batch"
                    )
                continue  # already stored with its own extraction: claims are never rewritten
            kinds: dict[str, tuple[MentionKind, str | None]] = {}
            for mention in extraction.mentions:
                kinds.setdefault(mention.name, (mention.kind, mention.country))
                # "Chinese and Russian companies" describes a group; it is no name for China
                written = () if mention.kind == "group" else (mention.text,)
                entity_id = resolved.add(mention.name, mention.kind, mention.country, *written)
                mentions.append(r.mention_row(document.id, mention) + (entity_id,))
            for claim in extraction.claims:
                _check_claim(claim, document)
                country = kinds.get(claim.supplier, (None, None))[1]
                supplier = resolved.add(claim.supplier, claim.supplier_kind, country)
                recipient = None
                if claim.recipient:
                    kind, country = kinds.get(claim.recipient, ("other", None))
                    recipient = resolved.add(claim.recipient, claim.recipient_kind or kind, country)
                seen_on = claim.stated_on or document.published
                claims.setdefault(
                    claim.id,
                    r.claim_row(claim) + (supplier, recipient, r.item_key(claim), seen_on),
                )
        return list(claims.values()), mentions, resolved

    def _write_entities(self, resolved: _Resolved) -> None:
        # The first name stored for an entity stays its display name (ids never change);
        # a later batch may know the country of an entity first stored without one.
        self._db.executemany(
            f"INSERT INTO entities ({r.columns(r.ENTITY_COLUMNS)}) "
            f"VALUES ({r.placeholders(len(r.ENTITY_COLUMNS))}) "
            "ON CONFLICT (id) DO UPDATE SET country = COALESCE(entities.country, excluded.country)",
            (r.entity_row(entity) for entity in resolved.entities.values()),
        )
        self._db.executemany(
            "INSERT INTO entity_aliases (entity_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING",
            resolved.aliases,
        )

    def _write_skipped(self, skipped: Sequence[Skipped], added: list[str | None], at: str) -> None:
        # A file that was skipped before and reads now is no longer skipped.
        self._db.executemany(
            "DELETE FROM skipped WHERE source_path = ?", ((path,) for path in added if path)
        )
        self._db.executemany(
            "INSERT INTO skipped (source_path, reason, at) VALUES (?, ?, ?) "
            "ON CONFLICT (source_path) DO UPDATE SET reason = excluded.reason, at = excluded.at",
            ((s.source_path, s.reason, at) for s in skipped),
        )

    def replace_story_relations(
        self, pairs: Sequence[DocumentPair], clusters: Sequence[StoryCluster]
    ) -> None:
        """Replace all story clusters and document pairs with the ones given, atomically."""
        unique_pairs = {(p.a, p.b, p.relation): p for p in reversed(pairs)}
        named = {doc_id for c in clusters for doc_id in c.document_ids}
        named.update(doc_id for p in pairs for doc_id in (p.a, p.b))
        with self._db.transaction():
            missing = sorted(named - self._stored_ids(sorted(named)))
            if missing:
                raise StoreError(
                    f"story relations name {len(missing)} unstored document(s), e.g. "
                    f"{missing[0]}; write the documents before their story relations"
                )
            self._db.execute("DELETE FROM document_pairs")
            self._write_stories(clusters)
            self._db.executemany(
                "INSERT INTO document_pairs (a, b, relation, score) VALUES (?, ?, ?, ?)",
                ((p.a, p.b, p.relation, p.score) for p in unique_pairs.values()),
            )

    def replace_stories(self, clusters: Sequence[StoryCluster]) -> None:
        """Replace the story clusters (not the pairs), atomically: after relating new
        documents, clusters are recomputed from all stored pairs, which stay as they are."""
        with self._db.transaction():
            self._write_stories(clusters)

    def _write_stories(self, clusters: Sequence[StoryCluster]) -> None:
        """Replace the stories, and recompute the facts of the documents that changed story
        (a fact counts independent stories and picks its evidence per story)."""
        old = dict(self._db.rows("SELECT document_id, story_id FROM stories"))
        new = {doc_id: c.id for c in clusters for doc_id in c.document_ids}
        changed = sorted(d for d in old.keys() | new.keys() if old.get(d) != new.get(d))
        self._db.execute("DELETE FROM stories")
        self._db.executemany(
            "INSERT INTO stories (document_id, story_id) VALUES (?, ?)",
            ((doc_id, c.id) for c in clusters for doc_id in c.document_ids),
        )
        keys: set[summary.Key] = set()
        for i in range(0, len(changed), _CHUNK):
            chunk = changed[i : i + _CHUNK]
            where = f"c.document_id IN ({r.placeholders(len(chunk))})"
            keys |= summary.keys_of_claims(self._db, where, chunk)
        summary.refresh(self._db, keys)

    # ------------------------------------------------------------------ reading

    def has_document(self, document_id: str) -> bool:
        return bool(self._stored_ids([document_id]))

    def document(self, document_id: str) -> Document | None:
        sql = f"SELECT {r.columns(r.DOCUMENT_COLUMNS)} FROM documents WHERE id = ?"
        found = list(self._db.rows(sql, (document_id,)))
        return r.document_from_row(found[0]) if found else None

    def documents_by_id(self, ids: Sequence[str]) -> dict[str, Document]:
        """The stored documents among ``ids``, by id."""
        found: dict[str, Document] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = list(ids[i : i + _CHUNK])
            sql = (
                f"SELECT {r.columns(r.DOCUMENT_COLUMNS)} FROM documents "
                f"WHERE id IN ({r.placeholders(len(chunk))})"
            )
            for row in self._db.rows(sql, chunk):
                doc = r.document_from_row(row)
                found[doc.id] = doc
        return found

    def published_dates(self, ids: Sequence[str]) -> dict[str, str | None]:
        """The publication date of each stored document among ``ids`` (None where unknown)."""
        found: dict[str, str | None] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = list(ids[i : i + _CHUNK])
            sql = f"SELECT id, published FROM documents WHERE id IN ({r.placeholders(len(chunk))})"
            found.update((doc_id, published) for doc_id, published in self._db.rows(sql, chunk))
        return found

    def document_ids(self) -> list[str]:
        return [row[0] for row in self._db.rows("SELECT id FROM documents ORDER BY id")]

    def document_count(self) -> int:
        return int(list(self._db.rows("SELECT COUNT(*) FROM documents"))[0][0])

    def documents(self) -> Iterator[Document]:
        """Every stored document, by id, streamed."""
        sql = f"SELECT {r.columns(r.DOCUMENT_COLUMNS)} FROM documents ORDER BY id"
        return (r.document_from_row(row) for row in self._db.rows(sql))

    def claims(self, document_id: str | None = None) -> list[Claim]:
        sql = f"SELECT {r.columns(r.CLAIM_COLUMNS)} FROM claims"
        params: tuple[str, ...] = ()
        if document_id is not None:
            sql += " WHERE document_id = ?"
            params = (document_id,)
        sql += " ORDER BY document_id, span_start, id"
        return [r.claim_from_row(row) for row in self._db.rows(sql, params)]

    def entities(self) -> list[Entity]:
        aliases: dict[str, list[str]] = {}
        for entity_id, alias in self._db.rows(
            "SELECT entity_id, alias FROM entity_aliases ORDER BY entity_id, alias"
        ):
            aliases.setdefault(entity_id, []).append(alias)
        sql = f"SELECT {r.columns(r.ENTITY_COLUMNS)} FROM entities ORDER BY id"
        return [r.entity_from_row(row, aliases.get(row[0], ())) for row in self._db.rows(sql)]

    def story_of(self, document_id: str) -> str | None:
        found = list(
            self._db.rows("SELECT story_id FROM stories WHERE document_id = ?", (document_id,))
        )
        return str(found[0][0]) if found else None

    def find_stories(self, ref: str) -> list[str]:
        """Story ids that ``ref`` names: a document id, story id or source path, else a prefix
        of document or story ids (several when the prefix is ambiguous)."""
        exact = (
            "SELECT story_id FROM stories WHERE document_id = ? OR story_id = ?",
            "SELECT s.story_id FROM stories s JOIN documents d ON d.id = s.document_id "
            "WHERE d.source_path = ?",
        )
        found = {row[0] for row in self._db.rows(exact[0], (ref, ref))}
        found.update(row[0] for row in self._db.rows(exact[1], (ref,)))
        if not found:
            sql = "SELECT story_id FROM stories WHERE document_id LIKE ? OR story_id LIKE ?"
            pattern = ref.replace("%", "").replace("_", "") + "%"
            found = {row[0] for row in self._db.rows(sql, (pattern, pattern))}
        return sorted(found)

    def story_members(self, story_id: str) -> list[str]:
        sql = "SELECT document_id FROM stories WHERE story_id = ? ORDER BY document_id"
        return [row[0] for row in self._db.rows(sql, (story_id,))]

    def stories(self) -> list[StoryCluster]:
        """Stored clusters; the representative is the smallest id, as in ``StoryCluster.create``."""
        members: dict[str, list[str]] = {}
        for story_id, doc_id in self._db.rows(
            "SELECT story_id, document_id FROM stories ORDER BY story_id, document_id"
        ):
            members.setdefault(story_id, []).append(doc_id)
        return [StoryCluster(sid, tuple(ids), ids[0]) for sid, ids in members.items()]

    def document_pairs(self) -> list[DocumentPair]:
        sql = "SELECT a, b, relation, score FROM document_pairs ORDER BY a, b, relation"
        return [
            DocumentPair(a, b, cast(Literal["near_duplicate", "same_event"], rel), float(score))
            for a, b, rel, score in self._db.rows(sql)
        ]

    def counts(self) -> dict[str, int]:
        queries = {
            "documents": "SELECT COUNT(*) FROM documents",
            "claims": "SELECT COUNT(*) FROM claims",
            "mentions": "SELECT COUNT(*) FROM mentions",
            "entities": "SELECT COUNT(*) FROM entities",
            "stories": "SELECT COUNT(DISTINCT story_id) FROM stories",
            "document_pairs": "SELECT COUNT(*) FROM document_pairs",
            "skipped": "SELECT COUNT(*) FROM skipped",
        }
        return {name: int(list(self._db.rows(sql))[0][0]) for name, sql in queries.items()}


def _check_claim(claim: Claim, document: Document) -> None:
    """The invariant every reader relies on: the evidence is an exact slice of the text."""
    if claim.document_id != document.id:
        raise StoreError(
            f"claim {claim.id} names document {claim.document_id} but came in the extraction "
            f"of {document.id}; fix the extractor"
        )
    start, end = claim.sentence_span
    if document.text[start:end] != claim.evidence:
        raise StoreError(
            f"claim {claim.id} in document {document.id}: text[{start}:{end}] is not its "
            f"evidence {claim.evidence[:60]!r}; fix the extractor's sentence span"
        )


def _entity_documents(
    claims: Sequence[tuple[Any, ...]], mentions: Sequence[tuple[Any, ...]]
) -> list[tuple[str, str, int]]:
    """(entity, document, claims naming the entity) rows for new documents: each claim counts
    once for its supplier and once for its recipient when that is another entity; an entity the
    document only mentions gets 0."""
    n = len(r.CLAIM_COLUMNS)
    doc_at = r.CLAIM_COLUMNS.index("document_id")
    counts: dict[tuple[str, str], int] = {}
    for row in claims:
        supplier, recipient, document = row[n], row[n + 1], row[doc_at]
        for entity in {supplier, recipient} - {None}:
            counts[(entity, document)] = counts.get((entity, document), 0) + 1
    for row in mentions:
        entity, document = row[-1], row[0]
        if entity is not None:
            counts.setdefault((entity, document), 0)
    return [(entity, document, count) for (entity, document), count in sorted(counts.items())]
