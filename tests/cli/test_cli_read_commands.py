"""The read commands end to end: entity, path, export, report, and facts' new filters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from supplytrace.cli import main


@pytest.fixture
def run(dev_store_path: Path):  # type: ignore[no-untyped-def]
    def invoke(*args: str) -> str:
        result = CliRunner().invoke(main, [*args, "--db", str(dev_store_path)])
        assert result.exit_code == 0, result.output
        return result.output

    return invoke


def test_facts_filters(run) -> None:  # type: ignore[no-untyped-def]
    rows = [json.loads(x) for x in run("facts", "--chpl-tier", "3.B", "--jsonl").splitlines()]
    assert any(r["supplier"] == "Wuhan Tongsheng Technology" for r in rows)
    rows = json.loads(run("facts", "--min-stories", "3", "--since", "2024", "--json"))
    assert rows and all(r["stories"] >= 3 for r in rows)


def test_entity_every_format(run) -> None:  # type: ignore[no-untyped-def]
    dossier = json.loads(run("entity", "Dalian Machine Tool Group", "--json"))
    assert dossier["as_supplier"][0]["recipient"] == "Russia"
    assert "Dalian Machine Tool Group" in run("entity", "Dalian Machine Tool Group")
    assert run("entity", "Dalian", "--csv").startswith("role,supplier")
    assert json.loads(run("entity", "Dalian", "--jsonl").splitlines()[0])["role"] == "supplier"


def test_path(run) -> None:  # type: ignore[no-untyped-def]
    found = json.loads(run("path", "Beijing Xichao", "drones", "--json"))
    assert found[0]["facts"][0]["recipient"] == "IEMZ Kupol"
    assert "Kupol" in run("path", "Beijing Xichao", "drones", "--csv")


def test_export_and_report(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("export", "--format", "graphml", "-o", str(tmp_path / "g.graphml"))
    assert (tmp_path / "g.graphml").stat().st_size > 0
    run("report", "--entity", "China", "-o", str(tmp_path / "china.html"))
    assert "<mark>" in (tmp_path / "china.html").read_text(encoding="utf-8")
    run("report", "--item", "optics", "-o", str(tmp_path / "optics.md"))
    assert "mermaid" in (tmp_path / "optics.md").read_text(encoding="utf-8")


def test_errors_are_clean(dev_store_path: Path) -> None:
    result = CliRunner().invoke(main, ["entity", "Wuhan", "--db", str(dev_store_path)])
    assert result.exit_code == 1 and "give the full name" in result.output
