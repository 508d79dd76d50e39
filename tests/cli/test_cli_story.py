"""End-to-end: ``supplytrace story`` on the two seed versions of one story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from supplytrace.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_store(
    tmp_path_factory: pytest.TempPathFactory, shared_data: Path
) -> tuple[Path, list[str]]:
    seeds = sorted(str(p) for p in (shared_data / "seeds").glob("*.txt"))
    db = tmp_path_factory.mktemp("story") / "seeds.db"
    result = CliRunner().invoke(main, ["ingest", *seeds, "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    return db, seeds


def test_story_diff_lists_both_versions_shared_and_own(seed_store: tuple[Path, list[str]]) -> None:
    db, seeds = seed_store
    result = CliRunner().invoke(main, ["story", seeds[0], "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert {r["document"] for r in records} == set(seeds)
    assert len({r["story_id"] for r in records}) == 1
    sentences = [r for r in records if r["kind"] == "sentence"]
    assert {r["status"] for r in sentences} == {"shared", "own"}
    for r in sentences:
        assert (r["status"] == "shared") == bool(r["shared_with"])
    # The rewrite (004) names Hikvision and the original (000) nitrocellulose: each claim only once.
    only = [r for r in records if r["kind"] == "claim" and r["status"] == "only_here"]
    assert any("nitrocellulose" in r["text"].lower() and "000_" in r["document"] for r in only)


def test_story_own_only_and_prefix_lookup(seed_store: tuple[Path, list[str]]) -> None:
    db, seeds = seed_store
    full = json.loads(
        CliRunner().invoke(main, ["story", seeds[1], "--db", str(db), "--json"]).stdout
    )
    prefix = full[0]["story_id"][:6]
    result = CliRunner().invoke(main, ["story", prefix, "--db", str(db), "--own", "--jsonl"])
    assert result.exit_code == 0, result.output
    own = [json.loads(line) for line in result.stdout.splitlines()]
    assert own and all(r["status"] in ("own", "only_here") for r in own)
    assert len(own) < len(full)


def test_unknown_story_is_an_error_naming_the_fix(seed_store: tuple[Path, list[str]]) -> None:
    db, _ = seed_store
    result = CliRunner().invoke(main, ["story", "no-such-story", "--db", str(db)])
    assert result.exit_code != 0
    assert "no stored document or story matches" in result.output
