"""Fact filter options shared by the read commands (facts, entity, export, report), and the
one way they open an existing store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from supplytrace.query import FactFilter

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
    (
        "--min-confidence",
        {
            "type": click.FloatRange(0, 1),
            "help": "Only claims a learned extractor scored at least this (0-1); rule claims, "
            "which carry no score, are kept.",
        },
    ),
)
NAMES = tuple(flag[2:].replace("-", "_") for flag, _ in _OPTIONS)


def filter_options(func: F) -> F:
    for flag, kwargs in reversed(_OPTIONS):
        func = click.option(flag, default=None, **kwargs)(func)
    return func


def take_filter(kwargs: dict[str, Any]) -> FactFilter:
    """Pop the filter options out of a command's keyword arguments."""
    return FactFilter(**{name: kwargs.pop(name) for name in NAMES})
