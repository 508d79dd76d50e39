"""Reports: a self-contained HTML or Markdown dossier on an entity or a query.

Example::

    with open_store("cases.db") as store:
        write_report(store, "dalian.html", entity="Dalian Machine Tool Group")
        write_report(store, "optics.md", flt=FactFilter(item="optics"))
"""

from __future__ import annotations

from pathlib import Path

from supplytrace.errors import SupplytraceError
from supplytrace.query import FactFilter
from supplytrace.report.content import Report, gather
from supplytrace.report.html import render_html
from supplytrace.report.markdown import render_markdown
from supplytrace.report.svg import render_svg
from supplytrace.store import Store


class ReportError(SupplytraceError):
    """A report that cannot be written."""


RENDERERS = {".html": render_html, ".htm": render_html, ".md": render_markdown}


def write_report(
    store: Store,
    out: str | Path,
    *,
    entity: str | None = None,
    flt: FactFilter | None = None,
) -> Path:
    """Write the report on ``entity`` (or the facts matching ``flt``) to ``out``; the suffix
    (.html or .md) picks the format."""
    path = Path(out)
    render = RENDERERS.get(path.suffix.lower())
    if render is None:
        raise ReportError(f"{path}: unknown report format; name the file .html or .md")
    text = render(gather(store, entity, flt))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"cannot write {path}: {exc.strerror}; choose another -o") from exc
    return path


__all__ = [
    "Report",
    "ReportError",
    "gather",
    "render_html",
    "render_markdown",
    "render_svg",
    "write_report",
]
