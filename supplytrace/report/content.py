"""What a report shows, gathered once for both renderers (HTML and Markdown)."""

from __future__ import annotations

from dataclasses import dataclass

from supplytrace.query import (
    Dossier,
    Evidence,
    FactFilter,
    KeyedFact,
    Network,
    entity,
    evidence_for,
    keyed_facts,
    network_of,
)
from supplytrace.query.facts import Key
from supplytrace.store import Store


def link_target(url: str | None) -> str | None:
    """``url`` when a report may make it a link: http(s) or relative; None for anything else
    (``javascript:``, ``data:``, ``file:``...), which is then shown as text. Document headers
    are written by whoever wrote the document."""
    if not url:
        return None
    cleaned = "".join(c for c in url if c.isprintable() and not c.isspace())
    scheme, colon, _ = cleaned.partition(":")
    if colon and "/" not in scheme:
        return url if scheme.lower() in {"http", "https"} else None
    return None if cleaned.startswith("//") else url


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    network: Network
    evidence: dict[Key, list[Evidence]]
    dossier: Dossier | None = None

    @property
    def facts(self) -> tuple[KeyedFact, ...]:
        return self.network.facts

    def summary(self) -> dict[str, int]:
        facts = [k.fact for k in self.facts]
        stories = {e.story_id for items in self.evidence.values() for e in items}
        documents = {e.document_id for items in self.evidence.values() for e in items}
        return {
            "facts": len(facts),
            "asserted": sum(f.polarity == "asserted" for f in facts),
            "denied": sum(f.polarity == "denied" for f in facts),
            "entities": len(self.network.nodes),
            "documents": len(documents),
            "independent stories": len(stories),
        }


def describe(flt: FactFilter) -> str:
    parts = [f"{k.replace('_', ' ')} {v}" for k, v in vars(flt).items() if v not in (None, "")]
    return "; ".join(parts) if parts else "all facts"


def gather(store: Store, entity_name: str | None = None, flt: FactFilter | None = None) -> Report:
    """The facts of ``entity_name`` (as supplier and recipient) or those matching ``flt``."""
    flt = flt or FactFilter()
    dossier = None
    if entity_name:
        dossier = entity(store, entity_name, flt)
        eid = dossier.entity.id
        found = keyed_facts(store, flt.but(supplier=None, supplier_id=eid))
        seen = {k.key for k in found}
        found += [
            k
            for k in keyed_facts(store, flt.but(recipient=None, recipient_id=eid))
            if k.key not in seen
        ]
        title = dossier.entity.name
        subtitle = f"Entity dossier ({dossier.entity.kind}); filters: {describe(flt)}"
    else:
        found = keyed_facts(store, flt)
        title = "Supply facts"
        subtitle = f"Query: {describe(flt)}"
    net = network_of(store, found)
    return Report(title, subtitle, net, evidence_for(store, net.facts), dossier)
