"""Golden files: extraction output on fixture documents must not change unnoticed.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/extract/test_extract_golden.py``
and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from supplytrace.pipeline import extract_records

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "extract"
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
KEYS = (
    "supplier",
    "item",
    "recipient",
    "polarity",
    "hedged",
    "asserted_by",
    "end_use",
    "item_category",
    "evidence",
)


def summary(record: dict) -> dict:  # type: ignore[type-arg]
    return {
        "organizations": record["organizations"],
        "countries": record["countries"],
        "supply": [{k: claim[k] for k in KEYS} for claim in record["supply"]],
    }


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_extraction_matches_golden_file(fixture: Path, extractor) -> None:  # type: ignore[no-untyped-def]
    (record,) = extract_records([str(fixture)], extractor)
    got = summary(record)
    golden = GOLDEN / f"{fixture.stem}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))
