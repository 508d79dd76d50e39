"""Writing batches: idempotence, atomicity, entity merging, story relations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support import build_claim as claim

from supplytrace.errors import StoreError
from supplytrace.model import (
    Claim,
    Document,
    DocumentPair,
    Extraction,
    Mention,
    Skipped,
    StoryCluster,
)
from supplytrace.store import Store, open_store


def mention(document: Document, text: str, kind: Any = "org", name: str | None = None) -> Mention:
    start = document.text.index(text)
    return Mention(start, start + len(text), text, kind, name or text)


FIRST = Document.create(
    "Officials said Wuhan Tongsheng Technology Co Ltd sold radar parts to Ruritania. "
    "The firm did not reply.",
    published="2024-03-01",
    source_path="a.txt",
)
SECOND = Document.create(
    "Wuhan Tongsheng Technology shipped gyroscopes to Ruritania, a report said.",
    published="2024-03-05",
    source_path="b.txt",
)


def extraction_of_first() -> Extraction:
    sentence = "Officials said Wuhan Tongsheng Technology Co Ltd sold radar parts to Ruritania."
    return Extraction(
        FIRST.id,
        mentions=(
            mention(FIRST, "Wuhan Tongsheng Technology Co Ltd"),
            mention(FIRST, "Ruritania", "country"),
        ),
        claims=(
            claim(
                FIRST,
                sentence,
                "Wuhan Tongsheng Technology Co Ltd",
                "radar parts",
                item_category="radar",
                hs_codes=("8526.10",),
                asserted_by="officials",
            ),
        ),
    )


def extraction_of_second() -> Extraction:
    sentence = "Wuhan Tongsheng Technology shipped gyroscopes to Ruritania, a report said."
    return Extraction(
        SECOND.id,
        mentions=(mention(SECOND, "Wuhan Tongsheng Technology"),),
        claims=(claim(SECOND, sentence, "Wuhan Tongsheng Technology", "gyroscopes"),),
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(tmp_path / "store.db")


def test_same_batch_twice_changes_nothing(store: Store) -> None:
    batch = ([FIRST, SECOND], [extraction_of_first(), extraction_of_second()])
    first = store.write_batch(*batch, skipped=[Skipped("c.bin", "not text")])
    counts = store.counts()
    again = store.write_batch(*batch, skipped=[Skipped("c.bin", "not text")])
    assert (first.documents_added, first.documents_present, first.claims_added) == (2, 0, 2)
    assert (again.documents_added, again.documents_present, again.claims_added) == (0, 2, 0)
    assert store.counts() == counts
    assert counts["documents"] == 2 and counts["claims"] == 2 and counts["skipped"] == 1


def test_claims_read_back_equal(store: Store) -> None:
    extraction = extraction_of_first()
    store.write_batch([FIRST], [extraction])
    assert store.claims(FIRST.id) == list(extraction.claims)
    assert store.claims() == list(extraction.claims)
    assert store.claims("no-such-document") == []
    assert list(store.documents()) == [FIRST]


def test_broken_span_rolls_back_the_whole_batch(store: Store) -> None:
    store.write_batch([FIRST], [extraction_of_first()])
    before = store.counts()
    good = extraction_of_second().claims[0]
    broken = Claim(**{**good.to_dict(), "sentence_span": (1, len(good.evidence) + 1)})
    with pytest.raises(StoreError, match="sentence span"):
        store.write_batch([SECOND], [Extraction(SECOND.id, claims=(broken,))])
    assert store.counts() == before
    assert not store.has_document(SECOND.id)
    assert store.document(FIRST.id) == FIRST


def test_extraction_without_document_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="same batch"):
        store.write_batch([], [extraction_of_second()])
    assert store.counts()["documents"] == 0


def test_extraction_of_stored_document_is_not_rewritten(store: Store) -> None:
    store.write_batch([FIRST], [Extraction(FIRST.id)])
    result = store.write_batch([], [extraction_of_first()])
    assert result.claims_added == 0
    assert store.claims() == []


def test_two_spellings_of_one_company_are_one_entity(store: Store) -> None:
    store.write_batch([FIRST, SECOND], [extraction_of_first(), extraction_of_second()])
    orgs = [e for e in store.entities() if e.kind == "org"]
    assert len(orgs) == 1
    assert orgs[0].name == "Wuhan Tongsheng Technology"
    assert set(orgs[0].aliases) == {
        "Wuhan Tongsheng Technology Co Ltd",
        "Wuhan Tongsheng Technology",
    }
    suppliers = set(store.rows("SELECT DISTINCT supplier_entity FROM claims"))
    assert suppliers == {(orgs[0].id,)}
    countries = [e for e in store.entities() if e.kind == "country"]
    assert [e.name for e in countries] == ["Ruritania"]


def test_skipped_file_that_reads_later_is_no_longer_skipped(store: Store) -> None:
    store.write_batch([], [], skipped=[Skipped("a.txt", "timeout")])
    assert store.counts()["skipped"] == 1
    store.write_batch([FIRST], [])
    assert store.counts()["skipped"] == 0


def test_story_relations_are_replaced(store: Store) -> None:
    store.write_batch([FIRST, SECOND], [])
    cluster = StoryCluster.create([FIRST.id, SECOND.id])
    pair = DocumentPair(FIRST.id, SECOND.id, "near_duplicate", 0.42)
    store.replace_story_relations([pair], [cluster])
    assert store.story_of(FIRST.id) == store.story_of(SECOND.id) == cluster.id
    assert store.stories() == [cluster]
    assert store.document_pairs() == [pair]
    assert store.counts()["stories"] == 1

    apart = [StoryCluster.create([FIRST.id]), StoryCluster.create([SECOND.id])]
    store.replace_story_relations([], apart)
    assert store.story_of(FIRST.id) != store.story_of(SECOND.id)
    assert store.document_pairs() == []
    assert store.counts()["stories"] == 2
    assert store.story_of("unknown") is None


def test_story_of_unknown_document_is_refused_and_rolled_back(store: Store) -> None:
    store.write_batch([FIRST], [])
    store.replace_story_relations([], [StoryCluster.create([FIRST.id])])
    with pytest.raises(StoreError, match="write the documents"):
        store.replace_story_relations([], [StoryCluster.create(["missing"])])
    assert store.story_of(FIRST.id) is not None


def test_two_extractions_of_one_document_are_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="merge them"):
        store.write_batch([FIRST], [extraction_of_first(), extraction_of_first()])
    assert not store.has_document(FIRST.id)


def test_failure_after_rows_were_written_rolls_them_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write_batch([FIRST], [extraction_of_first()])
    before = store.counts()

    def fail(*args: object) -> None:
        raise StoreError("disk full")

    monkeypatch.setattr(store, "_write_skipped", fail)
    with pytest.raises(StoreError, match="disk full"):
        store.write_batch([SECOND], [extraction_of_second()])
    assert store.counts() == before
    assert not store.has_document(SECOND.id)
