"""``supplytrace extract``: the measurement contract, straight from files to JSON, no store."""

from __future__ import annotations

import json
import sys

import click

from supplytrace.cli.options import extractor_option
from supplytrace.pipeline import extract_records


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--jsonl",
    "jsonl",
    is_flag=True,
    default=True,
    help="JSON Lines, one object per document; the only format, accepted for the contract.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes parsing in parallel; the output is the same for any number.",
)
@extractor_option
def extract(files: tuple[str, ...], jsonl: bool, jobs: int, mode: str | None) -> None:
    """Extract organisations, countries and supply claims from FILES, one JSON object per document.

    Documents are compared with each other for near-duplicates (rewrites of one story) and
    same-event reports. Unreadable inputs give an object with an "error" field.

    \b
    Example:
      supplytrace extract reports/*.txt --jsonl > claims.jsonl
      supplytrace extract reports/*.txt --jobs 2 > claims.jsonl
      supplytrace extract reports/*.txt --extractor hybrid > claims.jsonl
    """
    records = extract_records(list(files), n_process=jobs, mode=mode)
    for record in records:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        if "error" in record:
            click.echo(f"skipped {record['doc']}: {record['error']}", err=True)
    if any("error" in r for r in records):
        sys.exit(3)
