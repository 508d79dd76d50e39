"""The query layer: reads the store, never re-runs NLP.

Example::

    with open_store("corpus.db") as store:
        for fact in facts(store, supplier="tongsheng", polarity="asserted"):
            print(fact.supplier, fact.item_category, fact.recipient, fact.stories)
        dossier = entity(store, "Dalian Machine Tool Group")
        for route in paths(store, "Beijing Xichao", "drones"):
            print(route.describe())
"""

from __future__ import annotations

from supplytrace.query.dossier import Dossier, entity, find_entity
from supplytrace.query.evidence import Evidence, evidence_for
from supplytrace.query.facts import KeyedFact, facts, keyed_facts
from supplytrace.query.filters import FactFilter, QueryError, matching_categories
from supplytrace.query.network import UNSTATED, Network, Node, network, network_of
from supplytrace.query.paths import Path, paths

__all__ = [
    "Dossier",
    "Evidence",
    "FactFilter",
    "KeyedFact",
    "Network",
    "Node",
    "Path",
    "QueryError",
    "UNSTATED",
    "entity",
    "evidence_for",
    "facts",
    "find_entity",
    "keyed_facts",
    "matching_categories",
    "network",
    "network_of",
    "paths",
]
