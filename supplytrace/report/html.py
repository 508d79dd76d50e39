"""The HTML report: one self-contained file (inline CSS, inline SVG, no scripts)."""

from __future__ import annotations

from html import escape

from supplytrace.goods import goods_label
from supplytrace.query import Evidence, KeyedFact
from supplytrace.report.content import Report, link_target
from supplytrace.report.svg import render_svg

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1200px;
color:#1d2530;padding:0 1rem}
h1{margin-bottom:.2rem}.subtitle{color:#5b6573;margin-top:0}
.summary{display:flex;gap:1rem;flex-wrap:wrap;padding:0;list-style:none}
.summary li{background:#f1f4f8;border-radius:6px;padding:.4rem .8rem}
.summary b{font-size:1.3em;display:block}
figure{margin:1rem 0;overflow-x:auto;border:1px solid #dde3ea;border-radius:6px;padding:.5rem}
figcaption{color:#5b6573;font-size:.9em}
svg .edge path{stroke:#55606e;opacity:.75}svg .edge.denied path{stroke:#c0392b}
svg .edge-label{font-size:10px;fill:#55606e}svg .node text{font-size:12px;font-weight:600}
svg circle{fill:#3b7dd8;stroke:#fff;stroke-width:2}svg circle.kind-country{fill:#e67e22}
svg circle.kind-other{fill:#95a5a6}
table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border-bottom:1px solid #e3e8ee;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}tr.denied td{color:#a93226}
.fact{border-left:4px solid #3b7dd8;padding:.2rem 1rem;margin:1.2rem 0}
.fact.denied{border-color:#c0392b}
.evidence{margin:.6rem 0}.evidence blockquote{margin:.2rem 0;padding:.3rem .7rem;background:#fafbfc;
border-left:3px solid #d5dbe3}
mark{background:#ffe58a;padding:0 .1em;border-radius:2px}
.meta{color:#5b6573;font-size:.88em}.tag{font-size:.8em;border-radius:3px;padding:0 .3em;
background:#eee}.tag.denied{background:#fadbd8;color:#922b21}.tag.hedged{background:#fdebd0}
"""


def _e(value: object) -> str:
    return escape("" if value is None else str(value))


def _fact_row(i: int, kf: KeyedFact) -> str:
    f = kf.fact
    cls = ' class="denied"' if f.polarity == "denied" else ""
    cells = [
        f'<a href="#fact-{i}">{i}</a>',
        _e(f.supplier),
        _e(goods_label(f.item_key)) + f'<div class="meta">{_e("; ".join(f.items))}</div>',
        _e(f.recipient or "(not stated)"),
        _e(f.polarity),
        _e(f.stories),
        _e(f.documents),
        _e(f.denials),
        f"{f.hedged_share:.0%}",
        _e("; ".join(f.end_uses)),
        _e("; ".join(f.hs_codes[:6]) + (" …" if len(f.hs_codes) > 6 else "")),
        _e("; ".join(f.chpl_tiers)),
        _e(f.first_seen or ""),
    ]
    return f"<tr{cls}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _evidence(e: Evidence) -> str:
    sentence = "".join(
        f"<mark>{escape(text)}</mark>" if marked else escape(text) for text, marked in e.pieces()
    )
    source = _e(e.source)
    target = link_target(e.url)
    if target:
        source = f'<a href="{_e(target)}">{source}</a>'
    tags = f'<span class="tag {_e(e.polarity)}">{_e(e.polarity)}</span>'
    if e.hedged:
        tags += ' <span class="tag hedged">hedged</span>'
    title = f" — {_e(e.title)}" if e.title and e.title != e.source else ""
    return (
        f'<div class="evidence"><blockquote>{sentence}</blockquote>'
        f'<div class="meta">{tags} asserted by <b>{_e(e.asserted_by)}</b> · {source}{title} · '
        f"{_e(e.date or 'undated')} · story {_e(e.story_id[:8])}</div></div>"
    )


def _dossier(report: Report) -> str:
    d = report.dossier
    if d is None:
        return ""
    aliases = ", ".join(_e(a) for a in d.entity.aliases) or "none"
    rows = "".join(
        f"<tr><td>{_e(ev.date or 'undated')}</td><td>{_e(ev.supplier)}</td><td>{_e(ev.item)}</td>"
        f"<td>{_e(ev.recipient or '')}</td><td>{_e(ev.polarity)}</td><td>{_e(ev.asserted_by)}</td></tr>"
        for ev in d.timeline
    )
    docs = "".join(
        f"<li>{_e(doc.published or 'undated')} · {_e(doc.outlet or '')} "
        f"{_e(doc.title or doc.source_path or doc.id)} ({doc.claims} claims; story "
        f"{_e(doc.story_id[:8])})</li>"
        for doc in d.documents
    )
    return (
        f"<h2>Entity</h2><p><b>Aliases:</b> {aliases}<br><b>Country:</b> "
        f"{_e(d.entity.country or 'unknown')} · <b>Story clusters:</b> {len(d.stories)} · "
        f"<b>Denials:</b> {len(d.denials)}</p>"
        f"<h3>Documents ({d.document_total})</h3><ul>{docs}</ul>"
        f"<h3>Timeline ({d.timeline_total} claims)</h3><table><tr><th>date</th><th>supplier</th>"
        f"<th>goods</th><th>recipient</th><th>polarity</th><th>asserted by</th></tr>{rows}</table>"
    )


def render_html(report: Report) -> str:
    summary = "".join(f"<li><b>{n}</b>{_e(k)}</li>" for k, n in report.summary().items())
    header = (
        "<tr><th>#</th><th>supplier</th><th>goods</th><th>recipient</th><th>polarity</th>"
        "<th>stories</th><th>docs</th><th>denials</th><th>hedged</th><th>end uses</th>"
        "<th>HS</th><th>CHPL</th><th>first seen</th></tr>"
    )
    table = "".join(_fact_row(i, kf) for i, kf in enumerate(report.facts, 1))
    sections = []
    for i, kf in enumerate(report.facts, 1):
        f = kf.fact
        verb = "denied supplying" if f.polarity == "denied" else "supplies"
        items = "".join(_evidence(e) for e in report.evidence.get(kf.key, []))
        sections.append(
            f'<section class="fact {_e(f.polarity)}" id="fact-{i}"><h3>{i}. {_e(f.supplier)} '
            f"{verb} {_e(goods_label(f.item_key))} → {_e(f.recipient or '(not stated)')}</h3>"
            f'<p class="meta">{f.stories} independent stories · {f.documents} documents · '
            f"{f.claims} claims · asserted by {_e('; '.join(f.asserters))}</p>{items}</section>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_e(report.title)} — supplytrace report</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{_CSS}</style></head><body>"
        f'<h1>{_e(report.title)}</h1><p class="subtitle">{_e(report.subtitle)}</p>'
        f'<ul class="summary">{summary}</ul>'
        f"<figure>{render_svg(report.network)}<figcaption>Nodes sized by independent stories; "
        "dashed red edges are denials; hover for details.</figcaption></figure>"
        f"{_dossier(report)}<h2>Facts</h2><table>{header}{table}</table>"
        f"<h2>Evidence</h2>{''.join(sections)}"
        '<p class="meta">Made by supplytrace from the claims in its store; every sentence is '
        "quoted exactly from its source.</p></body></html>\n"
    )
