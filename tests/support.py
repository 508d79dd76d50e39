"""Helpers shared by test modules (on the path through pytest's ``pythonpath`` setting)."""

from __future__ import annotations

from typing import Any

from supplytrace.model import Claim, Document


def build_claim(document: Document, sentence: str, supplier: str, item: str, **kw: Any) -> Claim:
    """A claim whose evidence is ``sentence``, located in the document's text (for store tests)."""
    start = document.text.index(sentence)
    span = (start, start + len(sentence))
    recipient = kw.pop("recipient", "Ruritania")
    polarity = kw.pop("polarity", "asserted")
    return Claim(
        id=Claim.make_id(document.id, span, supplier, item, recipient, polarity),
        document_id=document.id,
        sentence_span=span,
        evidence=sentence,
        supplier=supplier,
        supplier_kind=kw.pop("supplier_kind", "org"),
        item=item,
        recipient=recipient,
        recipient_kind=kw.pop("recipient_kind", "country" if recipient else None),
        polarity=polarity,
        **kw,
    )


Row = tuple[str, str, str | None, str, bool]


def claim_rows(extractor: Any, text: str) -> list[Row]:
    """(supplier, item, recipient, polarity, hedged) of the claims in ``text``, sorted; every
    claim's evidence is checked to be its sentence of the text."""
    doc = Document.create(text)
    extraction = extractor.extract(doc)
    for claim in extraction.claims:
        start, end = claim.sentence_span
        assert doc.text[start:end] == claim.evidence
    return sorted(
        {(c.supplier, c.item, c.recipient, c.polarity, c.hedged) for c in extraction.claims}
    )
