"""Names and their keys: the one definition of when two spellings name one entity.

Every stage that keys a name uses this package: extract (display names), the store (entity ids
and name keys at ingest), resolve (the matcher's looser forms), query and the CLI. It depends
only on the model and the packaged reference data, so none of them imports another to key a
name (the store never imports resolve; extract never imports resolve).
"""

from __future__ import annotations

from functools import lru_cache

from supplytrace.model import Entity, MentionKind, stable_hash
from supplytrace.names.keys import display_name, fold, legal_forms, name_key

__all__ = ["display_name", "entity_for", "entity_key", "fold", "legal_forms", "name_key"]


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
