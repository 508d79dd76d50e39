"""The query layer: reads the store, never re-runs NLP.

Example::

    with open_store("corpus.db") as store:
        for fact in facts(store, supplier="tongsheng", polarity="asserted"):
            print(fact.supplier, fact.item_category, fact.recipient, fact.stories)
"""

from __future__ import annotations

from supplytrace.query.facts import QueryError, facts, matching_categories

__all__ = ["QueryError", "facts", "matching_categories"]
