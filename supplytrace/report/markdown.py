"""The Markdown report: the same content, with the network as a Mermaid diagram."""

from __future__ import annotations

from supplytrace.goods import goods_label
from supplytrace.report.content import Report, link_target


def _cell(value: object) -> str:
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")


def _mermaid(report: Report) -> list[str]:
    ids = {node.id: f"n{i}" for i, node in enumerate(report.network.nodes)}
    lines = ["```mermaid", "graph LR"]
    for node in report.network.nodes:
        name = node.name.replace('"', "'")
        lines.append(f'  {ids[node.id]}["{name} ({node.stories})"]')
    for kf in report.facts:
        arrow = "-.->" if kf.fact.polarity == "denied" else "-->"
        label = goods_label(kf.fact.item_key).replace('"', "'")
        target = ids[report.network.target(kf)]
        lines.append(f'  {ids[kf.supplier_id]} {arrow}|"{label}"| {target}')
    return [*lines, "```"]


def render_markdown(report: Report) -> str:
    out = [f"# {report.title}", "", f"_{report.subtitle}_", ""]
    out += [", ".join(f"**{n}** {k}" for k, n in report.summary().items()), ""]
    out += ["## Network", "", "Node labels give independent stories; dotted edges are denials.", ""]
    out += [*_mermaid(report), ""]
    if report.dossier:
        d = report.dossier
        out += ["## Entity", "", f"Aliases: {', '.join(d.entity.aliases) or 'none'}", ""]
        out += [f"Documents: {d.document_total}; story clusters: {len(d.stories)}", ""]
    out += ["## Facts", ""]
    out += ["| # | supplier | goods | recipient | polarity | stories | documents | denials |"]
    out += ["|---|---|---|---|---|---|---|---|"]
    for i, kf in enumerate(report.facts, 1):
        f = kf.fact
        cells = [i, f.supplier, goods_label(f.item_key), f.recipient or "(not stated)", f.polarity]
        cells += [f.stories, f.documents, f.denials]
        out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    out += ["", "## Evidence", ""]
    for i, kf in enumerate(report.facts, 1):
        f = kf.fact
        verb = "denied supplying" if f.polarity == "denied" else "supplies"
        out += [
            f"### {i}. {f.supplier} {verb} {goods_label(f.item_key)} → {f.recipient or '(not stated)'}"
        ]
        out.append("")
        for e in report.evidence.get(kf.key, []):
            sentence = "".join(f"**{t}**" if marked else t for t, marked in e.pieces())
            target = link_target(e.url)
            source = f"[{e.source}](<{target}>)" if target else e.source
            hedged = ", hedged" if e.hedged else ""
            out += [f"> {sentence}", ""]
            out += [f"— {e.polarity}{hedged}, asserted by {e.asserted_by}; {source}; "]
            out[-1] += f"{e.date or 'undated'}"
            out.append("")
    return "\n".join(out) + "\n"
