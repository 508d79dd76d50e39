"""The query layer on a store built from the seed and dev sets: the analyst's questions."""

from __future__ import annotations

import pytest

import supplytrace
from supplytrace.query import QueryError, entity, facts, find_entity, paths
from supplytrace.store import Store


def triples(found: list) -> set[tuple[str, str, str | None, str]]:  # type: ignore[type-arg]
    return {(f.supplier, f.item_category, f.recipient, f.polarity) for f in found}


def test_supplier_filter_finds_dalian_machine_tools_to_russia(dev_store: Store) -> None:
    found = facts(dev_store, supplier="Dalian Machine Tool")
    assert ("Dalian Machine Tool Group", "machine_tools", "Russia", "asserted") in triples(found)


def test_item_filter_finds_wuhan_tongsheng_optics(dev_store: Store) -> None:
    found = facts(dev_store, item="optics", recipient="Russia")
    assert ("Wuhan Tongsheng Technology", "optics", "Russia", "asserted") in triples(found)
    assert all(f.item_category == "optics" for f in found)


def test_china_denies_weapons(dev_store: Store) -> None:
    denied = facts(dev_store, supplier="China", polarity="denied")
    assert ("China", "weapons_ammunition", "Russia", "denied") in triples(denied)
    asserted = facts(dev_store, supplier="China", item="weapons", polarity="asserted")
    assert any(f.denials > 0 for f in asserted)  # the denial counts against the assertion


def test_hs_code_and_chpl_tier(dev_store: Store) -> None:
    by_hs = facts(dev_store, hs_code="8542")
    assert by_hs and all(any(c.startswith("8542") for c in f.hs_codes) for f in by_hs)
    by_tier = facts(dev_store, chpl_tier="3")
    assert ("Wuhan Tongsheng Technology", "optics", "Russia", "asserted") in triples(by_tier)
    assert all(any(t.split(".")[0] == "3" for t in f.chpl_tiers) for f in by_tier)
    assert all("3.B" in f.chpl_tiers for f in facts(dev_store, chpl_tier="3.b"))


def test_end_use_dates_and_min_stories(dev_store: Store) -> None:
    missiles = facts(dev_store, end_use="cruise missiles")
    assert missiles and all(any("cruise" in e for e in f.end_uses) for f in missiles)
    recent = facts(dev_store, since="2025-01-01")
    assert recent and all(f.last_seen and f.last_seen >= "2025" for f in recent)
    april = facts(dev_store, until="2024-04")
    assert ("Dalian Machine Tool Group", "machine_tools", "Russia", "asserted") in triples(april)
    strong = facts(dev_store, min_stories=3)
    assert strong and all(f.stories >= 3 for f in strong)
    assert ("China", "machine_tools", "Russia", "asserted") in triples(strong)


def test_bad_arguments_name_the_fix(dev_store: Store) -> None:
    with pytest.raises(QueryError, match="YYYY"):
        facts(dev_store, since="last year")
    with pytest.raises(QueryError, match="CHPL"):
        facts(dev_store, chpl_tier="9")
    with pytest.raises(QueryError, match="FactFilter"):
        facts(dev_store, colour="red")


def test_entity_dossier(dev_store: Store) -> None:
    dossier = entity(dev_store, "Wuhan Tongsheng")
    assert dossier.entity.name == "Wuhan Tongsheng Technology"
    assert "Wuhan Tongsheng Technology Co Ltd" in dossier.entity.aliases
    assert [(f.item_category, f.recipient) for f in dossier.as_supplier] == [("optics", "Russia")]
    assert dossier.document_total == 2 and len(dossier.stories) == 1  # wire + rewrite: one story
    assert dossier.timeline and dossier.timeline[0].date == "2024-04-13"

    china = entity(dev_store, "China")  # the exact name wins over "North China Research ..."
    assert ("China", "weapons_ammunition", "Russia", "denied") in triples(list(china.denials))
    russia = entity(dev_store, "Russia")
    assert any(f.supplier == "Dalian Machine Tool Group" for f in russia.as_recipient)
    assert russia.to_dict()["entity"]["name"] == "Russia"


def test_find_entity_refuses_ambiguity(dev_store: Store) -> None:
    with pytest.raises(QueryError, match="entities"):
        find_entity(dev_store, "Wuhan")
    with pytest.raises(QueryError, match="no entity"):
        find_entity(dev_store, "Acme Widgets")


def test_paths_to_goods_end_use_and_recipient(dev_store: Store) -> None:
    to_drones = paths(dev_store, "Beijing Xichao", "drones")
    assert to_drones and to_drones[0].hops[0].recipient == "IEMZ Kupol"
    assert to_drones[0].hops[-1].item_category == "uav"
    to_missiles = paths(dev_store, "China", "cruise missiles")
    assert any(p.reaches == "end use" for p in to_missiles)
    direct = paths(dev_store, "Dalian Machine Tool Group", "Russia")
    assert [p.describe() for p in direct] == ["Dalian Machine Tool Group -[machine_tools]-> Russia"]
    with pytest.raises(QueryError, match="names no entity"):
        paths(dev_store, "China", "zeppelins")


def test_python_api(dev_store_path) -> None:  # type: ignore[no-untyped-def]
    with supplytrace.open(dev_store_path) as st:
        assert st.facts(supplier="Dalian", limit=1)[0].recipient == "Russia"
        assert st.entity("Dalian Machine Tool Group").as_supplier
        assert st.path("Beijing Xichao", "drones")


def test_no_denials_speaker_asserts_what_he_denies(dev_store: Store) -> None:
    """Issue 12: a denial's speaker is never an asserter of the claim denied (dev has a
    spokesman answering a president's claim in one sentence)."""
    claims = dev_store.claims()
    denied = {
        (c.document_id, c.sentence_span, c.supplier, c.asserted_by)
        for c in claims
        if c.polarity == "denied" and c.asserted_by
    }
    assert denied
    contradictions = [
        c
        for c in claims
        if c.polarity == "asserted"
        and (c.document_id, c.sentence_span, c.supplier, c.asserted_by) in denied
    ]
    assert contradictions == []
