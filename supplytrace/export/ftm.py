"""FollowTheMoney entities, built with the ``followthemoney`` library so that they validate
and load in Aleph and OpenSanctions tooling.

Mapping: an entity is a Company, Organization, PublicBody (a state: "China" as a supplier is
its government and industry), Person or LegalEntity; a document is an Article; an asserted
claim is an EconomicActivity (sender = supplier, receiver = recipient, goodsDescription = the
goods as written, summary = the evidence sentence, proof = the Article); a denied claim is a
Note on the supplier, since FtM has no schema for a denied trade; a Documentation links each
document to every entity it carries a claim about.
"""

from __future__ import annotations

import json
from pathlib import Path

from followthemoney import EntityProxy, model

from supplytrace.export.bundle import Bundle, ExportSummary, fact_id, opened
from supplytrace.query import UNSTATED, Evidence, KeyedFact, Node

_SCHEMA = {
    "org": "Organization",
    "country": "PublicBody",
    "person": "Person",
    "group": "LegalEntity",
    "other": "LegalEntity",
}
_PREFIX = "st"


def _id(*parts: str) -> str:
    return "-".join((_PREFIX, *parts))


def _entity(node: Node) -> EntityProxy:
    proxy = model.make_entity(_SCHEMA.get(node.kind, "LegalEntity"))
    proxy.id = _id("entity", node.id)
    proxy.add("name", node.name)
    proxy.add("alias", [a for a in node.aliases if a != node.name])
    if node.country:
        proxy.add("country", node.country, quiet=True, fuzzy=True)
    if node.kind == "country":
        proxy.add("country", node.name, quiet=True, fuzzy=True)
    return proxy


def _article(bundle: Bundle, doc_id: str) -> EntityProxy:
    doc = bundle.documents[doc_id]
    proxy = model.make_entity("Article")
    proxy.id = _id("document", doc.id)
    proxy.add("title", doc.title or doc.source_path or doc.id)
    proxy.add("bodyText", doc.text)
    proxy.add("publishedAt", doc.published, quiet=True)
    proxy.add("sourceUrl", doc.url, quiet=True)
    proxy.add("publisher", doc.outlet)
    proxy.add("author", doc.byline)
    proxy.add("language", doc.language, quiet=True)
    proxy.add("fileName", doc.source_path)
    return proxy


def _claim(kf: KeyedFact, evidence: Evidence) -> EntityProxy:
    supplier = _id("entity", kf.supplier_id)
    stance = "asserted" if evidence.polarity == "asserted" else "denied"
    note = f"{stance} by {evidence.asserted_by}" + (" (hedged)" if evidence.hedged else "")
    if evidence.polarity == "denied":
        proxy = model.make_entity("Note")
        proxy.add("entity", supplier)
        proxy.add("description", f"Denied supply of {evidence.item}: {evidence.sentence}")
    else:
        proxy = model.make_entity("EconomicActivity")
        proxy.add("sender", supplier)
        if kf.recipient_id:
            proxy.add("receiver", _id("entity", kf.recipient_id))
        proxy.add("goodsDescription", evidence.item)
        proxy.add("summary", evidence.sentence)
        proxy.add("description", note)
        proxy.add("proof", _id("document", evidence.document_id))
        proxy.add("date", evidence.date, quiet=True)
        proxy.add("recordId", fact_id(kf))
    proxy.id = _id("claim", evidence.claim_id)
    proxy.add("publisher", evidence.asserted_by)
    proxy.add("sourceUrl", evidence.url, quiet=True)
    return proxy


def _documentation(doc_id: str, entity_id: str) -> EntityProxy:
    proxy = model.make_entity("Documentation")
    proxy.id = _id("documentation", doc_id, entity_id)
    proxy.add("document", _id("document", doc_id))
    proxy.add("entity", _id("entity", entity_id))
    proxy.add("role", "names as supplier or recipient")
    return proxy


def proxies(bundle: Bundle) -> list[EntityProxy]:
    """Every FtM entity of the bundle: parties, documents, claims, document links."""
    found = [_entity(node) for node in bundle.nodes if node.id != UNSTATED]
    found.extend(_article(bundle, doc_id) for doc_id in sorted(bundle.documents))
    links: set[tuple[str, str]] = set()
    for kf, evidence in bundle.claims():
        found.append(_claim(kf, evidence))
        links.add((evidence.document_id, kf.supplier_id))
        if kf.recipient_id:
            links.add((evidence.document_id, kf.recipient_id))
    found.extend(_documentation(doc, ent) for doc, ent in sorted(links))
    return found


def write_ftm(bundle: Bundle, out: str | Path) -> ExportSummary:
    """FtM entities as JSON Lines (``ftm`` and Aleph's ``alephclient write-entities`` read it)."""
    counts: dict[str, int] = {}
    with opened(out) as handle:
        for proxy in proxies(bundle):
            handle.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
            counts[proxy.schema.name] = counts.get(proxy.schema.name, 0) + 1
    return ExportSummary("ftm", (str(out),), counts)
