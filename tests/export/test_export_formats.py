"""Exports from the dev store: FtM validates and round-trips, graphs keep the fact counts,
Neo4j CSV headers match the Cypher script, CSV and JSON Lines hold every record."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from followthemoney import model
from followthemoney.proxy import EntityProxy

from supplytrace.export import ExportError, export
from supplytrace.query import UNSTATED, FactFilter, keyed_facts
from supplytrace.store import Store


def expected_graph(store: Store, flt: FactFilter | None = None) -> tuple[int, int]:
    found = keyed_facts(store, flt or FactFilter())
    nodes = {k.supplier_id for k in found} | {k.recipient_id or UNSTATED for k in found}
    return len(nodes), len(found)


def test_graphml_loads_in_networkx_with_the_fact_counts(dev_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "network.graphml"
    summary = export(dev_store, "graphml", out)
    graph = nx.read_graphml(out, force_multigraph=True)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == expected_graph(dev_store)
    assert summary.counts == {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    labels = {data["label"] for _, data in graph.nodes(data=True)}
    assert {"Dalian Machine Tool Group", "Russia", "Wuhan Tongsheng Technology"} <= labels
    denied = [d for _, _, d in graph.edges(data=True) if d["polarity"] == "denied"]
    assert denied and all(d["denied"] for d in denied)


def test_gexf_loads_with_the_fact_counts(dev_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "network.gexf"
    flt = FactFilter(recipient="Russia")
    export(dev_store, "gexf", out, flt)
    graph = nx.read_gexf(out)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == expected_graph(dev_store, flt)


def test_ftm_entities_validate_and_round_trip(dev_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "entities.ftm.json"
    summary = export(dev_store, "ftm", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == sum(summary.counts.values())
    ids = set()
    for line in lines:
        data = json.loads(line)
        proxy = EntityProxy.from_dict(data)
        proxy.schema.validate(proxy.to_dict())
        for prop in proxy.schema.required:
            assert proxy.get(prop), f"{proxy.id} lacks required {prop}"
        assert proxy.to_dict() == model.get_proxy(data).to_dict()  # round-trip
        ids.add(proxy.id)
    assert len(ids) == len(lines)
    # every reference points at an exported entity
    for line in lines:
        proxy = EntityProxy.from_dict(json.loads(line))
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in ids
    activities = [json.loads(x) for x in lines if '"EconomicActivity"' in x]
    dalian = [a for a in activities if "machine tool" in a["properties"]["goodsDescription"]]
    assert dalian and all(a["properties"]["proof"] for a in dalian)
    assert summary.counts["Note"] >= 1  # denials


def test_neo4j_csv_headers_match_the_cypher_script(dev_store: Store, tmp_path: Path) -> None:
    summary = export(dev_store, "neo4j", tmp_path / "neo4j")
    folder = tmp_path / "neo4j"
    script = (folder / "load.cypher").read_text(encoding="utf-8")
    for statement in script.split(";"):
        loaded = re.search(r"FROM 'file:///(\w+)\.csv'", statement)
        if not loaded:
            continue
        with (folder / f"{loaded.group(1)}.csv").open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        used = set(re.findall(r"row\.(\w+)", statement))
        assert used <= set(header), (loaded.group(1), used - set(header))
    for name in ("entities", "documents", "facts", "claims"):
        with (folder / f"{name}.csv").open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert set(header) <= set(re.findall(r"row\.(\w+)", script)), name
        assert summary.counts[name] > 0
    # every fact's endpoints are entity rows
    with (folder / "entities.csv").open(encoding="utf-8") as handle:
        entity_ids = {row["id"] for row in csv.DictReader(handle)}
    with (folder / "facts.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            assert {row["supplier_id"], row["target_id"]} <= entity_ids


def test_csv_tables_and_jsonl(dev_store: Store, tmp_path: Path) -> None:
    tables = export(dev_store, "csv", tmp_path / "tables")
    n_facts = len(keyed_facts(dev_store, FactFilter()))
    assert tables.counts["facts"] == n_facts
    with (tmp_path / "tables" / "claims.csv").open(encoding="utf-8") as handle:
        claims = list(csv.DictReader(handle))
    assert len(claims) == tables.counts["claims"] == dev_store.counts()["claims"]
    lines = export(dev_store, "jsonl", tmp_path / "all.jsonl")
    records = [json.loads(x) for x in (tmp_path / "all.jsonl").read_text().splitlines()]
    assert sum(r["type"] == "fact" for r in records) == n_facts
    assert lines.counts == tables.counts


def test_unknown_format_and_file_for_directory(dev_store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown"):
        export(dev_store, "xlsx", tmp_path / "x.xlsx")
    (tmp_path / "file").write_text("")
    with pytest.raises(ExportError, match="directory"):
        export(dev_store, "neo4j", tmp_path / "file")
