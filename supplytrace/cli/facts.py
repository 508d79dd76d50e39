"""``supplytrace facts``: aggregated, sourced facts from the store."""

from __future__ import annotations

from pathlib import Path

import click

from supplytrace.cli.options import db_option, emit, output_options, resolve_db
from supplytrace.errors import SupplytraceError
from supplytrace.query import facts as query_facts
from supplytrace.store import open_store

COLUMNS = [
    "supplier",
    "item_category",
    "recipient",
    "polarity",
    "documents",
    "stories",
    "asserters",
    "hedged_share",
    "end_uses",
    "hs_codes",
    "first_seen",
    "last_seen",
]


@click.command()
@db_option
@click.option("--supplier", help="Supplier name, alias or part of one.")
@click.option("--item", help="Item category id, label or the goods as written.")
@click.option("--recipient", help="Recipient name, alias or part of one.")
@click.option(
    "--polarity",
    type=click.Choice(["asserted", "denied"]),
    help="Only asserted or only denied facts.",
)
@output_options
def facts(
    db: str | None,
    supplier: str | None,
    item: str | None,
    recipient: str | None,
    polarity: str | None,
    fmt: str,
) -> None:
    """Facts: claims aggregated on supplier, item category, recipient and polarity.

    Each fact counts its documents and its independent stories (rewrites of one story count
    once), and lists who asserts it, the hedged share, end uses, HS codes and dates seen.

    \b
    Example:
      supplytrace facts --supplier "Wuhan Tongsheng" --json
      supplytrace facts --item machine_tools --csv > machine_tools.csv
    """
    path = resolve_db(db)
    if not Path(path).exists():
        raise click.ClickException(
            f"no store at {path}; run 'supplytrace ingest PATH' first or pass --db"
        )
    try:
        with open_store(path) as store:
            found = query_facts(
                store, supplier=supplier, item=item, recipient=recipient, polarity=polarity
            )
    except SupplytraceError as exc:
        raise click.ClickException(str(exc)) from exc
    emit([f.to_dict() for f in found], fmt, COLUMNS, title="supply facts")
