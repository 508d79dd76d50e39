from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supplytrace.dedup import align, relate_documents
from supplytrace.dedup.embed import MODE_VARIABLE
from supplytrace.model import Document

STORY = ("original", "syndicated", "excerpt", "rewrite", "garbled")


@pytest.fixture(autouse=True)
def _word_overlap_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about word-overlap verification; test_dedup_embeddings adds embeddings."""
    monkeypatch.setenv(MODE_VARIABLE, "off")


def _relation(docs: dict[str, Document], first: str, second: str) -> str | None:
    result = relate_documents([docs[first], docs[second]])
    return result.pairs[0].relation if result.pairs else None


def test_exact_copy_is_one_document(fixture_docs: dict[str, Document]) -> None:
    original = fixture_docs["original"]
    copy = Document.create(original.text + "\n", outlet="Mirror site")
    result = relate_documents([original, copy])
    assert copy.id == original.id
    assert result.pairs == ()
    assert [c.document_ids for c in result.clusters] == [(original.id,)]


def test_copies_rewrites_and_paraphrases_are_near_duplicates(
    fixture_docs: dict[str, Document],
) -> None:
    for version in STORY[1:]:
        assert _relation(fixture_docs, "original", version) == "near_duplicate", version


def test_story_versions_form_one_cluster(fixture_docs: dict[str, Document]) -> None:
    result = relate_documents(list(fixture_docs.values()))
    story = result.cluster_of(fixture_docs["original"].id)
    assert set(story.document_ids) == {fixture_docs[name].id for name in STORY}
    assert len(result.clusters) == len(fixture_docs) - len(STORY) + 1


def test_separate_reports_of_one_event_are_same_event(fixture_docs: dict[str, Document]) -> None:
    assert _relation(fixture_docs, "sanctions_release", "sanctions_news") == "same_event"


def test_next_round_of_sanctions_is_unrelated(fixture_docs: dict[str, Document]) -> None:
    assert _relation(fixture_docs, "sanctions_release", "sanctions_next_round") is None
    assert _relation(fixture_docs, "sanctions_news", "sanctions_next_round") is None


def test_story_from_the_same_template_is_unrelated(fixture_docs: dict[str, Document]) -> None:
    # Same outlet, same sentence frames, other companies, goods and places: not one story.
    assert _relation(fixture_docs, "original", "template_story") is None


def test_different_topics_are_unrelated(fixture_docs: dict[str, Document]) -> None:
    for other in ("unrelated", "sanctions_release"):
        assert _relation(fixture_docs, "original", other) is None


def test_result_is_deterministic_and_order_free(fixture_docs: dict[str, Document]) -> None:
    docs = list(fixture_docs.values())
    forward = relate_documents(docs)
    assert relate_documents(docs) == forward
    assert relate_documents(docs[::-1]) == forward


def test_lsh_candidates_find_the_same_relations(fixture_docs: dict[str, Document]) -> None:
    docs = list(fixture_docs.values())
    assert relate_documents(docs, exhaustive_limit=0).pairs == relate_documents(docs).pairs


def test_alignment_separates_shared_and_own_sentences(fixture_docs: dict[str, Document]) -> None:
    original, rewrite = fixture_docs["original"], fixture_docs["rewrite"]
    result = align(original, rewrite)
    own_rewrite = [rewrite.text[s:e] for s, e in result.b_own]
    own_original = [original.text[s:e] for s, e in result.a_own]
    shared_rewrite = [rewrite.text[s:e] for s, e in result.b_shared]
    assert any("sanctions list in 2022" in text for text in own_rewrite)
    assert any("State Revenue Committee" in text for text in own_original)
    assert any("Araks Commerce" in text for text in shared_rewrite)
    spans = sorted(result.b_shared + result.b_own)
    assert len(spans) == len(set(spans))


def test_boilerplate_lines_are_the_copy_s_own(fixture_docs: dict[str, Document]) -> None:
    original, syndicated = fixture_docs["original"], fixture_docs["syndicated"]
    result = align(original, syndicated)
    assert result.a_own == ()
    own = " ".join(syndicated.text[s:e] for s, e in result.b_own)
    assert "All rights reserved" in own and "Read more" in own


_sentences = st.sampled_from(
    [
        "Kinwah Electronics shipped 400 chips to a Moscow plant in May.",
        "The ministry denied that any engines were sold to the army.",
        "Bearings worth $3 million went through two traders in Yerevan.",
        "Officials said the drones were assembled from imported parts.",
        "Read more.",
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_sentences, min_size=1, max_size=4).map(" ".join), max_size=7))
def test_clusters_partition_the_input_ids(texts: list[str]) -> None:
    docs = [Document.create(text) for text in texts]
    result = relate_documents(docs)
    ids = [doc_id for cluster in result.clusters for doc_id in cluster.document_ids]
    assert sorted(ids) == sorted({doc.id for doc in docs})
    for doc in docs:
        assert doc.id in result.cluster_of(doc.id).document_ids
    for pair in result.pairs:
        assert pair.a < pair.b
        if pair.relation == "near_duplicate":
            assert result.cluster_of(pair.a) == result.cluster_of(pair.b)
    for first, second in itertools.combinations(result.clusters, 2):
        assert not set(first.document_ids) & set(second.document_ids)
