"""One bad document costs only itself: it gets a reason, the others of its batch go on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from supplytrace.cli import main
from supplytrace.extract import MAX_CHARS, Extractor
from supplytrace.model import Document
from supplytrace.store import open_store

GOOD = "Kestrel Avionics shipped navigation modules to Iran in 2024, the trade ministry said.\n"


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    """A text just over the one-parse limit, with a supply statement near its end, and a
    normal one."""
    long = tmp_path / "long.txt"
    sentence = "The depot clerk counted crates of spare valves again. "
    filler = sentence * (MAX_CHARS // len(sentence) + 10)
    said = "Customs records show that Kestrel Avionics supplied navigation modules to Iran.\n"
    long.write_text(filler + "\n\n" + said, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    return [str(long), str(good)]


def test_an_over_long_text_is_read_in_parts_next_to_a_normal_one(
    inputs: list[str], tmp_path: Path
) -> None:
    """The issue's case at full size: over 1,000,000 characters, ingested and extracted."""
    db = tmp_path / "s.db"
    result = CliRunner().invoke(main, ["ingest", *inputs, "--db", str(db), "--extractor", "rules"])
    assert result.exit_code == 0, result.output
    text = Path(inputs[0]).read_text(encoding="utf-8")
    with open_store(db) as store:
        assert sorted(d.source_path for d in store.documents()) == sorted(inputs)
        long_id = next(d.id for d in store.documents() if d.source_path == inputs[0])
        (claim,) = store.claims(long_id)
        assert claim.supplier == "Kestrel Avionics" and claim.sentence_span[0] > MAX_CHARS
        assert text[slice(*claim.sentence_span)] == claim.evidence


def test_a_text_over_the_hard_limit_extract_gives_a_line_each(
    inputs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUPPLYTRACE_MAX_CHARS", "500000")
    result = CliRunner().invoke(main, ["extract", *inputs, "--jsonl", "--extractor", "rules"])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["doc"]).name for r in lines] == ["long.txt", "good.txt"]
    assert "over the 500,000-character limit" in lines[0]["error"] and not lines[0]["supply"]
    assert "error" not in lines[1]
    assert [r["supplier"] for r in lines[1]["supply"]] == ["Kestrel Avionics"]


def test_ingest_stores_the_normal_document_and_records_why_the_long_one_is_not(
    inputs: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUPPLYTRACE_MAX_CHARS", "500000")
    db = tmp_path / "s.db"
    result = CliRunner().invoke(main, ["ingest", *inputs, "--db", str(db), "--extractor", "rules"])
    assert result.exit_code == 3, result.output  # the exit code of a run that skipped inputs
    assert "skipped" in result.output and "long.txt" in result.output
    with open_store(db) as store:
        assert [d.source_path for d in store.documents()] == [inputs[1]]
        ((path, reason),) = list(store.rows("SELECT source_path, reason FROM skipped"))
        assert path == inputs[0] and "split it into several documents" in reason


def test_a_document_the_extraction_fails_on_gets_its_reason_and_the_rest_go_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    extractor = Extractor(mode="rules")
    real = extractor._from_doc

    def fragile(doc, document):  # type: ignore[no-untyped-def]
        if "poison" in document.text:
            raise RuntimeError("a bug met on this text")
        return real(doc, document)

    monkeypatch.setattr(extractor, "_from_doc", fragile)
    docs = [Document.create("A poison pill text."), Document.create(GOOD)]
    bad, good = extractor.extract_many(docs)
    assert bad.document_id == docs[0].id and not bad.claims
    assert bad.error is not None and "a bug met on this text" in bad.error
    assert good.error is None and good.claims
