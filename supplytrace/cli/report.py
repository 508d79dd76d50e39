"""``supplytrace report``: a self-contained HTML or Markdown dossier."""

from __future__ import annotations

from typing import Any

import click

from supplytrace.cli.filters import filter_options, take_filter
from supplytrace.cli.options import db_option, existing_store
from supplytrace.report import write_report


@click.command()
@db_option
@click.option("--entity", "entity_name", metavar="NAME", help="A dossier on this entity.")
@click.option("-o", "--output", "out", required=True, help="FILE.html or FILE.md.")
@filter_options
def report(db: str | None, entity_name: str | None, out: str, **kwargs: Any) -> None:
    """A report on an entity (--entity) or on the facts the filter options choose: summary,
    network picture, fact table and every evidence sentence with its source, date and
    asserter, the supporting words highlighted. The suffix of -o picks HTML or Markdown.

    \b
    Example:
      supplytrace report --entity "Dalian Machine Tool Group" -o dalian.html
      supplytrace report --item optics --recipient Russia -o optics.md
    """
    flt = take_filter(kwargs)
    with existing_store(db) as store:
        written = write_report(store, out, entity=entity_name, flt=flt)
    click.echo(f"wrote {written}", err=True)
