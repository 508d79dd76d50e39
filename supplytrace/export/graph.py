"""GraphML and GEXF (Gephi): entities as nodes, one directed edge per fact.

Attribute values are scalars, since both formats hold nothing else: lists are joined with
"; ". Edge keys are fact ids, so parallel facts (two goods between the same pair) survive.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from supplytrace.export.bundle import Bundle, ExportSummary, fact_id, joined
from supplytrace.goods import goods_label


def to_networkx(bundle: Bundle) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="supplytrace")
    for node in bundle.nodes:
        graph.add_node(
            node.id,
            label=node.name,
            kind=node.kind,
            country=node.country or "",
            stories=node.stories,
        )
    for kf in bundle.facts:
        f = kf.fact
        graph.add_edge(
            kf.supplier_id,
            bundle.network.target(kf),
            key=fact_id(kf),
            label=goods_label(f.item_key),
            item_category=f.item_category,
            item_key=f.item_key,
            items=joined(f.items),
            polarity=f.polarity,
            denied=f.polarity == "denied",
            claims=f.claims,
            documents=f.documents,
            stories=f.stories,
            weight=f.stories,
            denials=f.denials,
            hedged_share=f.hedged_share,
            asserters=joined(f.asserters),
            end_uses=joined(f.end_uses),
            hs_codes=joined(f.hs_codes),
            chpl_tiers=joined(f.chpl_tiers),
            first_seen=f.first_seen or "",
            last_seen=f.last_seen or "",
            # GraphML has no null: a fact only rules made has no confidence attribute
            **({"confidence": f.confidence} if f.confidence is not None else {}),
        )
    return graph


def _summary(fmt: str, out: str | Path, graph: nx.MultiDiGraph) -> ExportSummary:
    counts = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    return ExportSummary(fmt, (str(out),), counts)


def write_graphml(bundle: Bundle, out: str | Path) -> ExportSummary:
    graph = to_networkx(bundle)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(graph, str(out))
    return _summary("graphml", out, graph)


def write_gexf(bundle: Bundle, out: str | Path) -> ExportSummary:
    graph = to_networkx(bundle)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    nx.write_gexf(graph, str(out))
    return _summary("gexf", out, graph)
