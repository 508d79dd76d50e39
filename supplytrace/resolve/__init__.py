"""Entity resolution: which entity each mention points to, and which entities are one party.

At ingest, mentions whose normalised names share a key (``supplytrace.names``: legal forms,
case, punctuation and articles removed) are one entity with a deterministic id; countries are already canonical when
extracted. ``resolve_store`` then clusters entities by blocking + scoring (``score``, whose
matches explain themselves) + judgements, and rewrites only the canonical ids.

Example::

    with open_store("corpus.db") as store:
        resolution = resolve_store(store)
        print(resolution.clusters())
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supplytrace.resolve.score import THRESHOLD, Match, compare_names

if TYPE_CHECKING:
    from supplytrace.resolve.cluster import Resolution
    from supplytrace.store import Store

__all__ = [
    "THRESHOLD",
    "Match",
    "compare_names",
    "resolve",
    "resolve_store",
]


def resolve(store: Store, threshold: float = THRESHOLD) -> Resolution:
    """Cluster the stored entities under the stored judgements; writes nothing."""
    from supplytrace.resolve.cluster import candidate_edges, cluster, name_conflicts

    entities = store.entities()
    return cluster(
        [e.id for e in entities],
        candidate_edges(entities, threshold),
        store.resolution.judgements(),
        name_conflicts(entities),
    )


def resolve_store(store: Store, threshold: float = THRESHOLD) -> Resolution:
    """Cluster the stored entities under the stored judgements and store the canonical ids
    (``ingest`` does it after every run, ``merge``, ``split`` and ``judgements undo`` after
    their judgement)."""
    resolution = resolve(store, threshold)
    store.resolution.replace_canonical(resolution.canonical)
    return resolution
