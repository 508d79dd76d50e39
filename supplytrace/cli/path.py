"""``supplytrace path``: routes from a supplier to a recipient or an end use."""

from __future__ import annotations

import click

from supplytrace.cli.options import db_option, emit, existing_store, output_options
from supplytrace.query import paths


@click.command()
@click.argument("source")
@click.argument("target")
@db_option
@click.option("--max-hops", type=int, default=3, show_default=True, help="Longest path.")
@output_options
def path(source: str, target: str, db: str | None, max_hops: int, fmt: str) -> None:
    """Paths over asserted facts from SOURCE (a supplier) to TARGET: a recipient, an end use
    ('cruise missiles') or goods ('drones'), shortest and best-sourced first.

    \b
    Example:
      supplytrace path "Beijing Xichao" drones
      supplytrace path China "cruise missiles" --json
    """
    with existing_store(db) as store:
        found = paths(store, source, target, max_hops=max_hops)
    records = [p.to_dict() for p in found]
    if fmt in ("csv", "table"):  # a cell holds no nested facts; JSON keeps them
        records = [{k: v for k, v in r.items() if k != "facts"} for r in records]
    emit(records, fmt, ["path", "hops", "reaches", "stories"], title="paths")
