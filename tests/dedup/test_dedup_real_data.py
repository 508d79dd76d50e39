"""The gold near-duplicate and same-event pairs of the shared seed and dev documents."""

from __future__ import annotations

import pytest
from dedup_corpus import DATA, load_corpus

from supplytrace.dedup import relate_documents
from supplytrace.dedup.embed import MODE_VARIABLE, installed

pytestmark = pytest.mark.skipif(not (DATA / "dev" / "gold.jsonl").exists(), reason="no shared data")


@pytest.fixture(
    params=[
        "off",
        pytest.param(
            "on",
            marks=pytest.mark.skipif(not installed(), reason="embeddings extra not installed"),
        ),
    ]
)
def embeddings(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test runs with word overlap only and again with sentence embeddings."""
    monkeypatch.setenv(MODE_VARIABLE, request.param)
    return str(request.param)


@pytest.mark.usefixtures("embeddings")
def test_gold_relations_are_found_exactly() -> None:
    docs, near, same = load_corpus()
    name = {doc.id: doc.source_path for doc in docs}
    result = relate_documents(docs)
    found = {
        relation: {
            frozenset((name[p.a], name[p.b])) for p in result.pairs if p.relation == relation
        }
        for relation in ("near_duplicate", "same_event")
    }
    assert found["near_duplicate"] == near
    assert found["same_event"] == same


@pytest.mark.usefixtures("embeddings")
def test_seed_rewrite_is_one_story() -> None:
    docs, _, _ = load_corpus()
    by_name = {doc.source_path: doc for doc in docs}
    result = relate_documents(docs)
    seed_a = by_name["000_8f3c7bcf3abbe953.txt"]
    seed_b = by_name["004_da9b9263b5f4520b.txt"]
    assert result.cluster_of(seed_a.id) == result.cluster_of(seed_b.id)
