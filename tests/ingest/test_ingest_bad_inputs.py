"""The hostile and malformed inputs of ``tests/bad_inputs/make_cases.py`` (issue 12).

Every case ends as a stored document or a skip with its reason; none crashes or hangs the
batch, and the peak memory of the whole run is measured (``docs/reliability.md``).
"""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bad_inputs"))
from make_cases import write_cases  # noqa: E402

from supplytrace.extract import Extractor  # noqa: E402
from supplytrace.model import Document  # noqa: E402

pytestmark = pytest.mark.slow


FULL = bool(os.environ.get("SUPPLYTRACE_FULL_TESTS"))
# In CI the 2 MB case meets the hard length limit (its reason is tested); the full run reads
# it in parts, which takes minutes (docs/reliability.md).
LIMIT = {} if FULL else {"SUPPLYTRACE_MAX_CHARS": "1500000"}


def test_every_bad_input_is_stored_or_skipped_with_a_reason(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    write_cases(cases)
    names = sorted(p.name for p in cases.iterdir())
    assert len(names) >= 40
    db = tmp_path / "bad.db"
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "supplytrace", "ingest", str(cases), "--db", str(db), "--quiet"],
        capture_output=True,
        text=True,
        timeout=1800,
        env={"SUPPLYTRACE_EMBEDDINGS": "off", "PATH": "/usr/bin:/bin", **LIMIT},
    )
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{len(names)} cases in {seconds:.0f} s, peak RSS of the ingest {peak_mb:.0f} MB")
    assert done.returncode == 3, done.stderr  # some were skipped, none crashed the batch
    assert "Traceback" not in done.stderr
    con = sqlite3.connect(db)
    stored = {
        Path(p).name.split("#")[0] for (p,) in con.execute("SELECT source_path FROM documents")
    }
    skipped = {
        Path(p).name.split("#")[0] if "43-loop" not in p else "43-loop": reason
        for p, reason in con.execute("SELECT source_path, reason FROM skipped")
    }
    unaccounted = [n for n in names if n not in stored and n not in skipped and n != "a-link-b"]
    assert unaccounted == []
    assert all(reason.strip() for reason in skipped.values())
    expected_skips = {
        "02-empty.txt": "empty",
        "05-random-binary.txt": "binary",
        "10-invalid-utf8.txt": "UTF-8",
        **({} if FULL else {"23-two-megabyte-document.txt": "limit"}),
        "37-gzip-bomb.txt.gz": "binary",
        "38-zip-bomb.zip": "binary",
        "43-loop": "link",
        "45-dangling.txt": "No such file",
        "47-named-pipe.txt": "not a regular file",
    }
    for name, words in expected_skips.items():
        assert words in skipped[name], (name, skipped[name])
    for name in (
        "01-plain.txt",
        "08-two-nul-bytes.txt",
        "14-utf16le-bom.txt",
        "18-html-nested-10000.html",
        "19-html-scripts.html",
        "20-html-billion-laughs.html",
        "22-one-megabyte-line.txt",
        *(["23-two-megabyte-document.txt"] if FULL else []),
    ):
        assert name in stored, name
    # a script URL in a header is stored as written (it is evidence); reports and the web
    # page show it as text, never as a link (tests/report/test_report_hostile.py)
    assert "31-script-url-header.txt" in stored


def test_a_document_over_the_time_limit_gets_a_reason() -> None:
    text = " ".join(
        f"Velmar{i} Trading shipped {i} valves to the Kestrov plant, the ledger shows."
        for i in range(60)
    )
    doc = Document.create(text)
    (slow,) = Extractor(mode="rules", time_limit=1e-4).extract_many([doc])
    assert slow.error is not None and "SUPPLYTRACE_DOC_SECONDS" in slow.error
    (unlimited,) = Extractor(mode="rules", time_limit=0).extract_many([doc])
    assert unlimited.error is None and unlimited.mentions
