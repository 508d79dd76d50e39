"""``supplytrace merge A B``: judge two entities to be one party (kept across re-ingest)."""

from __future__ import annotations

import click

from supplytrace.cli.options import db_option, existing_store
from supplytrace.errors import SupplytraceError
from supplytrace.names import name_key
from supplytrace.resolve import resolve_store
from supplytrace.store import Store


def find_entity(store: Store, ref: str) -> str:
    """The entity id ``ref`` names: an id, an id prefix, a name or alias, or a name's key."""
    entities = store.entities()
    folded = ref.casefold()
    for test in (
        lambda e: e.id == ref,
        lambda e: len(ref) >= 6 and e.id.startswith(ref),
        lambda e: folded in {n.casefold() for n in (e.name, *e.aliases)},
        lambda e: e.key == name_key(ref),
    ):
        found = sorted({e.id for e in entities if test(e)})
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise click.UsageError(f"{ref!r} names {len(found)} entities; pass an entity id")
    raise click.UsageError(f"no stored entity is named {ref!r}; see 'supplytrace screen {ref!r}'")


@click.command()
@db_option
@click.argument("a")
@click.argument("b")
@click.option("--unsure", is_flag=True, help="Record the pair as unsure instead (no merge).")
@click.option("--author", default="user", show_default=True, help="Who made the judgement.")
def merge(db: str | None, a: str, b: str, unsure: bool, author: str) -> None:
    """Judge entities A and B (ids, id prefixes or names) to be one party.

    The judgement is stored apart from the data and overrides the name matcher, also after
    the same documents are ingested again.

    \b
    Example:
      supplytrace merge "Wuhan Tongsheng" "WTT Co" --db cases.db
    """
    try:
        with existing_store(db) as store:
            left, right = find_entity(store, a), find_entity(store, b)
            names = {e.id: e.name for e in store.entities()}
            store.resolution.judge([(left, right)], "unsure" if unsure else "same", author)
            resolution = resolve_store(store)
    except SupplytraceError as exc:
        raise click.ClickException(str(exc)) from exc
    root = resolution.canonical.get(left)
    merged = root is not None and root == resolution.canonical.get(right)
    joined = "are one party" if merged else "stay apart"
    click.echo(
        f"{names[left]} ({left}) and {names[right]} ({right}) {joined}; canonical id {root}. "
        "Undo with 'supplytrace judgements undo'."
    )
