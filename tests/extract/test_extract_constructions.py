"""One sentence per construction, written for these tests; each checks the roles extracted."""

from __future__ import annotations

import pytest
from support import claim_rows as claims_of

from supplytrace.model import Document

pytestmark = pytest.mark.slow


def test_active_verb_with_object_and_with_phrase(extractor) -> None:  # type: ignore[no-untyped-def]
    got = claims_of(extractor, "Officials said Belarus has supplied Russia with ball bearings.")
    assert got == [("Belarus", "ball bearings", "Russia", "asserted", False)]


def test_provide_to_recipient(extractor) -> None:  # type: ignore[no-untyped-def]
    got = claims_of(
        extractor, "Investigators said Zenith Optics Co Ltd provided thermal cameras to Russia."
    )
    assert got == [("Zenith Optics", "thermal cameras", "Russia", "asserted", False)]


def test_coordinated_items_give_one_claim_each(extractor) -> None:  # type: ignore[no-untyped-def]
    got = claims_of(
        extractor, "Analysts said Iran is shipping drone engines and artillery shells to Russia."
    )
    items = {g[1] for g in got}
    assert items == {"drone engines", "artillery shells"}
    assert {g[0] for g in got} == {"Iran"}


def test_such_as_list_of_suppliers(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "They said Chinese firms such as Harbin Lens Technology Co and Qiming Photonics Co Ltd "
        "supply optical components for use in Russian tanks."
    )
    got = claims_of(extractor, text)
    assert {g[0] for g in got} == {"Harbin Lens Technology", "Qiming Photonics"}
    assert {g[2] for g in got} == {"Russia"}


def test_received_made_by(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Russia has received night sights made by Chinese companies Orion Vision Technology and Polar Star Institute."
    got = claims_of(extractor, text)
    assert {g[0] for g in got} == {"Orion Vision Technology", "Polar Star Institute"}
    assert all(g[2] == "Russia" for g in got)


def test_came_from_with_quantity(extractor) -> None:  # type: ignore[no-untyped-def]
    doc = Document.create("Last year 80% of Russian chip imports came from China, officials said.")
    (claim,) = extractor.extract(doc).claims
    assert (claim.supplier, claim.recipient, claim.item_category) == (
        "China",
        "Russia",
        "microelectronics",
    )
    assert claim.quantity == "80%"


def test_denial_by_embassy_speaks_for_its_state(extractor) -> None:  # type: ignore[no-untyped-def]
    got = claims_of(extractor, "The Chinese embassy said it had not provided weapons to any party.")
    assert got == [("China", "weapons", "any party", "denied", False)]


def test_never_supplied_is_denied(extractor) -> None:  # type: ignore[no-untyped-def]
    got = claims_of(
        extractor, "China has never supplied lethal weapons to Russia, the ministry said."
    )
    assert [g[3] for g in got] == ["denied"]


def test_hedged_likely(extractor) -> None:  # type: ignore[no-untyped-def]
    got = claims_of(
        extractor, "Officials said Turkish companies are likely selling machine tools to Russia."
    )
    assert got == [("Türkiye", "machine tools", "Russia", "asserted", True)]


@pytest.mark.parametrize(
    "text",
    [
        "Washington urged Beijing to stop supplying machine tools to Russia.",
        "If China supplies weapons to Russia, it will face sanctions.",
        "The new rules ban the export of microelectronics to Russia.",
        "China is helping Russia without providing lethal aid.",
    ],
)
def test_not_a_supply_claim(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert claims_of(extractor, text) == []


def test_attribution_carries_to_they(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Senior defence officials briefed reporters on Tuesday. "
        "They said Kazakhstan is shipping microelectronics to Russia."
    )
    doc = Document.create(text)
    (claim,) = extractor.extract(doc).claims
    assert claim.asserted_by == "defence officials"


def test_item_taxonomy_hs_codes_and_chpl(extractor) -> None:  # type: ignore[no-untyped-def]
    doc = Document.create("Officials said Kyrgyz firms exported integrated circuits to Russia.")
    (claim,) = extractor.extract(doc).claims
    assert claim.item_category == "microelectronics"
    assert "8542" in claim.hs_codes
    assert claim.chpl_tiers == ("1",)


def test_extractor_names_itself_and_is_deterministic(extractor) -> None:  # type: ignore[no-untyped-def]
    doc = Document.create("Officials said Armenia re-exported radios to Russia.")
    first = extractor.extract(doc)
    second = extractor.extract(doc)
    assert first == second
    assert all(c.extractor.startswith("supplytrace.rules/") for c in first.claims)


def test_statement_date_resolves_against_the_story_date(extractor) -> None:  # type: ignore[no-untyped-def]
    doc = Document.create(
        "Officials said on Friday that Serbia shipped radios to Russia.", published="2024-04-13"
    )
    (claim,) = extractor.extract(doc).claims
    assert claim.stated_on == "2024-04-12"
    undated = Document.create(
        "Officials said Serbia shipped radios to Russia.", published="2024-04-13"
    )
    (claim,) = extractor.extract(undated).claims
    assert claim.stated_on == "2024-04-13"
