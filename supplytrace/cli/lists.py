"""``supplytrace lists``: load and show reference lists (sanctions, watch lists)."""

from __future__ import annotations

from pathlib import Path

import click

from supplytrace.cli.options import db_option, emit, existing_store, output_options, resolve_db
from supplytrace.errors import SupplytraceError
from supplytrace.resolve.lists import read_list
from supplytrace.store import open_store


@click.group()
def lists() -> None:
    """Reference lists that 'supplytrace screen' matches names against.

    \b
    Example:
      supplytrace lists add sanctions.jsonl --name opensanctions --db cases.db
      supplytrace lists show --db cases.db
    """


@lists.command("add")
@db_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--name", "list_name", required=True, help="Name of the list (replaces a list of that name)."
)
def add(db: str | None, file: Path, list_name: str) -> None:
    """Load FILE: FollowTheMoney/OpenSanctions entity JSON lines, or CSV with name, alias,
    country and id columns. Bad lines are reported with their numbers; the rest loads.

    \b
    Example:
      supplytrace lists add targets.simple.csv --name ofsi
    """
    try:
        parsed = read_list(file, list_name)
        with open_store(resolve_db(db)) as store:
            store.resolution.replace_list(list_name, str(file), parsed.entries)
    except SupplytraceError as exc:
        raise click.ClickException(str(exc)) from exc
    for error in parsed.errors:
        click.echo(f"{file}: {error}; skipped", err=True)
    click.echo(f"{list_name}: {len(parsed.entries)} entries loaded, {len(parsed.errors)} skipped")


@lists.command("show")
@db_option
@output_options
def show(db: str | None, fmt: str) -> None:
    """The loaded lists.

    \b
    Example:
      supplytrace lists show --json
    """
    try:
        with existing_store(db) as store:
            records = [
                {"name": n, "source": s, "entries": c, "loaded_at": t}
                for n, s, c, t in store.resolution.lists()
            ]
    except SupplytraceError as exc:
        raise click.ClickException(str(exc)) from exc
    emit(records, fmt, ["name", "source", "entries", "loaded_at"], title="reference lists")
