"""End-to-end: lists add, screen, merge and split on a small hand-built store (no NLP model)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import build_claim

from supplytrace.cli import main
from supplytrace.model import Document, Extraction, Mention
from supplytrace.names import entity_for
from supplytrace.store import open_store

LISTS = Path(__file__).parent.parent / "fixtures" / "lists"
SENTENCE = "Wuhan Tongsheng Technology Co Ltd supplied thermal sensors to Russia."
OTHER = "Kestrel Avionics Trading sold gyroscopes to Russia."


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.db"
    doc = Document.create(f"{SENTENCE} {OTHER}", source_path="wire.txt")
    claims = (
        build_claim(doc, SENTENCE, "Wuhan Tongsheng Technology", "thermal sensors"),
        build_claim(doc, OTHER, "Kestrel Avionics Trading", "gyroscopes"),
    )
    mentions = tuple(
        Mention(0, 1, name, "org", name)
        for name in ("Wuhan Tongsheng Technology", "Kestrel Avionics Trading", "Kestrel Avionics")
    )
    with open_store(path) as store:
        store.write_batch([doc], [Extraction(doc.id, mentions, claims)])
    runner = CliRunner()
    for name in ("watch.jsonl", "watch.csv"):
        result = runner.invoke(
            main,
            ["lists", "add", str(LISTS / name), "--name", name.split(".")[1], "--db", str(path)],
        )
        assert result.exit_code == 0, result.output
    return path


def test_lists_add_reports_bad_lines_and_loads_the_rest(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["lists", "add", str(LISTS / "watch.jsonl"), "--name", "w", "--db", str(tmp_path / "x.db")],
    )
    assert result.exit_code == 0
    assert "line 4: not JSON" in result.stderr and "line 6:" in result.stderr
    assert "5 entries loaded, 2 skipped" in result.stdout


def test_screen_finds_graph_party_with_evidence_and_list_entry(db: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "screen",
            "WUHAN TONGSHENG TECHNOLOGY CO., LTD.",
            "Zarnitza Optics",
            "--db",
            str(db),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    first, second = json.loads(result.stdout)
    graph = first["graph"][0]
    assert graph["name"] == "Wuhan Tongsheng Technology" and graph["score"] >= 0.8
    assert graph["claims"][0]["evidence"] == SENTENCE and graph["claims"][0]["role"] == "supplier"
    assert graph["on_lists"] == ["csv:csv-1"]
    assert [m["id"] for m in first["lists"]] == ["csv-1"]
    assert [m["id"] for m in second["lists"]] == ["wl-0001"] and not second["graph"]


def test_screen_file_csv_output_and_threshold(db: Path, tmp_path: Path) -> None:
    names = tmp_path / "names.csv"
    names.write_text("name,country\nBeltraks Imp & Exp,CN\nUnrelated Widgets,\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["screen", "--file", str(names), "--db", str(db), "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["query"], r["id"]) for r in rows] == [("Beltraks Imp & Exp", "csv-2")]
    assert "country=" in rows[0]["features"]
    loose = CliRunner().invoke(
        main, ["screen", "Kestrel", "--db", str(db), "--json", "--threshold", "0.5"]
    )
    assert json.loads(loose.stdout)[0]["graph"]


def test_merge_and_split_are_kept_as_judgements(db: Path) -> None:
    runner = CliRunner()
    trading = entity_for("Kestrel Avionics Trading", "org").id
    plain = entity_for("Kestrel Avionics", "org").id
    result = runner.invoke(
        main, ["merge", "Kestrel Avionics", "Kestrel Avionics Trading", "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        assert store.resolution.judgements()[tuple(sorted((trading, plain)))] == "same"  # type: ignore[index]
        assert store.resolution.canonical()[trading] == store.resolution.canonical()[plain]
    result = runner.invoke(main, ["split", trading[:8], "--db", str(db)])
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        assert store.resolution.canonical()[trading] != store.resolution.canonical()[plain]


def test_unknown_entity_names_the_fix(db: Path) -> None:
    result = CliRunner().invoke(main, ["merge", "Nobody", "Kestrel Avionics", "--db", str(db)])
    assert result.exit_code != 0 and "no stored entity is named 'Nobody'" in result.output


def test_screening_never_writes_to_the_store(db: Path) -> None:
    import hashlib

    def state() -> tuple[str, dict[str, str]]:
        with open_store(db) as store:
            canonical = store.resolution.canonical()
        return hashlib.sha256(db.read_bytes()).hexdigest(), canonical

    before = state()
    result = CliRunner().invoke(main, ["screen", "Kestrel Avionics", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["graph"]  # it found the party
    assert state() == before


def test_ingest_resolves_name_variants_so_facts_show_one_party(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "The Russian defense ministry bought gyroscopes from Kestrel Avionics in 2024, "
        "customs records show.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Kestrel Avionics also shipped gyroscopes to the Russian Ministry of Defence, the "
        "newsletter said.\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    args = ["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", str(db)]
    result = CliRunner().invoke(main, [*args, "--extractor", "rules", "--quiet"])
    assert result.exit_code == 0, result.output
    listed = CliRunner().invoke(main, ["facts", "--db", str(db), "--json"])
    found = json.loads(listed.stdout)
    # two spellings of one ministry: one fact, from both documents
    assert [(f["supplier"], f["documents"]) for f in found] == [("Kestrel Avionics", 2)]
