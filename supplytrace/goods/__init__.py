"""Goods and their keys: the one definition of when two statements name the same goods.

A fact is the claims on one (supplier, goods key, recipient, polarity). The goods key is the
taxonomy category, qualified by the end uses its modifiers name, since "drone technology" and
"missile technology" are two links while "CNC machine tools" and "machine tools" are one:

    machine_tools                                        "machine tools", "CNC machine tools"
    uav_engines[drones_general]                          "drone engines", "UAV engines"
    technology_transfer[drones_general]                  "drone technology", "UAV technology"
    technology_transfer[drones_general,missiles_general] "drone and missile technology"

Goods outside the taxonomy are keyed by their folded words ("military technology"). Every stage
that groups goods uses ``goods_key``: extract (a document's relations), the store (each claim's
item key, so its fact), query (the category filter) and the reports (``goods_label``). Like
``supplytrace.names`` it depends only on the model and the packaged reference data.
"""

from __future__ import annotations

import re
from functools import lru_cache

from supplytrace.goods.gazetteer import gazetteer
from supplytrace.names import fold

__all__ = ["category_of_key", "goods_key", "goods_label", "key_prefix"]

_WORD = re.compile(r"[a-z0-9]+")
_OPEN, _CLOSE, _SEP = "[", "]", ","


@lru_cache(maxsize=1 << 16)
def goods_key(item: str, category: str | None) -> str:
    """The key two statements of the same goods share (see the module docstring).

    Only modifiers qualify ("drone engines"; in "engines for drones" the end use is the
    claim's, not the goods' name), and the head word is never read as an end use. Qualifying
    every category, not only broad ones such as technology, is what grouped cross-validation
    measured best (0.448 against 0.445 for broad ones only; docs/extraction-model.md).
    """
    if not category:
        return fold(item) or item
    gaz = gazetteer()
    modifiers = _WORD.findall(item.lower())[:-1]
    uses = sorted({use for word in modifiers if (use := gaz.end_use(word))})
    return f"{category}{_OPEN}{_SEP.join(uses)}{_CLOSE}" if uses else category


def category_of_key(key: str) -> str:
    """The taxonomy category of a key (or, for goods outside the taxonomy, the key itself)."""
    return key.split(_OPEN, 1)[0] if key.endswith(_CLOSE) else key


def key_prefix(category: str) -> str:
    """What every qualified key of ``category`` starts with (``category[``)."""
    return category + _OPEN


def goods_label(key: str) -> str:
    """A key as a person reads it: ``technology_transfer (drones_general)``."""
    if not key.endswith(_CLOSE) or _OPEN not in key:
        return key
    category, uses = key[:-1].split(_OPEN, 1)
    return f"{category} ({', '.join(uses.split(_SEP))})"
