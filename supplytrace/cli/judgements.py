"""``supplytrace judgements``: list the merge and split judgements of a store, or undo one."""

from __future__ import annotations

import click

from supplytrace.cli.merge import find_entity
from supplytrace.cli.options import db_option, emit, existing_store, output_options
from supplytrace.errors import SupplytraceError
from supplytrace.resolve import resolve_store

COLUMNS = ["left", "right", "judgement", "author", "at", "left_id", "right_id"]


@click.group()
def judgements() -> None:
    """The judgements made with merge and split: list them, or undo one."""


@judgements.command("list")
@db_option
@output_options
def list_judgements(db: str | None, fmt: str) -> None:
    """Every judgement, with the names of the two entities, who made it and when.

    \b
    Example:
      supplytrace judgements list --db cases.db
    """
    with existing_store(db) as store:
        names = {e.id: e.name for e in store.entities()}
        records = [
            {
                "left": names.get(a, a),
                "right": names.get(b, b),
                "judgement": verdict,
                "author": author,
                "at": at,
                "left_id": a,
                "right_id": b,
            }
            for a, b, verdict, author, at in store.resolution.judgement_records()
        ]
    if not records and fmt == "table":
        click.echo("no judgements yet; 'supplytrace merge A B' and 'supplytrace split A' make them")
        return
    emit(records, fmt, COLUMNS, title="judgements")


@judgements.command("undo")
@db_option
@click.argument("a")
@click.argument("b")
def undo(db: str | None, a: str, b: str) -> None:
    """Delete the judgement on entities A and B (ids, id prefixes or names) and resolve again.

    \b
    Example:
      supplytrace judgements undo "Kestrel Avionics" "Kestrel Avionics Trading" --db cases.db
    """
    try:
        with existing_store(db) as store:
            left, right = find_entity(store, a), find_entity(store, b)
            names = {e.id: e.name for e in store.entities()}
            if not store.resolution.forget([(left, right)]):
                raise click.ClickException(
                    f"no judgement on {names[left]} and {names[right]}; "
                    "see 'supplytrace judgements list'"
                )
            resolution = resolve_store(store)
    except SupplytraceError as exc:
        raise click.ClickException(str(exc)) from exc
    together = resolution.canonical.get(left) == resolution.canonical.get(right)
    click.echo(
        f"judgement on {names[left]} and {names[right]} undone; they are now "
        f"{'one party (by name)' if together else 'apart'}"
    )
