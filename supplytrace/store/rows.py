"""Rows <-> dataclasses: the only place that knows how a type is laid out in a table.

Lists are stored as JSON text and booleans as 0/1 so that the same rows fit SQLite and
PostgreSQL; reading a row back gives an object equal to the one written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, cast

from supplytrace.goods import goods_key
from supplytrace.model import Claim, Document, Entity, Mention, MentionKind, Polarity

DOCUMENT_COLUMNS = (
    "id",
    "text",
    "title",
    "outlet",
    "url",
    "published",
    "byline",
    "language",
    "source_path",
)

CLAIM_COLUMNS = (
    "id",
    "document_id",
    "span_start",
    "span_end",
    "evidence",
    "supplier",
    "supplier_kind",
    "item",
    "recipient",
    "recipient_kind",
    "item_category",
    "hs_codes",
    "chpl_tiers",
    "end_uses",
    "end_use_categories",
    "polarity",
    "hedged",
    "asserted_by",
    "quantity",
    "period",
    "stated_on",
    "extractor",
    "confidence",
    "decided_by",
)

# Written with every claim but not part of Claim: they come from resolution and the taxonomy.
# Stored with each claim: its entity ids (as extracted, before resolution), its fact's item key, and the date it was
# made (stated, else its document's publication date), for ordering timelines on an index.
CLAIM_DERIVED_COLUMNS = ("supplier_entity", "recipient_entity", "item_key", "seen_on")

MENTION_COLUMNS = ("document_id", "span_start", "span_end", "text", "kind", "name", "country")

ENTITY_COLUMNS = ("id", "name", "kind", "name_key", "country")


def item_key(claim: Claim) -> str:
    """The item dimension of a fact: the goods key (``supplytrace.goods``), the same key that
    groups a document's relations in ``extract``."""
    return goods_key(claim.item, claim.item_category)


def columns(names: Sequence[str]) -> str:
    return ", ".join(names)


def placeholders(count: int) -> str:
    return ", ".join("?" * count)


def _json(values: Sequence[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _tuple(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


def document_row(document: Document) -> tuple[Any, ...]:
    return tuple(getattr(document, name) for name in DOCUMENT_COLUMNS)


def document_from_row(row: Sequence[Any]) -> Document:
    return Document(**dict(zip(DOCUMENT_COLUMNS, row, strict=True)))


def claim_row(claim: Claim) -> tuple[Any, ...]:
    """The values of ``CLAIM_COLUMNS`` for ``claim``."""
    start, end = claim.sentence_span
    return (
        claim.id,
        claim.document_id,
        start,
        end,
        claim.evidence,
        claim.supplier,
        claim.supplier_kind,
        claim.item,
        claim.recipient,
        claim.recipient_kind,
        claim.item_category,
        _json(claim.hs_codes),
        _json(claim.chpl_tiers),
        _json(claim.end_uses),
        _json(claim.end_use_categories),
        claim.polarity,
        int(claim.hedged),
        claim.asserted_by,
        claim.quantity,
        claim.period,
        claim.stated_on,
        claim.extractor,
        claim.confidence,
        json.dumps(dict(claim.decided_by), sort_keys=True) if claim.decided_by else None,
    )


def claim_from_row(row: Sequence[Any]) -> Claim:
    """A ``Claim`` from a row selected with ``CLAIM_COLUMNS`` in that order."""
    v = dict(zip(CLAIM_COLUMNS, row, strict=True))
    return Claim(
        id=v["id"],
        document_id=v["document_id"],
        sentence_span=(int(v["span_start"]), int(v["span_end"])),
        evidence=v["evidence"],
        supplier=v["supplier"],
        supplier_kind=cast(MentionKind, v["supplier_kind"]),
        item=v["item"],
        recipient=v["recipient"],
        recipient_kind=cast(MentionKind | None, v["recipient_kind"]),
        item_category=v["item_category"],
        hs_codes=_tuple(v["hs_codes"]),
        chpl_tiers=_tuple(v["chpl_tiers"]),
        end_uses=_tuple(v["end_uses"]),
        end_use_categories=_tuple(v["end_use_categories"]),
        polarity=cast(Polarity, v["polarity"]),
        hedged=bool(v["hedged"]),
        asserted_by=v["asserted_by"],
        quantity=v["quantity"],
        period=v["period"],
        stated_on=v["stated_on"],
        extractor=v["extractor"],
        confidence=v["confidence"],
        decided_by=_weights(v["decided_by"]),
    )


def _weights(text: str | None) -> tuple[tuple[str, float], ...]:
    if not text:
        return ()
    data = json.loads(text)
    return tuple(
        sorted(((k, float(w)) for k, w in data.items()), key=lambda kw: (-abs(kw[1]), kw[0]))
    )


def mention_row(document_id: str, mention: Mention) -> tuple[Any, ...]:
    return (
        document_id,
        mention.start,
        mention.end,
        mention.text,
        mention.kind,
        mention.name,
        mention.country,
    )


def entity_row(entity: Entity) -> tuple[Any, ...]:
    return (entity.id, entity.name, entity.kind, entity.key, entity.country)


def entity_from_row(row: Sequence[Any], aliases: Sequence[str]) -> Entity:
    id_, name, kind, key, country = row
    return Entity(
        id=id_,
        name=name,
        kind=cast(MentionKind, kind),
        key=key,
        country=country,
        aliases=tuple(aliases),
    )
