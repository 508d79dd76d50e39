"""``supplytrace facts``: aggregated, sourced facts from the store."""

from __future__ import annotations

from typing import Any

import click

from supplytrace.cli.filters import filter_options, take_filter
from supplytrace.cli.options import db_option, emit, existing_store, output_options
from supplytrace.query import keyed_facts

COLUMNS = [
    "supplier",
    "item_key",
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
@filter_options
@click.option("--limit", type=int, help="Only the first N facts.")
@output_options
def facts(db: str | None, limit: int | None, fmt: str, **kwargs: Any) -> None:
    """Facts: claims aggregated on supplier, goods, recipient and polarity.

    Each fact counts its documents and its independent stories (rewrites of one story count
    once), and lists who asserts it, the hedged share, end uses, HS codes and dates seen.
    --json, --jsonl and --csv add every field, among them the fact's confidence (its surest
    scored claim; empty when only rules made it).

    \b
    Example:
      supplytrace facts --supplier "Wuhan Tongsheng" --json
      supplytrace facts --item machine_tools --csv > machine_tools.csv
      supplytrace facts --recipient Russia --chpl-tier 3 --since 2024 --min-stories 2
      supplytrace facts --end-use "cruise missiles" --jsonl
    """
    flt = take_filter(kwargs)
    with existing_store(db) as store:
        found = keyed_facts(store, flt, limit=limit)
    emit([k.fact.to_dict() for k in found], fmt, COLUMNS, title="supply facts")
