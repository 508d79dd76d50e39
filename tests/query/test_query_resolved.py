"""Facts, dossiers and paths read resolved parties: a merge combines facts, a split separates
them; and the fact summary agrees with facts aggregated from claims."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from support import build_claim

from supplytrace.cli import main
from supplytrace.model import Document, Extraction, StoryCluster
from supplytrace.query import FactFilter, entity, facts, paths
from supplytrace.query.facts import _from_claims, _from_summary
from supplytrace.query.filters import summary_conditions
from supplytrace.store import Store, open_store

# Two reports on one maker under names the resolver does not join on its own.
FIRST = Document.create(
    "Customs records show Kestrel Motors Co Ltd shipped engines to Ruritania for drones.",
    published="2024-03-02",
)
SECOND = Document.create(
    "KMC Engine Works delivered engines to Ruritania, a trade newsletter reported.",
    published="2024-06-18",
)


def _write(path: Path) -> None:
    first = build_claim(
        FIRST,
        FIRST.text,
        "Kestrel Motors Co Ltd",
        "engines",
        item_category="uav_engines",
        end_uses=("drones",),
        asserted_by="customs records",
    )
    second = build_claim(
        SECOND,
        SECOND.text,
        "KMC Engine Works",
        "engines",
        item_category="uav_engines",
        asserted_by="a trade newsletter",
    )
    with open_store(path) as store:
        store.write_batch(
            [FIRST, SECOND],
            [Extraction(FIRST.id, claims=(first,)), Extraction(SECOND.id, claims=(second,))],
        )


def _run(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output


def test_merge_combines_facts_and_split_separates_them(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    _write(db)
    with open_store(db) as store:
        assert sorted(f.supplier for f in facts(store)) == ["KMC Engine Works", "Kestrel Motors"]

    _run("merge", "Kestrel Motors Co Ltd", "KMC Engine Works", "--db", str(db))
    with open_store(db) as store:
        [fact] = facts(store)
        assert (fact.claims, fact.documents, fact.stories) == (2, 2, 2)
        assert fact.asserters == ("a trade newsletter", "customs records")
        assert facts(store, supplier="KMC") == [fact]  # either name finds the party
        assert facts(store, supplier="Kestrel", item="uav_engines") == [fact]
        assert facts(store, supplier="Kestrel", since="2024-06") == [
            f for f in facts(store, supplier="KMC", since="2024-06")
        ]
        dossier = entity(store, "KMC Engine Works")
        assert dossier.as_supplier == (fact,)
        assert {"KMC Engine Works", "Kestrel Motors Co Ltd"} <= set(dossier.entity.aliases)
        assert dossier.document_total == 2 and dossier.timeline_total == 2
        [route] = paths(store, "Kestrel Motors", "drones")
        assert route.hops == (fact,)

    _run("split", "KMC Engine Works", "--db", str(db))
    with open_store(db) as store:
        found = facts(store)
        assert sorted(f.supplier for f in found) == ["KMC Engine Works", "Kestrel Motors"]
        assert [f.claims for f in found] == [1, 1]
        assert entity(store, "KMC Engine Works").document_total == 1
        assert paths(store, "KMC Engine Works", "drones") == []


def _both_routes(store: Store, flt: FactFilter) -> None:
    where = summary_conditions(store, flt)
    assert where is not None
    for limit in (None, 1):
        assert _from_summary(store, where, limit) == _from_claims(store, flt, limit)


def test_summary_agrees_with_claims_after_stories_change(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    _write(db)
    _run("merge", "Kestrel Motors Co Ltd", "KMC Engine Works", "--db", str(db))
    with open_store(db) as store:
        store.replace_stories([StoryCluster.create([FIRST.id, SECOND.id])])
        assert facts(store)[0].stories == 1
        for flt in (
            FactFilter(),
            FactFilter(supplier="kestrel"),
            FactFilter(item="uav_engines", polarity="asserted"),
            FactFilter(recipient="Ruritania", min_stories=1),
        ):
            _both_routes(store, flt)


def test_exports_and_reports_keep_the_claims_of_merged_in_entities(tmp_path: Path) -> None:
    import json

    from supplytrace.export import export
    from supplytrace.query import evidence_for, keyed_facts

    db = tmp_path / "store.db"
    _write(db)
    _run("merge", "Kestrel Motors Co Ltd", "KMC Engine Works", "--db", str(db))
    with open_store(db) as store:
        stored = {c.id for c in store.claims()}
        keyed = keyed_facts(store, FactFilter())
        shown = evidence_for(store, keyed)
        assert [len(shown[k.key]) for k in keyed] == [k.fact.claims for k in keyed] == [2]
        export(store, "jsonl", tmp_path / "out")
    lines = [
        json.loads(line)
        for line in (tmp_path / "out").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    exported = {r["id"] for r in lines if r.get("type", r.get("table")) == "claim"}
    assert exported == stored, lines[:3]
