"""``min_confidence``: scored claims below the bar drop out of facts; rule claims stay."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support import build_claim as claim

from supplytrace.model import Document, Extraction
from supplytrace.query import QueryError, facts
from supplytrace.store import Store, open_store

DOC = Document.create(
    "Varno Metals sells bearings to Ruritania. Kesh Optics ships lenses to Ruritania. "
    "Kesh Optics denied selling bearings to Ruritania.",
    published="2024-03-01",
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    rule = claim(DOC, "Varno Metals sells bearings to Ruritania.", "Varno Metals", "bearings")
    sure = claim(
        DOC,
        "Kesh Optics ships lenses to Ruritania.",
        "Kesh Optics",
        "lenses",
        confidence=0.9,
        decided_by=(("cue=ship", 1.2),),
    )
    unsure_denial = claim(
        DOC,
        "Kesh Optics denied selling bearings to Ruritania.",
        "Kesh Optics",
        "bearings",
        polarity="denied",
        confidence=0.3,
    )
    with open_store(tmp_path / "s.db") as opened:
        opened.write_batch([DOC], [Extraction(DOC.id, claims=(rule, sure, unsure_denial))])
        yield opened


def _keys(found: list) -> set[tuple[str, str]]:  # type: ignore[type-arg]
    return {(f.supplier, f.polarity) for f in found}


def test_min_confidence_keeps_rule_claims_and_scored_claims_above_it(store: Store) -> None:
    everything = _keys(facts(store))
    assert everything == {
        ("Varno Metals", "asserted"),
        ("Kesh Optics", "asserted"),
        ("Kesh Optics", "denied"),
    }
    assert _keys(facts(store, min_confidence=0.0)) == everything
    assert _keys(facts(store, min_confidence=0.5)) == {
        ("Varno Metals", "asserted"),
        ("Kesh Optics", "asserted"),
    }
    assert _keys(facts(store, min_confidence=0.95)) == {("Varno Metals", "asserted")}


def test_claims_keep_their_confidence_and_features_in_the_store(store: Store) -> None:
    by_item = {c.item: c for c in store.claims() if c.polarity == "asserted"}
    assert by_item["lenses"].confidence == 0.9
    assert by_item["lenses"].decided_by == (("cue=ship", 1.2),)
    assert by_item["bearings"].confidence is None and by_item["bearings"].decided_by == ()


def test_min_confidence_outside_0_1_is_refused(store: Store) -> None:
    with pytest.raises(QueryError, match="outside 0-1"):
        facts(store, min_confidence=1.5)


def test_a_fact_carries_its_surest_scored_claim(store: Store, tmp_path: Path) -> None:
    other = Document.create("Kesh Optics ships lenses to Ruritania by sea.", published="2024-04-01")
    moved = claim(other, other.text, "Kesh Optics", "lenses", confidence=0.6)
    store.write_batch([other], [Extraction(other.id, claims=(moved,))])
    by_key = {(f.supplier, f.polarity): f for f in facts(store)}
    assert by_key[("Kesh Optics", "asserted")].confidence == 0.9  # the max of 0.9 and 0.6
    assert by_key[("Kesh Optics", "denied")].confidence == 0.3
    assert by_key[("Varno Metals", "asserted")].confidence is None  # rules only
    # the summary table and the claim-level path (a filter on claim fields) agree
    dated = {(f.supplier, f.polarity): f.confidence for f in facts(store, since="2024-01")}
    assert dated == {k: f.confidence for k, f in by_key.items()}
