"""Options shared by the commands: the store location and the output format."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tomllib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from supplytrace.errors import SupplytraceError
from supplytrace.store import Store, open_store

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_DB = "supplytrace.db"
CONFIG_FILE = "supplytrace.toml"


def config_value(key: str) -> str | None:
    """A value from ``./supplytrace.toml`` (lowest precedence after built-in defaults)."""
    path = Path(CONFIG_FILE)
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise click.UsageError(f"{path}: not valid TOML ({exc}); fix or remove the file") from exc
    value = data.get(key)
    return str(value) if value is not None else None


def resolve_db(flag: str | None) -> str:
    """Flag, then SUPPLYTRACE_DB, then supplytrace.toml's ``db``, then ./supplytrace.db."""
    return flag or os.environ.get("SUPPLYTRACE_DB") or config_value("db") or DEFAULT_DB


def db_option(func: F) -> F:
    return click.option(
        "--db",
        "db",
        default=None,
        metavar="PATH",
        help="Store file (default: $SUPPLYTRACE_DB, supplytrace.toml 'db', or ./supplytrace.db).",
    )(func)


def extractor_option(func: F) -> F:
    return click.option(
        "--extractor",
        "mode",
        type=click.Choice(["rules", "learned", "hybrid"]),
        default=None,
        envvar="SUPPLYTRACE_EXTRACTOR",
        help="hybrid (default: the rules' claims plus the trained scorer's on what no rule "
        "claim of a sentence says), rules (the hand-written rules alone) or learned (the "
        "trained scorer over high-recall candidates alone).",
    )(func)


def output_options(func: F) -> F:
    func = click.option(
        "--table", "fmt", flag_value="table", default=True, help="A table (default)."
    )(func)
    func = click.option("--json", "fmt", flag_value="json", help="A JSON array.")(func)
    func = click.option(
        "--jsonl", "fmt", flag_value="jsonl", help="JSON Lines, one record a line."
    )(func)
    func = click.option("--csv", "fmt", flag_value="csv", help="CSV with a header row.")(func)
    return func


def _csv_cell(value: Any) -> str:
    """A CSV cell; text a spreadsheet would run as a formula is quoted (numbers stay numbers)."""
    from supplytrace.export import spreadsheet_safe

    cell = _cell(value)
    return str(spreadsheet_safe(cell)) if isinstance(value, str | list | tuple) else cell


def _cell(value: Any, limit: int | None = None) -> str:
    if isinstance(value, list | tuple):
        shown = [str(v) for v in value]
        if limit is not None and len(shown) > limit:
            shown = shown[:limit] + [f"+{len(value) - limit}"]
        return "; ".join(shown)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def emit(
    records: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str], title: str = ""
) -> None:
    """Write records to stdout in the chosen format; tables show ``columns`` only."""
    if fmt == "json":
        click.echo(json.dumps(list(records), ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(records[0]) if records else list(columns))
        writer.writeheader()
        for record in records:
            writer.writerow({k: _csv_cell(v) for k, v in record.items()})
        click.echo(buffer.getvalue(), nl=False)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title or None, show_lines=False)
        for column in columns:
            table.add_column(column.replace("_", " "), overflow="fold")
        for record in records:
            table.add_row(*(_cell(record.get(c), limit=4) for c in columns))
        console = Console()
        console.width = max(160, shutil.get_terminal_size().columns)
        console.print(table)


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
