"""The network picture as inline SVG, laid out in Python (no JavaScript in the report).

Layered left to right: an entity that only supplies sits in the first column, one that only
receives in the last, and the others by their distance from a supplier. Node area grows with
independent stories; one edge per related pair and polarity (its tooltip lists the facts);
denials are dashed red; an edge's width grows with its best-sourced fact's stories.
"""

from __future__ import annotations

import math
from html import escape

from supplytrace.goods import goods_label
from supplytrace.query import KeyedFact, Network, Node

_COLUMN = 260
_ROW = 56
_MARGIN = 90


def _columns(net: Network) -> dict[str, int]:
    targets = {net.target(k) for k in net.facts}
    sources = {k.supplier_id for k in net.facts}
    depth = {n.id: 0 for n in net.nodes if n.id in sources and n.id not in targets}
    if not depth:  # every supplier also receives: start from all of them
        depth = {s: 0 for s in sources}
    frontier = list(depth)
    while frontier:
        nxt = []
        for kf in net.facts:
            t = net.target(kf)
            if kf.supplier_id in frontier and t not in depth:
                depth[t] = depth[kf.supplier_id] + 1
                nxt.append(t)
        frontier = nxt
    last = max(depth.values(), default=0) + 1
    sinks = targets - sources
    for node in net.nodes:
        if node.id in sinks:
            depth[node.id] = max(last, 1)
        depth.setdefault(node.id, 0)
    return depth


def radius(node: Node) -> float:
    return 6.0 + 5.0 * math.sqrt(max(node.stories, 0))


def render_svg(net: Network) -> str:
    column = _columns(net)
    by_column: dict[int, list[Node]] = {}
    for node in sorted(net.nodes, key=lambda n: (-n.stories, n.name.casefold())):
        by_column.setdefault(column[node.id], []).append(node)
    cols = sorted(by_column)
    place: dict[str, tuple[float, float]] = {}
    rows = max((len(v) for v in by_column.values()), default=1)
    height = _MARGIN + rows * _ROW
    for i, col in enumerate(cols):
        nodes = by_column[col]
        top = (height - len(nodes) * _ROW) / 2 + _ROW / 2
        for j, node in enumerate(nodes):
            place[node.id] = (_MARGIN + 150 + i * _COLUMN, top + j * _ROW)
    width = _MARGIN * 2 + 300 + max(len(cols) - 1, 0) * _COLUMN
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network" role="img" '
        f'aria-label="Network of {len(net.facts)} facts" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">',
        "<defs>"
        '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#55606e"/>'
        "</marker>"
        '<marker id="arrow-denied" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#c0392b"/>'
        "</marker></defs>",
    ]
    groups: dict[tuple[str, str, str], list[KeyedFact]] = {}
    for kf in net.facts:
        groups.setdefault((kf.supplier_id, net.target(kf), kf.fact.polarity), []).append(kf)
    for (source, target, polarity), facts in groups.items():
        parts.append(_edge(source, target, polarity, facts, net, place))
    by_id = {n.id: n for n in net.nodes}
    for node_id, (x, y) in place.items():
        node = by_id[node_id]
        r = radius(node)
        parts.append(
            f'<g class="node" data-stories="{node.stories}"><title>{escape(node.name)}: '
            f"{node.stories} independent stories</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" class="kind-{escape(node.kind)}"/>'
            f'<text x="{x:.1f}" y="{y - r - 4:.1f}" text-anchor="middle">{escape(node.name)}</text>'
            "</g>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _edge(
    source: str,
    target: str,
    polarity: str,
    facts: list[KeyedFact],
    net: Network,
    place: dict[str, tuple[float, float]],
) -> str:
    """One drawn edge for all facts of one polarity between a pair: asserted bends one way,
    denied the other, so the two never hide each other."""
    (x1, y1), (x2, y2) = place[source], place[target]
    denied = polarity == "denied"
    bend = 26.0 if denied else -14.0
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    cx, cy = mx - dy / length * bend, my + dx / length * bend
    r = radius(next(n for n in net.nodes if n.id == target)) + 2
    back = math.hypot(x2 - cx, y2 - cy) or 1.0
    tx, ty = x2 - (x2 - cx) / back * r, y2 - (y2 - cy) / back * r
    stories = max(k.fact.stories for k in facts)
    cls = "edge denied" if denied else "edge"
    dash = ' stroke-dasharray="7 5"' if denied else ""
    marker = "arrow-denied" if denied else "arrow"
    width = 1.2 + 1.1 * math.sqrt(stories)
    verb = "denied supplying" if denied else "supplies"
    lines = [
        f"{k.fact.supplier} {verb} {goods_label(k.fact.item_key)} to "
        f"{k.fact.recipient or '(not stated)'}: {k.fact.stories} stories"
        for k in facts
    ]
    label = goods_label(facts[0].fact.item_key) if len(facts) == 1 else f"{len(facts)} goods"
    if denied:
        label = "denied: " + label
    return (
        f'<g class="{cls}" data-facts="{len(facts)}"><title>{escape(chr(10).join(lines))}</title>'
        f'<path d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {tx:.1f},{ty:.1f}" fill="none" '
        f'stroke-width="{width:.1f}"{dash} marker-end="url(#{marker})"/>'
        f'<text x="{(mx + cx) / 2:.1f}" y="{(my + cy) / 2 - 4:.1f}" text-anchor="middle" '
        f'class="edge-label">{escape(label)}</text></g>'
    )
