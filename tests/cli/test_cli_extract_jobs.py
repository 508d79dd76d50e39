"""``extract --jobs``: parsing in worker processes changes nothing in the output, not even order."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from supplytrace.cli import main
from supplytrace.pipeline import extract_records

pytestmark = pytest.mark.slow

SAMPLES = sorted(
    str(p) for p in (Path(__file__).resolve().parents[2] / "supplytrace/data/samples").iterdir()
)
# More documents than one batch of extract_many (8), so that both workers get a batch, and no
# two batches alike, so that batches returned in the wrong order would pair texts with the
# wrong extractions.
PATHS = SAMPLES + SAMPLES[::-1] + SAMPLES[1:] + SAMPLES[:1]


def test_extract_records_same_with_two_processes(extractor) -> None:  # type: ignore[no-untyped-def]
    one = extract_records(PATHS, extractor, n_process=1)
    two = extract_records(PATHS, extractor, n_process=2)
    assert [r["doc"] for r in one] == PATHS
    assert any(r["supply"] for r in one)
    assert two == one


def test_extract_jobs_flag_gives_the_same_output() -> None:
    runner = CliRunner()
    one = runner.invoke(main, ["extract", *PATHS, "--jsonl"])
    two = runner.invoke(main, ["extract", *PATHS, "--jsonl", "--jobs", "2"])
    assert one.exit_code == 0, one.output
    assert two.exit_code == 0, two.output
    assert two.stdout == one.stdout


def test_extract_jobs_must_be_positive() -> None:
    result = CliRunner().invoke(main, ["extract", SAMPLES[0], "--jobs", "0"])
    assert result.exit_code == 2
    assert "--jobs" in result.output
