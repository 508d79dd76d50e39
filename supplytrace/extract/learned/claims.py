"""Claims from the scorer's decisions: the same ``Claim`` records the rules make, with the
scorer's confidence and the features that decided them."""

from __future__ import annotations

from supplytrace.extract.learned.scorer import Decision
from supplytrace.goods.gazetteer import Gazetteer
from supplytrace.model import Claim, MentionKind, Polarity


def decision_claim(
    decision: Decision, document_id: str, text: str, gaz: Gazetteer, extractor: str
) -> Claim:
    start, end = decision.sentence_span
    category = gaz.category(decision.item)
    polarity: Polarity = "denied" if decision.polarity == "denied" else "asserted"
    use_ids = tuple(dict.fromkeys(u for u in (gaz.end_use(x) for x in decision.end_uses) if u))
    return Claim(
        id=Claim.make_id(
            document_id,
            (start, end),
            decision.supplier,
            decision.item,
            decision.recipient,
            polarity,
        ),
        document_id=document_id,
        sentence_span=(start, end),
        evidence=text[start:end],
        supplier=decision.supplier,
        supplier_kind=_kind(decision.supplier_kind),
        item=decision.item,
        recipient=decision.recipient,
        recipient_kind=_kind(decision.recipient_kind) if decision.recipient else None,
        item_category=category.id if category else None,
        hs_codes=category.hs_codes if category else (),
        chpl_tiers=category.chpl_tiers() if category else (),
        end_uses=decision.end_uses,
        end_use_categories=use_ids,
        polarity=polarity,
        hedged=decision.hedged,
        asserted_by=decision.asserted_by or "the article",
        extractor=extractor,
        confidence=decision.confidence,
        decided_by=tuple(sorted(decision.features.items(), key=lambda fw: (-abs(fw[1]), fw[0]))),
    )


def _kind(kind: str | None) -> MentionKind:
    if kind in {"org", "country", "person", "other"}:
        return kind  # type: ignore[return-value]
    return "country" if kind == "group" else "other"
