"""Training end to end on four small annotated documents written for the tests: the command,
determinism, grouped cross-validation output, and a model the extractor can load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from supplytrace.cli import main

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "train"


def _train(tmp_path: Path, name: str, *extra: str) -> tuple[Path, str]:
    out = tmp_path / name
    result = CliRunner().invoke(
        main, ["train", str(FIXTURES / "gold.jsonl"), "-o", str(out), "-q", *extra]
    )
    assert result.exit_code == 0, result.output
    line = result.output.strip().splitlines()[-1]
    assert line.startswith(str(out)) and "sha256:" in line
    return out, line.split("sha256:")[1]


def test_training_is_deterministic_and_cross_validates_by_event(tmp_path: Path) -> None:
    cv = tmp_path / "cv.jsonl"
    first, digest = _train(tmp_path, "a.json.gz", "--cv", str(cv))
    _, again = _train(tmp_path, "b.json.gz")
    assert digest == again
    assert first.read_bytes() == (tmp_path / "b.json.gz").read_bytes()
    records = [json.loads(line) for line in cv.read_text().splitlines()]
    assert sorted(r["doc"] for r in records) == ["alpha.txt", "beta.txt", "delta.txt", "gamma.txt"]
    assert all("fold" in r and isinstance(r["supply"], list) for r in records)


def test_a_trained_model_drives_the_extractor(tmp_path: Path) -> None:
    from supplytrace.extract import Extractor
    from supplytrace.extract.learned.scorer import RelationScorer
    from supplytrace.ingest import read_paths
    from supplytrace.model import Document

    path, digest = _train(tmp_path, "m.json.gz")
    extractor = Extractor(mode="learned", scorer=RelationScorer.load(path))
    docs = [d for d in read_paths([FIXTURES / "corpus"]) if isinstance(d, Document)]
    found = {(c.supplier, c.recipient) for e in extractor.extract_many(docs) for c in e.claims}
    gold = {
        (r["supplier"], r["recipient"])
        for line in (FIXTURES / "gold.jsonl").read_text().splitlines()
        for r in json.loads(line)["supply"]
    }
    # trained on these very documents, the scorer must recover most of what it was shown
    assert len(found & gold) >= len(gold) // 2
    assert all(
        c.extractor.endswith(digest) or digest in c.extractor
        for e in extractor.extract_many(docs)
        for c in e.claims
    )


def test_a_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "nothing.txt", "supply": []}) + "\n")
    (tmp_path / "corpus").mkdir()
    result = CliRunner().invoke(main, ["train", str(gold), "-o", str(tmp_path / "m.json.gz")])
    assert result.exit_code != 0
    assert "none of the 1 gold documents" in result.output


def test_extra_documents_are_trained_on_but_never_cross_validated(tmp_path: Path) -> None:
    extra = Path(__file__).resolve().parents[1] / "fixtures" / "train_extra" / "gold.jsonl"
    cv = tmp_path / "cv.jsonl"
    _, plain = _train(tmp_path, "plain.json.gz")
    _, with_extra = _train(tmp_path, "extra.json.gz", "--extra", str(extra), "--cv", str(cv))
    assert plain != with_extra
    docs = [json.loads(line)["doc"] for line in cv.read_text().splitlines()]
    assert "epsilon.txt" not in docs and len(docs) == 4
