"""Every export reads back through its own reader with the values it was given: names, goods
and evidence with quotes, separators, line breaks, tabs, non-Latin script and leading formula
characters come back exactly (CSV cells a spreadsheet would evaluate come back with the one
quote that neutralises them, and nothing else changed)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from followthemoney.proxy import EntityProxy
from support import build_claim as claim

from supplytrace.export import export
from supplytrace.model import Document, Extraction
from supplytrace.store import Store, open_store

SUPPLIER = 'Varno "Metals", Ltd; Обнинск Works'
ITEM = "bearings; valves,\tand \u201cseals\u201d | 30% <b>off</b>"
SENTENCE = f"=SUM(1) {SUPPLIER} sells {ITEM} to Ruritania, officials said."
TEXT = f"{SENTENCE}\nA second line\r\nwith a break."


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    doc = Document.create(TEXT, url="https://news.example/a", title="Title, with; separators")
    made = claim(doc, SENTENCE, SUPPLIER, ITEM)
    with open_store(tmp_path / "s.db") as opened:
        opened.write_batch([doc], [Extraction(doc.id, claims=(made,))])
        yield opened


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple, set)):
        for v in value:
            yield from _strings(v)


def _unsafe(cell: str) -> str:
    """A CSV cell as it was before it was made spreadsheet-safe."""
    return cell[1:] if cell[:2] in {"'=", "'+", "'-", "'@"} else cell


def _csv_values(folder: Path) -> set[str]:
    found: set[str] = set()
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    found.add(_unsafe(cell))
                    found.update(_unsafe(part) for part in cell.split("\x1f"))
    return found


def _graph_values(graph: nx.Graph) -> set[str]:
    found: set[str] = set()
    for _, data in graph.nodes(data=True):
        found.update(_strings(data))
    for *_, data in graph.edges(data=True):
        found.update(_strings(data))
        for value in _strings(data):
            found.update(value.split("\x1f"))
    return found


def test_every_export_reads_back_the_values_it_was_given(store: Store, tmp_path: Path) -> None:
    want = {SUPPLIER, ITEM}
    read: dict[str, set[str]] = {}
    export(store, "csv", tmp_path / "csv")
    read["csv"] = _csv_values(tmp_path / "csv")
    export(store, "neo4j", tmp_path / "neo4j")
    read["neo4j"] = _csv_values(tmp_path / "neo4j")
    export(store, "jsonl", tmp_path / "all.jsonl")
    lines = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    read["jsonl"] = {s for line in lines for s in _strings(json.loads(line))}
    export(store, "ftm", tmp_path / "e.ftm.json")
    read["ftm"] = set()
    for line in (tmp_path / "e.ftm.json").read_text(encoding="utf-8").splitlines():
        proxy = EntityProxy.from_dict(json.loads(line))
        read["ftm"].update(value for _, value in proxy.itervalues())
    export(store, "graphml", tmp_path / "g.graphml")
    read["graphml"] = _graph_values(nx.read_graphml(tmp_path / "g.graphml"))
    export(store, "gexf", tmp_path / "g.gexf")
    read["gexf"] = _graph_values(nx.read_gexf(tmp_path / "g.gexf"))
    for fmt, values in read.items():
        assert want <= values, (fmt, want - values)
    # the evidence sentence, with its formula start, in every format that carries evidence
    for fmt in ("csv", "neo4j", "jsonl", "ftm"):
        assert SENTENCE in read[fmt], fmt
    # document titles wherever documents are exported (the exports carry evidence sentences,
    # not whole texts)
    for fmt in ("csv", "jsonl"):
        assert "Title, with; separators" in read[fmt], fmt
