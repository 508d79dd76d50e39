"""Clustering: blocking + scores merge variants; judgements override and survive re-ingest."""

from __future__ import annotations

from pathlib import Path

from supplytrace.model import Document, Extraction, Mention
from supplytrace.names import entity_for
from supplytrace.resolve import resolve_store
from supplytrace.resolve.cluster import Edge, candidate_edges, cluster, name_conflicts
from supplytrace.store import open_store


def test_variants_cluster_and_hard_negatives_stay_apart() -> None:
    names = [
        "Wuhan Tongsheng Technology Co Ltd",
        "WUHAN TONG SHENG TECHNOLOGY",
        "Tongsheng Technology (Wuhan)",
        "Wuhan Guide Technology Co Ltd",
        "Shanghai Tongsheng Technology",
    ]
    entities = [entity_for(n, "org") for n in names]
    resolution = cluster(
        [e.id for e in entities], candidate_edges(entities), {}, name_conflicts(entities)
    )
    roots = [resolution.canonical[e.id] for e in entities]
    assert roots[0] == roots[1] == roots[2]
    assert len({roots[0], roots[3], roots[4]}) == 3


def test_not_same_blocks_a_merge_and_same_forces_one() -> None:
    edges = [Edge("a", "b", 0.95, "x"), Edge("b", "c", 0.9, "x")]
    apart = cluster("abcd", edges, {("a", "c"): "not_same", ("c", "d"): "same"})
    assert apart.canonical["a"] == apart.canonical["b"] != apart.canonical["c"]
    assert apart.canonical["c"] == apart.canonical["d"]
    assert apart.blocked == [edges[1]]


def _ingest(db: Path, text: str, names: list[str]) -> None:
    doc = Document.create(text)
    mentions = tuple(Mention(0, 1, n, "org", n) for n in names)
    with open_store(db) as store:
        store.write_batch([doc], [Extraction(doc.id, mentions)])


def test_judgements_survive_reingest(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    names = ["Kestrel Avionics", "Kestrel Avionics Trading"]
    _ingest(db, "first text", names)
    ids = [entity_for(n, "org").id for n in names]
    with open_store(db) as store:
        store.resolution.judge([tuple(ids)], "same", "test")  # type: ignore[list-item]
        assert len(set(resolve_store(store).canonical.values())) == 1
    _ingest(db, "second text naming them again", names)
    with open_store(db) as store:
        canonical = resolve_store(store).canonical
    assert canonical[ids[0]] == canonical[ids[1]]
