"""The story diff: shared and own sentences of each version, claims only one version makes."""

from __future__ import annotations

from support import build_claim

from supplytrace.dedup.diff import diff_story
from supplytrace.model import Claim, Document
from supplytrace.pipeline import fact_key


def _texts(diff_doc: Document, rows: list) -> list[str]:  # type: ignore[type-arg]
    return [diff_doc.text[s.span[0] : s.span[1]] for s in rows]


def test_each_version_s_own_sentences_and_what_it_shares(
    fixture_docs: dict[str, Document],
) -> None:
    original, syndicated, rewrite = (
        fixture_docs[name] for name in ("original", "syndicated", "rewrite")
    )
    diff = diff_story("story", [original, syndicated, rewrite], [], fact_key)
    assert diff.document_ids == tuple(sorted(d.id for d in (original, syndicated, rewrite)))
    own_rewrite = " ".join(_texts(rewrite, diff.own_sentences(rewrite.id)))
    assert "sanctions list in 2022" in own_rewrite
    own_syndicated = " ".join(_texts(syndicated, diff.own_sentences(syndicated.id)))
    assert "All rights reserved" in own_syndicated and "Read more" in own_syndicated
    # The copy keeps what the rewrite dropped, so nothing of the original is its own.
    assert diff.own_sentences(original.id) == []
    revenue = next(s for s in diff.sentences if "State Revenue Committee" in s.text)
    assert revenue.document_id in (original.id, syndicated.id)
    assert rewrite.id not in revenue.shared_with and revenue.shared_with
    for row in diff.sentences:
        doc = {d.id: d for d in (original, syndicated, rewrite)}[row.document_id]
        assert doc.text[row.span[0] : row.span[1]] == row.text


def test_claims_only_one_version_makes(fixture_docs: dict[str, Document]) -> None:
    original, rewrite = fixture_docs["original"], fixture_docs["rewrite"]
    stated = build_claim(
        original,
        "Precision ball bearings made by Ankara-based Demirtas Rulman have been reaching the "
        "Uralvagonzavod tank factory in Nizhny Tagil through two trading houses in Yerevan, "
        "according to customs invoices seen by Baltic Wire.",
        "Demirtas Rulman",
        "ball bearings",
        recipient="Uralvagonzavod",
        recipient_kind="org",
        item_category="bearings",
    )
    restated = build_claim(
        rewrite,
        "Invoices reviewed by Baltic Wire show that Demirtas Rulman, a bearing manufacturer "
        "based in Ankara, has had its precision ball bearings delivered to the Uralvagonzavod "
        "tank works in Nizhny Tagil by way of a pair of trading firms in Yerevan.",
        "Demirtas Rulman",
        "precision ball bearings",
        recipient="Uralvagonzavod",
        recipient_kind="org",
        item_category="bearings",
    )
    added = build_claim(
        rewrite,
        "The European Union put Uralvagonzavod on its sanctions list in 2022, cutting it off "
        "from European suppliers.",
        "European suppliers",
        "goods",
        recipient="Uralvagonzavod",
        recipient_kind="org",
        polarity="denied",
    )
    claims: list[Claim] = [stated, restated, added]
    diff = diff_story("story", [original, rewrite], claims, fact_key)
    assert diff.claims_only_in(rewrite.id) == [added]
    assert diff.claims_only_in(original.id) == []
    shared = {row.claim.id: row.also_in for row in diff.claims}
    assert shared[stated.id] == (rewrite.id,)
