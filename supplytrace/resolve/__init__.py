"""Entity resolution: which entity each mention points to.

First version: mentions whose normalised names share a key (legal forms, case, punctuation
and articles removed) are one entity; countries are already canonical when extracted.
"""

from __future__ import annotations

from functools import lru_cache

from supplytrace.model import Entity, MentionKind, stable_hash
from supplytrace.resolve.names import display_name, fold, name_key

__all__ = ["entity_for", "entity_key", "display_name", "name_key"]


@lru_cache(maxsize=1 << 16)
def entity_key(name: str, kind: MentionKind) -> str:
    """The key that decides identity: two names with one key are one entity.

    Cached: normalisation costs ~0.1 ms and the same few thousand names recur in every batch.
    """
    if kind in ("country", "group"):
        return fold(name)
    return name_key(name) or fold(name)


def entity_for(name: str, kind: MentionKind, country: str | None = None) -> Entity:
    """The entity a canonical name of a given kind resolves to (deterministic id)."""
    key = entity_key(name, kind)
    resolved_kind: MentionKind = "country" if kind == "group" else kind
    return Entity(
        id=stable_hash("entity", resolved_kind, key),
        name=display_name(name) if resolved_kind == "org" else name,
        kind=resolved_kind,
        key=key,
        country=country,
        aliases=(name,),
    )
