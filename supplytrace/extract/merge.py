"""One relation per document: claims that restate the same supply link are grouped.

A document often states one link several times ("Chinese shipments of machine tools ...",
later "the producers sent CNC tools worth $68 million"). The store keeps every claim
as evidence; readers that want the document's relations (the ``extract`` contract, reports)
group claims with the same supplier, recipient, polarity and goods (``supplytrace.goods``: the
key the store's facts use too), and keep the first wording.
"""

from __future__ import annotations

from supplytrace.goods import goods_key
from supplytrace.model import Claim


def group_claims(claims: list[Claim] | tuple[Claim, ...]) -> list[list[Claim]]:
    """Claims grouped by supplier, recipient, polarity and goods, in first-seen order."""
    ordered: list[list[Claim]] = []
    by_key: dict[tuple[str, str | None, str, str], list[list[Claim]]] = {}
    for claim in claims:
        key = (
            claim.supplier,
            claim.recipient,
            claim.polarity,
            goods_key(claim.item, claim.item_category),
        )
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
