"""Fact filter options shared by the read commands (facts, entity, export, report), and the
one way they open an existing store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from supplytrace.cli.options import resolve_db
from supplytrace.errors import SupplytraceError
from supplytrace.query import FactFilter
from supplytrace.store import Store, open_store

F = TypeVar("F", bound=Callable[..., Any])

_OPTIONS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("--supplier", {"help": "Supplier name, alias or part of one."}),
    ("--item", {"help": "Item category id, label or the goods as written."}),
    ("--recipient", {"help": "Recipient name, alias or part of one."}),
    (
        "--polarity",
        {"type": click.Choice(["asserted", "denied"]), "help": "Only asserted or denied facts."},
    ),
    ("--hs-code", {"help": "HS code or a prefix of one, e.g. 8542 or 84."}),
    ("--chpl-tier", {"help": "CHPL tier 1-4 or a sub-tier such as 3.B."}),
    ("--end-use", {"help": "End use as written or an end-use category (e.g. 'cruise missiles')."}),
    ("--since", {"metavar": "DATE", "help": "Claims stated on or after DATE (YYYY[-MM[-DD]])."}),
    ("--until", {"metavar": "DATE", "help": "Claims stated on or before DATE (YYYY[-MM[-DD]])."}),
    ("--min-stories", {"type": int, "help": "At least this many independent stories."}),
)
NAMES = tuple(flag[2:].replace("-", "_") for flag, _ in _OPTIONS)


def filter_options(func: F) -> F:
    for flag, kwargs in reversed(_OPTIONS):
        func = click.option(flag, default=None, **kwargs)(func)
    return func


def take_filter(kwargs: dict[str, Any]) -> FactFilter:
    """Pop the filter options out of a command's keyword arguments."""
    return FactFilter(**{name: kwargs.pop(name) for name in NAMES})


@contextmanager
def existing_store(db: str | None) -> Iterator[Store]:
    """The store the options name; library errors become clean CLI errors."""
    path = resolve_db(db)
    if not Path(path).exists():
        raise click.ClickException(
            f"no store at {path}; run 'supplytrace ingest PATH' first or pass --db"
        )
    try:
        with open_store(path) as store:
            yield store
    except SupplytraceError as exc:
        raise click.ClickException(str(exc)) from exc
