"""Name normalisation and pairwise scores: variants agree, hard negatives do not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplytrace.names.normalise import normalise, variants
from supplytrace.resolve import THRESHOLD, compare_names

SAME = [
    ("Wuhan Tongsheng Technology Co Ltd", "WUHAN TONGSHENG TECHNOLOGY CO., LTD."),
    ("Wuhan Tongsheng Technology Co Ltd", "Wuhan Tongsheng Technology"),
    ("Wuhan Tongsheng Technology", "Tongsheng Technology (Wuhan) Co., Ltd."),
    ("Wuhan Tongsheng Technology", "Wuhan Tong Sheng Technology"),
    ("Wuhan Tongsheng Technology", "Wuhan Tonsgheng Tech Co"),
    ("OOO Aleksandr", "Alexander LLC"),
    ("ООО «Звезда Оптика»", "OOO Zvezda Optika"),
    ("AO Yuriy Elektronika", "Jurij Elektronika JSC"),
    ("Özgür Savunma Sanayi ve Ticaret A.Ş.", "OZGUR SAVUNMA SAN. VE TIC. LTD. STI."),
    ("Sapphire Gulf General Trading FZE", "Sapphire Gulf FZE"),
    ("Beijing Xichao International Technology and Trade", "Beijing Xichao Intl Tech Trade"),
    ("Shenzhen Huayi Import & Export Co., Ltd", "Shenzhen Huayi Co"),
]
DIFFERENT = [
    ("Wuhan Tongsheng Technology Co Ltd", "Wuhan Guide Technology Co Ltd"),
    ("Beijing Xichao Technology", "Shanghai Xichao Technology"),
    ("Huawei Electronics Co Ltd", "Huawei Logistics Co Ltd"),
    ("OOO Zvezda", "OOO Kristall"),
    ("Sapphire Gulf FZE", "Coral Gulf FZE"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_variants_of_one_name_match(a: str, b: str) -> None:
    match = compare_names(a, b)
    assert match.score >= THRESHOLD, match


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_hard_negatives_do_not_match(a: str, b: str) -> None:
    match = compare_names(a, b)
    assert match.score < THRESHOLD, match


def test_scores_explain_themselves() -> None:
    match = compare_names("Wuhan Tongsheng Technology", "Wuhan Guide Technology")
    assert match.features["distinctive_differ"] == ["tongsheng", "guide"]
    assert compare_names("Beijing X Trade", "Shanghai X Trade").features["place_differ"]
    assert "near_tokens" in compare_names("Tongsheng Wuhan", "Tonsgheng Wuhan").features


def test_countries_that_differ_lower_the_score() -> None:
    same = compare_names("Zvezda Optika", "Zvezda Optika", ["ru"], ["ru"])
    other = compare_names("Zvezda Optika", "Zvezda Optika", ["ru"], ["cn"])
    assert other.score < same.score and other.features["country_differ"] == ["cn", "ru"]


def test_legal_forms_anywhere_and_parenthesised_variants() -> None:
    assert normalise("OOO Kupol JSC").tokens == normalise("Kupol").tokens
    assert normalise("Kupol Import & Export Co Ltd").tokens == normalise("Kupol").tokens
    assert variants("Ukrainian Defence Intelligence (HUR)") == (
        "Ukrainian Defence Intelligence",
        "HUR",
    )
    assert compare_names("Ukrainian Defence Intelligence (HUR)", "HUR").score == 1.0


@given(st.text(max_size=40), st.text(max_size=40))
def test_scores_are_bounded_and_symmetric_enough(a: str, b: str) -> None:
    score = compare_names(a, b).score
    assert 0.0 <= score <= 1.0
    assert compare_names(a, a).score in (0.0, 1.0)
