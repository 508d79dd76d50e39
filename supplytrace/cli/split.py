"""``supplytrace split ENTITY``: take an entity out of the party it was resolved into."""

from __future__ import annotations

import click

from supplytrace.cli.merge import find_entity
from supplytrace.cli.options import db_option, existing_store
from supplytrace.errors import SupplytraceError
from supplytrace.resolve import resolve_store


@click.command()
@db_option
@click.argument("entity")
@click.option("--author", default="user", show_default=True, help="Who made the judgement.")
def split(db: str | None, entity: str, author: str) -> None:
    """Judge ENTITY (id, id prefix or name) not to be the other members of its cluster.

    Stored as "not same" judgements, which no name score can override, so the split survives
    re-ingest.

    \b
    Example:
      supplytrace split "Wuhan Tongsheng Trading" --db cases.db
    """
    try:
        with existing_store(db) as store:
            target = find_entity(store, entity)
            clusters = resolve_store(store).clusters()
            root = next(r for r, ids in clusters.items() if target in ids)
            others = [i for i in clusters[root] if i != target]
            store.resolution.judge([(target, o) for o in others], "not_same", author)
            resolve_store(store)
    except SupplytraceError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{target} split from {len(others)} entit{'y' if len(others) == 1 else 'ies'}")
