"""Fixture documents for the dedup tests, written for these tests (see tests/fixtures/dedup)."""

from __future__ import annotations

from pathlib import Path

import pytest

from supplytrace.model import Document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "dedup"
# Publication dates: the sanctions release and the news report are the same day; the next
# round is a month later.
DATES = {
    "sanctions_release": "2025-02-10",
    "sanctions_news": "2025-02-10",
    "sanctions_next_round": "2025-03-12",
}


@pytest.fixture(scope="session")
def fixture_docs() -> dict[str, Document]:
    """Every fixture document by file stem."""
    return {
        path.stem: Document.create(
            path.read_text(encoding="utf-8"), source_path=path.name, published=DATES.get(path.stem)
        )
        for path in sorted(FIXTURES.glob("*.txt"))
    }
