"""``ingest --jobs 2`` parses in two worker processes and stores exactly what one process
stores: the same documents, claims, facts, stories and canonical ids."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from corpus import write_corpus

pytestmark = pytest.mark.slow


def _ingest(folder: Path, db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "supplytrace",
            "ingest",
            str(folder),
            "--db",
            str(db),
            "--quiet",
            "--batch-size",
            "8",
            *extra,
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "SUPPLYTRACE_EMBEDDINGS": "off"},
        timeout=1200,
    )


def _dump(db: Path) -> dict[str, Any]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {
            table: sorted(tuple("" if v is None else v for v in row) for row in con.execute(query))
            for table, query in {
                "documents": "SELECT id, text FROM documents",
                "claims": "SELECT id, supplier_entity, item_key, recipient_entity FROM claims",
                "facts": "SELECT supplier_id, item_key, recipient_id, polarity, claims, "
                "documents, stories FROM fact_summary",
                "stories": "SELECT document_id, story_id FROM stories",
                "canonical": "SELECT entity_id, canonical_id FROM canonical",
            }.items()
        }
    finally:
        con.close()


def test_two_jobs_store_what_one_stores(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    write_corpus(folder, 90, seed=11)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    done = _ingest(folder, one)
    assert done.returncode == 0, done.stderr
    done = _ingest(folder, two, "--jobs", "2")
    assert done.returncode == 0, done.stderr
    first, second = _dump(one), _dump(two)
    assert len(first["documents"]) == 90 and first["claims"]
    assert first == second
    # a second parallel run finds everything stored and changes nothing
    again = _ingest(folder, two, "--jobs", "2")
    assert again.returncode == 0, again.stderr
    assert _dump(two) == second


def test_jobs_and_batch_size_are_validated(tmp_path: Path) -> None:
    for bad in (["--jobs", "0"], ["--batch-size", "0"]):
        done = _ingest(tmp_path, tmp_path / "x.db", *bad)
        assert done.returncode == 2 and "Invalid value" in done.stderr, bad
