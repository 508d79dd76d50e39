"""When a candidate says what a gold relation says: the labelling rule of training.

It follows the rule book's reading (``ANNOTATION.md``): names after folding, legal forms and
aliases; goods by their core phrase, their head noun or their shared words; unnamed goods
("goods", "items") all alike.
"""

from __future__ import annotations

import re

from supplytrace.goods.gazetteer import gazetteer
from supplytrace.names.keys import fold, name_key

_GENERIC = {
    "good",
    "item",
    "product",
    "unspecified",
    "material",
    "commodity",
    "cargo",
    "shipment",
    "export",
    "import",
    "supply",
    "thing",
}
_STOP = {
    "the",
    "a",
    "an",
    "of",
    "and",
    "or",
    "for",
    "such",
    "as",
    "other",
    "various",
    "some",
    "its",
    "their",
    "in",
    "to",
    "with",
    "by",
    "key",
    "critical",
    "large",
    "amount",
    "amounts",
    "quantity",
    "quantities",
    "supplies",
}
_PREPS = {"for", "to", "of", "in", "with", "from", "used", "via", "including"}
_SAME = {
    "uav": "drone",
    "uavs": "drone",
    "chips": "chip",
    "microchip": "chip",
    "optics": "optical",
    "optic": "optical",
    "armoured": "armored",
}


def _country_key(name: str) -> str:
    country = gazetteer().country(name)
    return fold(country) if country else name_key(name)


def names_match(a: str, b: str) -> bool:
    ka, kb = _country_key(a), _country_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    ta, tb = set(ka.split()), set(kb.split())
    small, big = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return len(small) >= 2 and small <= big


def _singular(tok: str) -> str:
    tok = _SAME.get(tok, tok)
    if len(tok) > 4 and tok.endswith("ies"):
        tok = tok[:-3] + "y"
    elif len(tok) > 3 and tok.endswith("s") and not tok.endswith(("ss", "us", "is")):
        tok = tok[:-1]
    return _SAME.get(tok, tok)


def _words(item: str) -> list[str]:
    return re.sub(r"[^a-z0-9]+", " ", fold(item)).split()


def _core(item: str) -> list[str]:
    core: list[str] = []
    for tok in _words(item):
        if tok in _PREPS and core:
            break
        if tok not in _STOP:
            core.append(_singular(tok))
    return core


def item_similarity(a: str, b: str) -> float:
    ca, cb = _core(a) or ["supply"], _core(b) or ["supply"]
    if set(ca) <= _GENERIC and set(cb) <= _GENERIC:
        return 1.0
    if ca == cb:
        return 1.0
    if ca[-1] == cb[-1]:
        return 0.8
    sa = {_singular(t) for t in _words(a) if t not in _STOP}
    sb = {_singular(t) for t in _words(b) if t not in _STOP}
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def is_generic(item: str) -> bool:
    return set(_core(item) or ["supply"]) <= _GENERIC
