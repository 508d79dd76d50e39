"""``supplytrace entity``: the dossier of one party."""

from __future__ import annotations

import json
from typing import Any

import click

from supplytrace.cli.facts import COLUMNS as FACT_COLUMNS
from supplytrace.cli.filters import filter_options, take_filter
from supplytrace.cli.options import db_option, emit, existing_store, output_options
from supplytrace.query import entity as query_entity


@click.command()
@click.argument("name")
@db_option
@filter_options
@output_options
def entity(name: str, db: str | None, fmt: str, **kwargs: Any) -> None:
    """The dossier of the entity NAME names: aliases, facts as supplier and as recipient,
    denials, documents, story clusters and a timeline of its claims.

    NAME is an exact name, alias or id, or part of a name that only one entity has. The
    filter options narrow its facts. JSON gives the whole dossier; a table, CSV and JSON
    Lines give its facts (as supplier, then as recipient), each with its role.

    \b
    Example:
      supplytrace entity "Dalian Machine Tool Group"
      supplytrace entity China --polarity denied --json
    """
    flt = take_filter(kwargs)
    with existing_store(db) as store:
        dossier = query_entity(store, name, flt)
    if fmt == "json":
        click.echo(json.dumps(dossier.to_dict(), ensure_ascii=False, indent=2))
        return
    records = [{"role": "supplier", **f.to_dict()} for f in dossier.as_supplier]
    records += [{"role": "recipient", **f.to_dict()} for f in dossier.as_recipient]
    if fmt == "table":
        e = dossier.entity
        click.echo(f"{e.name} ({e.kind}{', ' + e.country if e.country else ''}) id {e.id}")
        click.echo(f"aliases: {'; '.join(e.aliases) or 'none'}")
        click.echo(
            f"{len(dossier.as_supplier)} facts as supplier, {len(dossier.as_recipient)} as "
            f"recipient, {len(dossier.denials)} denied; {dossier.document_total} documents in "
            f"{len(dossier.stories)} story clusters; {dossier.timeline_total} claims"
        )
        for event in dossier.timeline[:20]:
            click.echo(
                f"  {event.date or 'undated':10}  {event.supplier} {event.polarity} "
                f"{event.item} -> {event.recipient or '?'} ({event.asserted_by})"
            )
    emit(records, fmt, ["role", *FACT_COLUMNS], title=f"facts of {dossier.entity.name}")
