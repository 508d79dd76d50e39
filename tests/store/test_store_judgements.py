"""Judgements: those that cannot be true are refused (one entity with itself, two
countries); the others can be listed and undone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import build_claim as claim

from supplytrace.cli import main
from supplytrace.errors import StoreError
from supplytrace.model import Document, Extraction
from supplytrace.store import open_store

TEXT = "Ruritanian officials said Borduria shipped bearings to Syldavia last spring."


def _db(tmp_path: Path) -> Path:
    doc = Document.create(TEXT)
    made = claim(doc, TEXT, "Borduria", "bearings", supplier_kind="country", recipient="Syldavia")
    other = claim(doc, TEXT, "Varno Metals", "bearings", recipient="Syldavia")
    path = tmp_path / "s.db"
    with open_store(path) as store:
        store.write_batch([doc], [Extraction(doc.id, claims=(made, other))])
    return path


def test_merging_two_countries_or_an_entity_with_itself_is_refused(tmp_path: Path) -> None:
    with open_store(_db(tmp_path)) as store:
        ids = {e.name: e.id for e in store.entities()}
        with pytest.raises(StoreError, match="two different countries: Borduria and Syldavia"):
            store.resolution.judge([(ids["Borduria"], ids["Syldavia"])], "same", "test")
        with pytest.raises(StoreError, match="with itself"):
            store.resolution.judge([(ids["Varno Metals"], ids["Varno Metals"])], "same", "test")
        assert store.resolution.judgements() == {}  # nothing recorded
        # keeping two countries apart is always possible
        store.resolution.judge([(ids["Borduria"], ids["Syldavia"])], "not_same", "test")
        assert list(store.resolution.judgements().values()) == ["not_same"]


def test_the_merge_command_says_why_it_refuses(tmp_path: Path) -> None:
    db = str(_db(tmp_path))
    result = CliRunner().invoke(main, ["merge", "Borduria", "Syldavia", "--db", db])
    assert result.exit_code != 0 and "two different countries" in result.output
    result = CliRunner().invoke(main, ["merge", "Varno Metals", "Varno Metals", "--db", db])
    assert result.exit_code != 0 and "with itself" in result.output


def test_judgements_are_listed_with_names_and_an_undo_restores_the_parties(tmp_path: Path) -> None:
    db = str(_db(tmp_path))
    runner = CliRunner()
    empty = runner.invoke(main, ["judgements", "list", "--db", db])
    assert empty.exit_code == 0 and "no judgements yet" in empty.output
    merged = runner.invoke(main, ["merge", "Varno Metals", "Borduria", "--db", db])
    assert merged.exit_code == 0, merged.output
    assert "Varno Metals" in merged.output and "Borduria" in merged.output
    assert "are one party" in merged.output
    listed = runner.invoke(main, ["judgements", "list", "--db", db, "--json"])
    (record,) = json.loads(listed.output)
    assert {record["left"], record["right"]} == {"Varno Metals", "Borduria"}
    assert record["judgement"] == "same" and record["author"] == "user"
    with open_store(Path(db)) as store:
        ids = {e.name: e.id for e in store.entities()}
        canon = store.resolution.canonical()
        assert canon[ids["Varno Metals"]] == canon[ids["Borduria"]]
    undone = runner.invoke(main, ["judgements", "undo", "Borduria", "Varno Metals", "--db", db])
    assert undone.exit_code == 0, undone.output
    assert "undone" in undone.output and "apart" in undone.output
    with open_store(Path(db)) as store:
        canon = store.resolution.canonical()
        assert canon.get(ids["Varno Metals"], ids["Varno Metals"]) != canon.get(
            ids["Borduria"], ids["Borduria"]
        )
        assert store.resolution.judgements() == {}
    again = runner.invoke(main, ["judgements", "undo", "Borduria", "Varno Metals", "--db", db])
    assert again.exit_code != 0 and "no judgement on" in again.output
