"""The real seed and development documents shared by the team (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from supplytrace.ingest import read_file, read_paths
from supplytrace.model import Document

DATA = Path(__file__).parents[2] / ".." / "shared" / "data"
SEEDS = DATA / "seeds"
CORPUS = DATA / "dev" / "corpus"

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seed data not present")
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared dev corpus not present")


@needs_seeds
def test_seed_004_has_its_leading_date_removed() -> None:
    (doc,) = read_file(next(SEEDS.glob("004_*.txt")))
    assert doc.published == "2024-04-13"
    assert doc.text.startswith("WASHINGTON")
    assert doc.byline is None


@needs_seeds
def test_seed_000_has_its_byline_removed() -> None:
    (doc,) = read_file(next(SEEDS.glob("000_*.txt")))
    assert doc.byline == "Steve Holland"
    assert doc.published is None
    assert "Steve Holland" not in doc.text
    assert doc.text.endswith("for its war against Ukraine.")
    assert "Russia’s war effort" in doc.text


@needs_corpus
def test_dev_corpus_titles_and_dates_come_from_the_header() -> None:
    docs = {
        Path(item.source_path or "").name: item
        for item in read_paths([CORPUS])
        if isinstance(item, Document)
    }
    assert len(docs) == len(list(CORPUS.glob("*.txt")))
    for doc in docs.values():
        assert doc.title, doc.source_path
        assert not doc.text.startswith(("url:", "title:")), doc.source_path
        assert "\n---\n" not in doc.text[:5], doc.source_path
    if "013.txt" in docs:
        assert docs["013.txt"].published == "2024-11-07"
        header = (CORPUS / "013.txt").read_text(encoding="utf-8").split("\n---\n", 1)[0]
        titles = [
            line[len("title: ") :] for line in header.splitlines() if line.startswith("title: ")
        ]
        assert [docs["013.txt"].title] == titles
    if "010.txt" in docs:
        assert docs["010.txt"].published is None
