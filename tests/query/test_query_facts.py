"""Facts: aggregation over stories, denials, filters, dates, order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import build_claim as claim

from supplytrace.model import Claim, Document, Extraction, Fact, StoryCluster
from supplytrace.query import QueryError, facts
from supplytrace.store import Store, open_store


def sole(claim: Claim) -> Extraction:
    return Extraction(claim.document_id, claims=(claim,))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "store.db") as opened:
        yield opened


# A wire story and its rewrite (one story), and a separate report (another story).
WIRE = Document.create(
    "Officials said Orlov Optics Co Ltd sells lenses to Ruritania for tanks.",
    published="2024-04-12",
)
REWRITE = Document.create(
    "Orlov Optics sells lenses to Ruritania for tanks, officials said on Friday.",
    published="2024-04-13",
)
REPORT = Document.create(
    "A think tank found Orlov Optics likely supplied optical sights to Ruritania.",
    published="2024-05-20",
)


def _optics_claims() -> list[Claim]:
    return [
        claim(
            WIRE,
            WIRE.text,
            "Orlov Optics Co Ltd",
            "lenses",
            item_category="optics",
            hs_codes=("9002",),
            end_uses=("tanks",),
            asserted_by="officials",
        ),
        claim(
            REWRITE,
            REWRITE.text,
            "Orlov Optics",
            "lenses",
            item_category="optics",
            hs_codes=("9001",),
            end_uses=("tanks",),
            asserted_by="officials",
        ),
        claim(
            REPORT,
            REPORT.text,
            "Orlov Optics",
            "optical sights",
            item_category="optics",
            hedged=True,
            chpl_tiers=("3",),
            asserted_by="a think tank",
        ),
    ]


def _write_optics(store: Store) -> None:
    docs = [WIRE, REWRITE, REPORT]
    store.write_batch(docs, [sole(c) for c in _optics_claims()])


def test_rewrite_of_one_story_counts_once(store: Store) -> None:
    store.write_batch([WIRE, REWRITE], [sole(c) for c in _optics_claims()[:2]])
    store.replace_story_relations([], [StoryCluster.create([WIRE.id, REWRITE.id])])
    [fact] = facts(store)
    assert (fact.claims, fact.documents, fact.stories) == (2, 2, 1)
    assert fact.supplier == "Orlov Optics"
    assert fact.recipient == "Ruritania"
    assert fact.item_category == "optics"


def test_documents_without_story_rows_are_separate_stories(store: Store) -> None:
    store.write_batch([WIRE, REWRITE], [sole(c) for c in _optics_claims()[:2]])
    [fact] = facts(store)
    assert (fact.documents, fact.stories) == (2, 2)


def test_aggregates_sets_shares_and_dates(store: Store) -> None:
    _write_optics(store)
    store.replace_story_relations([], [StoryCluster.create([WIRE.id, REWRITE.id])])
    [fact] = facts(store)
    assert fact == Fact(
        supplier="Orlov Optics",
        item_category="optics",
        recipient="Ruritania",
        polarity="asserted",
        items=("lenses", "optical sights"),
        claims=3,
        documents=3,
        stories=2,
        asserters=("a think tank", "officials"),
        denials=0,
        hedged_share=1 / 3,
        end_uses=("tanks",),
        hs_codes=("9001", "9002"),
        chpl_tiers=("3",),
        first_seen="2024-04-12",
        last_seen="2024-05-20",
        evidence=(WIRE.text, REPORT.text, REWRITE.text),
    )


def test_unknown_dates_give_no_first_seen(store: Store) -> None:
    undated = Document.create("Kestrel Motors sells engines to Ruritania.")
    store.write_batch([undated], [sole(claim(undated, undated.text, "Kestrel Motors", "engines"))])
    [fact] = facts(store)
    assert fact.first_seen is None and fact.last_seen is None
    assert fact.item_category == "engines"  # no category: the folded item text


def test_denials_count_same_recipient_or_none(store: Store) -> None:
    _write_optics(store)
    denial = Document.create(
        "The embassy denied that Orlov Optics sells optics. "
        "It also denied lenses went to Ruritania. "
        "It denied any lenses reached Borduria. "
        "It denied Orlov Optics sells drones to Ruritania."
    )
    sentences = denial.text.split(". ")
    denied = [
        claim(
            denial, sentences[0], "Orlov Optics", "optics", recipient=None, item_category="optics"
        ),
        claim(denial, sentences[1], "Orlov Optics", "lenses", item_category="optics"),
        claim(
            denial,
            sentences[2],
            "Orlov Optics",
            "lenses",
            recipient="Borduria",
            item_category="optics",
        ),
        claim(denial, sentences[3], "Orlov Optics", "drones", item_category="uav"),
    ]
    denied = [
        Claim(**{**c.to_dict(), "polarity": "denied", "asserted_by": "the embassy"}) for c in denied
    ]
    store.write_batch([denial], [Extraction(denial.id, claims=tuple(denied))])
    asserted = facts(store, polarity="asserted")
    assert [(f.item_category, f.denials) for f in asserted] == [("optics", 2)]
    denied_facts = facts(store, polarity="denied")
    assert len(denied_facts) == 4
    assert all(f.denials == 0 for f in denied_facts)
    assert facts(store, recipient="ruritania", polarity="asserted")[0].denials == 2


def test_filters(store: Store) -> None:
    _write_optics(store)
    other = Document.create("Kestrel Motors sells engines to Borduria.", published="2023-01-01")
    store.write_batch(
        [other],
        [
            sole(
                claim(
                    other,
                    other.text,
                    "Kestrel Motors",
                    "engines",
                    recipient="Borduria",
                    item_category="uav_engines",
                )
            )
        ],
    )
    assert len(facts(store)) == 2

    def suppliers(**kw: Any) -> list[str]:
        return [f.supplier for f in facts(store, **kw)]

    assert suppliers(supplier="orlov") == ["Orlov Optics"]
    assert suppliers(supplier="ORLOV OPTICS CO LTD") == ["Orlov Optics"]  # an alias
    assert suppliers(supplier="kestrel") == ["Kestrel Motors"]
    assert suppliers(supplier="nobody") == []
    assert suppliers(recipient="bordur") == ["Kestrel Motors"]
    assert suppliers(item="optics") == ["Orlov Optics"]  # category id
    assert suppliers(item="Optical components") == ["Orlov Optics"]  # category label
    assert suppliers(item="sights") == ["Orlov Optics"]  # item text
    assert suppliers(item="UAV") == ["Kestrel Motors"]  # parent category of uav_engines
    assert suppliers(item="100%_") == []  # wildcards are literal
    assert suppliers(polarity="denied") == []
    with pytest.raises(QueryError, match="polarity"):
        facts(store, polarity="maybe")


def test_order_most_stories_then_documents_then_names(store: Store) -> None:
    _write_optics(store)
    texts = ["Zeta Works sells bearings to Ruritania.", "Alpha Works sells bearings to Ruritania."]
    docs = [Document.create(t) for t in texts]
    store.write_batch(
        docs,
        [
            sole(claim(d, d.text, d.text.split(" sells")[0], "bearings", item_category="bearings"))
            for d in docs
        ],
    )
    order = [f.supplier for f in facts(store)]
    assert order == ["Orlov Optics", "Alpha Works", "Zeta Works"]
    assert facts(store) == facts(store)


def test_limit_keeps_the_first_facts_with_their_details(store: Store) -> None:
    _write_optics(store)
    other = Document.create("Kestrel Motors sells engines to Borduria.")
    store.write_batch([other], [sole(claim(other, other.text, "Kestrel Motors", "engines"))])
    everything = facts(store)
    assert len(everything) == 2
    assert facts(store, limit=1) == everything[:1]
    assert facts(store, limit=5) == everything
    assert facts(store, limit=0) == []
    with pytest.raises(QueryError, match="limit"):
        facts(store, limit=-1)
