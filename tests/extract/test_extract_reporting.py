"""Constructions of real reporting, one test each, in sentences written for these tests.

Each names the construction it covers (issue 3): passive and reversed statements, nominal and
headline forms, located groups, supplier nouns, relative clauses, contracts, antecedents,
attribution, denials, hedges, shares with quantities and periods.
"""

from __future__ import annotations

import pytest
from support import Row
from support import claim_rows as claims_of

from supplytrace.model import Document

pytestmark = pytest.mark.slow


def test_imports_from_an_alias_of_a_country(extractor) -> None:  # type: ignore[no-untyped-def]
    got = claims_of(
        extractor,
        "Customs data show that imports from the PRC supplied most of the ball bearings Russia needed in 2023.",
    )
    assert ("China", "ball bearings", "Russia", "asserted", False) in got


def test_possessive_provision_of_goods_to_a_recipient(extractor) -> None:  # type: ignore[no-untyped-def]
    got = claims_of(
        extractor,
        "Prosecutors described Kestrel Components Ltd's provision of gyroscopes to the Russian air force.",
    )
    assert got == [("Kestrel Components", "gyroscopes", "Russia", "asserted", False)]


def test_passive_procured_from(extractor) -> None:  # type: ignore[no-untyped-def]
    got = claims_of(
        extractor,
        "Investigators said the radar modules were procured from Lumen Microsystems Co through a broker.",
    )
    assert [(g[0], g[1]) for g in got] == [("Lumen Microsystems", "radar modules")]


def test_shipped_via_front_companies(extractor) -> None:  # type: ignore[no-untyped-def]
    got = claims_of(
        extractor,
        "The documents show that Chinese-made servo motors were shipped via front companies to Russia.",
    )
    assert got == [("China", "servo motors", "Russia", "asserted", False)]


def test_headline_participle_without_auxiliary(extractor) -> None:  # type: ignore[no-untyped-def]
    got = claims_of(extractor, "Iranian Engines Shipped to Russia Under False Labels")
    assert got == [("Iran", "Engines", "Russia", "asserted", False)]


def test_relative_clause_gives_the_end_use(extractor) -> None:  # type: ignore[no-untyped-def]
    doc = Document.create(
        "Officials said Orbis Trading exported microcontrollers, which Russia used to produce cruise missiles."
    )
    (claim,) = extractor.extract(doc).claims
    assert (claim.supplier, claim.item, claim.recipient) == (
        "Orbis Trading",
        "microcontrollers",
        "Russia",
    )
    assert claim.end_uses == ("cruise missiles",)
    assert claim.asserted_by == "Officials"


def test_relative_clause_about_goods_named_earlier(extractor) -> None:  # type: ignore[no-untyped-def]
    got = claims_of(
        extractor,
        "The measures aim to choke the flow of gyroscopes to Russia — hardware that officials say "
        "Kazakhstan is supplying to Moscow.",
    )
    assert ("Kazakhstan", "gyroscopes", "Russia", "asserted", False) in got


def test_according_to_a_document_is_the_asserter(extractor) -> None:  # type: ignore[no-untyped-def]
    doc = Document.create(
        "According to a customs filing, Vantor Electronics sold 4,000 navigation modules to a Belarusian defence plant."
    )
    (claim,) = extractor.extract(doc).claims
    assert (claim.supplier, claim.recipient, claim.asserted_by) == (
        "Vantor Electronics",
        "Belarus",
        "customs filing",
    )


def test_unaware_of_any_exports_is_a_hedged_denial_by_the_speakers_state(extractor) -> None:  # type: ignore[no-untyped-def]
    got = claims_of(
        extractor, "Beijing said that it was unaware of any exports of rifle scopes to Russia."
    )
    assert got == [("China", "rifle scopes", "Russia", "denied", True)]


