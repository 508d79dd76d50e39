"""``supplytrace screen``: is any of these names in the graph, or on a loaded list?"""

from __future__ import annotations

import csv
from pathlib import Path

import click

from supplytrace.cli.options import db_option, emit, existing_store, output_options
from supplytrace.errors import SupplytraceError
from supplytrace.resolve.score import THRESHOLD
from supplytrace.resolve.screen import Screener, flatten

COLUMNS = ["query", "source", "name", "score", "features", "claims", "evidence", "on_lists"]


def _read_names(path: Path) -> list[tuple[str, list[str]]]:
    """(name, countries) from a CSV with a 'name' (and optional 'country') column, or one name
    a line when the file has no such header."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header = [h.strip().lower() for h in next(csv.reader(lines[:1]), [])]
    if "name" not in header:
        return [(line.strip(), []) for line in lines if line.strip()]
    found = []
    for row in csv.DictReader(lines):
        row = {k.strip().lower(): (v or "") for k, v in row.items() if k}
        if row.get("name", "").strip():
            found.append((row["name"].strip(), [c for c in [row.get("country", "").strip()] if c]))
    return found


@click.command()
@db_option
@click.argument("names", nargs=-1)
@click.option(
    "--file",
    "names_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV with a 'name' (and optional 'country') column, or one name a line.",
)
@click.option("--country", multiple=True, help="Country of the names given as arguments.")
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    default=THRESHOLD,
    show_default=True,
    help="Least match score reported.",
)
@output_options
def screen(
    db: str | None,
    names: tuple[str, ...],
    names_file: Path | None,
    country: tuple[str, ...],
    threshold: float,
    fmt: str,
) -> None:
    """Match NAMES against the graph's parties and the loaded reference lists.

    Each match has its score and the features that decided it; a graph match lists the claims
    behind it with their evidence sentences. --json keeps that nesting; a table and --csv show
    one row per match.

    \b
    Example:
      supplytrace screen "WUHAN TONGSHENG TECHNOLOGY CO., LTD." --db cases.db
      supplytrace screen --file counterparties.csv --csv > hits.csv
    """
    queries = [(n, list(country)) for n in names]
    if names_file is not None:
        queries.extend(_read_names(names_file))
    if not queries:
        raise click.UsageError("give names to screen, or --file names.csv")
    try:
        with existing_store(db) as store:
            screener = Screener(store, threshold)
            results = [screener.screen(name, countries) for name, countries in queries]
    except SupplytraceError as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt in ("json", "jsonl"):
        emit(results, fmt, COLUMNS)
    else:
        rows = [row for result in results for row in flatten(result)]
        emit(rows, fmt, COLUMNS, title="screening")
