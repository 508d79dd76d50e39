"""One relation per document: claims that restate the same supply link are grouped.

A document often states one link several times ("Chinese shipments of machine tools ...",
later "the producers sent CNC tools worth $68 million"). The store keeps every claim
as evidence; readers that want the document's relations (the ``extract`` contract, reports)
group claims with the same supplier, recipient, polarity and goods (taxonomy category, else
the same words), and keep the first wording.
"""

from __future__ import annotations

import re

from supplytrace.extract.gazetteer import gazetteer
from supplytrace.model import Claim

_WORD = re.compile(r"[a-z0-9]+")


def goods_key(claim: Claim) -> tuple[str, frozenset[str]]:
    """What makes two statements name the same goods: the taxonomy category (else the same
    words), and the end-use words among the modifiers ("drone" and "missile" technology differ)."""
    gaz = gazetteer()
    words = _WORD.findall(claim.item.lower())[:-1]
    uses = frozenset(w for w in words if gaz.end_use(w))
    return (claim.item_category or f"item:{' '.join(_WORD.findall(claim.item.lower()))}", uses)


def group_claims(claims: list[Claim] | tuple[Claim, ...]) -> list[list[Claim]]:
    """Claims grouped by supplier, recipient, polarity and goods, in first-seen order."""
    ordered: list[list[Claim]] = []
    by_key: dict[tuple[str, str | None, str, tuple[str, frozenset[str]]], list[list[Claim]]] = {}
    for claim in claims:
        key = (claim.supplier, claim.recipient, claim.polarity, goods_key(claim))
        for group in by_key.setdefault(key, []):
            # items listed side by side in one sentence are meant as different goods
            if not any(
                c.sentence_span == claim.sentence_span and c.item != claim.item for c in group
            ):
                group.append(claim)
                break
        else:
            by_key[key].append([claim])
            ordered.append(by_key[key][-1])
    return ordered