@pytest.mark.parametrize(
    "text",
    [
        "Kestrel Components allegedly shipped thermal imagers to Russia.",
        "Orbis Trading may have provided microchips to Russia.",
        "Russian tank factories reportedly received optical sights from Chinese suppliers.",
    ],
)
def test_hedges(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    got = claims_of(extractor, text)
    assert got and all(g[3] == "asserted" and g[4] for g in got)
    assert all(g[2] == "Russia" for g in got)


def test_entities_based_in_countries_involved_in_supply(extractor) -> None:  # type: ignore[no-untyped-def]
    got = claims_of(
        extractor,
        "Today's designations target entities based in India and Serbia involved in the supply of "
        "goods including microelectronics and ball bearings to Russia.",
    )
    assert {(g[0], g[1], g[2]) for g in got} == {
        (country, item, "Russia")
        for country in ("India", "Serbia")
        for item in ("microelectronics", "ball bearings")
    }


def test_suppliers_of_goods_based_in_countries(extractor) -> None:  # type: ignore[no-untyped-def]
    got = claims_of(
        extractor,
        "The sanctions hit suppliers of navigation equipment to Russia's defence sector based in "
        "Kazakhstan and Armenia.",
    )
    assert {(g[0], g[1], g[2]) for g in got} == {
        ("Kazakhstan", "navigation equipment", "Russia"),
        ("Armenia", "navigation equipment", "Russia"),
    }


def test_supplier_noun_with_goods_compound(extractor) -> None:  # type: ignore[no-untyped-def]
    got = claims_of(
        extractor,
        "Russia's arms plants rely on them: the list includes three Chinese machine tool suppliers.",
    )
    assert [(g[0], g[1]) for g in got] == [("China", "machine tool")]


def test_share_of_imports_with_quantity_and_period(extractor) -> None:  # type: ignore[no-untyped-def]
    doc = Document.create(
        "China accounted for 90% of Russia's microelectronics imports in 2023, officials said."
    )
    (claim,) = extractor.extract(doc).claims
    assert (claim.supplier, claim.item, claim.recipient) == ("China", "microelectronics", "Russia")
    assert (claim.quantity, claim.period) == ("90%", "2023")
    assert claim.item_category == "microelectronics" and claim.hs_codes == ("8542",)


def test_contract_to_build_named_product(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Strela Works makes the Kopyo-2 attack drone. "
        "Strela Works signed a new contract with the Russian Ministry of Defence to build 3,000 Kopyo-2."
    )
    extraction = extractor.extract(Document.create(text))
    rows = {(c.supplier, c.item, c.recipient) for c in extraction.claims}
    assert ("Strela Works", "Kopyo-2 drones", "Russian Ministry of Defence") in rows
    assert "Kopyo-2" not in extraction.organizations()


def test_the_company_refers_to_the_firm_named_before(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A letter from Strela Works showed that the company had signed a new contract with the Russian "
        "Ministry of Defence to supply 500 loitering munitions."
    )
    got = claims_of(extractor, text)
    assert [(g[0], g[2]) for g in got] == [("Strela Works", "Russian Ministry of Defence")]


def test_unnamed_maker_resolves_to_the_firm_introduced_next(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Orbis Trading shipped engines to a state-owned missile maker in Russia. "
        "The shipments let Russian arms manufacturer Almaz Plant expand output."
    )
    got = claims_of(extractor, text)
    assert [(g[0], g[1], g[2]) for g in got] == [("Orbis Trading", "engines", "Almaz Plant")]


def test_known_bodies_by_short_form(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The E.U. and the G-7 said Ukraine's military intelligence had briefed them, REUTERS reported."
    orgs = extractor.extract(Document.create(text)).organizations()
    assert {"European Union", "G7", "Ukrainian Defence Intelligence (HUR)", "Reuters"} <= set(orgs)


def test_regulating_foreign_sales_is_not_a_supply_claim(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The ministry said China strictly controls exports of dual-use goods to all countries."
    assert claims_of(extractor, text) == []


def test_goods_used_by_a_firm_and_made_by_another(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Analysts said Strela Works builds the Kopyo-2 using Korean technology, including DL-90 "
        "engines made by Kestrel Motors Co Ltd."
    )
    got = claims_of(extractor, text)
    assert [(g[0], g[2]) for g in got] == [("Kestrel Motors", "Strela Works")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # designation notices describe a party, then what it did
        (
            "Orion Parts Ltd is a Hong Kong-based supplier of electronic components that has "
            "shipped over $1 million of high priority items to Russia-based Tesla Avionika.",
            ("Orion Parts", "high priority items", "Tesla Avionika"),
        ),
        (
            "OFAC is designating Sunrise Component Co, a PRC-based company that supplies Russian "
            "defense firms with UAV components.",
            ("Sunrise Component", "UAV components", "Russia"),
        ),
        (
            "Since 2022, Maple Electronics has exported more than 100 shipments of "
            "microelectronics to Russian entities, including sanctioned Radiant JSC.",
            ("Maple Electronics", "microelectronics", "Russia"),
        ),
        (
            "Russia-based Tesla Avionika has procured Western-origin electronic components from "
            "Orion Parts Ltd.",
            ("Orion Parts", "electronic components", "Tesla Avionika"),
        ),
        (
            "Nordic Bearing Trade, a UAE-registered firm, sold ball bearings worth $2 million to "
            "the Russian tank manufacturer Uralvagonzavod.",
            ("Nordic Bearing Trade", "ball bearings", "Uralvagonzavod"),
        ),
        (
            "India has emerged as a major supplier of machine tools to Russia, the report said.",
            ("India", "machine tools", "Russia"),
        ),
    ],
)
def test_press_release_forms(extractor, text: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    got = claims_of(extractor, text)
    assert expected in {(g[0], g[1], g[2]) for g in got}


def test_a_denying_body_is_the_asserter(extractor) -> None:  # type: ignore[no-untyped-def]
    doc = Document.create(
        "The Turkish Foreign Ministry rejected claims that Turkish companies had supplied military goods to Russia."
    )
    (claim,) = extractor.extract(doc).claims
    assert (claim.supplier, claim.polarity, claim.asserted_by) == (
        "Türkiye",
        "denied",
        "Turkish Foreign Ministry",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # machine-paraphrased rewrites: odd words and word order, same facts
        (
            "Corporations of Chinese origin are furnishing to the Russian Federation tooling "
            "machines and micro electronics, US functionaries told.",
            {("China", "tooling machines", "Russia"), ("China", "micro electronics", "Russia")},
        ),
        (
            "As per American authorities, Chinese enterprises deliver Russia optical parts for its tanks.",
            {("China", "optical parts", "Russia")},
        ),
        (
            "Russian arms makers are buying Chinese nitrocellulose, officials said.",
            {("China", "nitrocellulose", "Russia")},
        ),
    ],
)
def test_paraphrased_forms(extractor, text: str, expected: set[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert {(g[0], g[1], g[2]) for g in claims_of(extractor, text)} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The US accuses Chinese companies of supplying drone parts to Russia.",
            ("China", "drone parts", "Russia", "asserted", True),
        ),
        (
            "Kazakh exporters re-exported EU-made microchips to Russia.",
            ("Kazakhstan", "microchips", "Russia", "asserted", False),
        ),
        (
            "The report found that Turkish firms were a conduit for dual-use goods bound for Russia.",
            ("Türkiye", "dual use goods", "Russia", "asserted", False),
        ),
        (
            "Ukraine has found North Korean components in Russian missiles.",
            ("North Korea", "components", "Russia", "asserted", False),
        ),
        (
            "China is not supplying Russia with weapons and never will, the foreign ministry said.",
            ("China", "weapons", "Russia", "denied", False),
        ),
    ],
)
def test_accusations_re_exports_conduits_and_finds(extractor, text: str, expected: Row) -> None:  # type: ignore[no-untyped-def]
    assert expected in claims_of(extractor, text)


def test_goods_found_in_something_that_is_not_a_weapon_are_not_supplied(extractor) -> None:  # type: ignore[no-untyped-def]
    assert claims_of(extractor, "Inspectors found Chinese chips in a warehouse in Riga.") == []


def test_parts_of_a_product_go_to_its_maker(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Strela Works signed a new contract with the Russian Ministry of Defence to supply 300 "
        "Kopyo-2 attack drones. Investigators said the Chinese-made parts of the drone "
        "include the engine and the flight controller."
    )
    got = {(g[0], g[1], g[2]) for g in claims_of(extractor, text)}
    assert ("China", "engine", "Strela Works") in got
    assert ("China", "flight controller", "Strela Works") in got


def test_short_form_of_an_organisation_takes_its_full_name(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Russian weapons maker Almaz Strela Plant builds the Kopyo-2 drone. "
        "Kestrel Motors began supplying engines to Strela Plant in May."
    )
    extraction = extractor.extract(Document.create(text))
    assert "Strela Plant" not in extraction.organizations()
    assert {c.recipient for c in extraction.claims} == {"Almaz Strela Plant"}
    written = {m.text for m in extraction.mentions if m.name == "Almaz Strela Plant"}
    assert written == {"Almaz Strela Plant", "Strela Plant"}


def test_a_product_named_in_the_plural_keeps_its_name(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Strela Works makes the Harpy-A1 strike drone. Strela Works signed a new contract with the "
        "Russian Ministry of Defence to build 300 Harpies."
    )
    items = {g[1] for g in claims_of(extractor, text)}
    assert "Harpy drones" in items


@pytest.mark.parametrize("mode", ["rules", "hybrid"])
def test_the_claim_a_denial_answers_is_its_owners(mode: str) -> None:
    from supplytrace.extract import Extractor

    doc = Document.create(
        "Iran has never sold combat drones to either side, the foreign ministry spokesman Arash "
        "Dehvari said, responding to Senator Mira Kellan's claim that Iran is selling drones and "
        "spare engines to Russia."
    )
    claims = Extractor(mode=mode).extract(doc).claims
    denied = [c for c in claims if c.polarity == "denied"]
    asserted = [c for c in claims if c.polarity == "asserted"]
    assert denied and all("Dehvari" in (c.asserted_by or "") for c in denied)
    assert {c.item for c in asserted} >= {"drones"}
    # the spokesman denies; the senator's claim is hers, and hedged ("claim")
    assert all(c.asserted_by == "Senator Mira Kellan" and c.hedged for c in asserted)
