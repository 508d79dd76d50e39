"""``supplytrace export``: the facts, entities, claims and documents for other tools."""

from __future__ import annotations

from typing import Any

import click

from supplytrace.cli.filters import filter_options, take_filter
from supplytrace.cli.options import db_option, existing_store
from supplytrace.export import FORMATS
from supplytrace.export import export as run_export


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="Output format.")
@click.option(
    "-o", "--output", "out", required=True, help="File, directory (neo4j, csv) or - for stdout."
)
@filter_options
def export(db: str | None, fmt: str, out: str, **kwargs: Any) -> None:
    """Export facts with their entities, claims and documents.

    ftm: FollowTheMoney entities (JSON Lines) for Aleph and OpenSanctions tools; graphml and
    gexf: the network for Gephi or networkx; neo4j: CSV files and load.cypher in a directory;
    csv: entities, facts, claims and documents tables in a directory; jsonl: all records in
    one stream. The filter options choose the facts.

    \b
    Example:
      supplytrace export --format graphml -o network.graphml
      supplytrace export --format ftm -o - --supplier Dalian | ftm validate
      supplytrace export --format neo4j -o neo4j/ --recipient Russia
    """
    flt = take_filter(kwargs)
    with existing_store(db) as store:
        summary = run_export(store, fmt, out, flt)
    counts = ", ".join(f"{n} {k}" for k, n in summary.counts.items())
    click.echo(f"wrote {', '.join(summary.paths)} ({counts})", err=True)
