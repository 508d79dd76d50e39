"""``supplytrace demo``: the bundled sample documents, ingested into a temporary store."""

from __future__ import annotations

import tempfile
from importlib import resources
from pathlib import Path

import click

from supplytrace.cli.facts import COLUMNS
from supplytrace.cli.options import emit, output_options
from supplytrace.pipeline import ingest
from supplytrace.query import facts
from supplytrace.store import open_store


@click.command()
@output_options
def demo(fmt: str) -> None:
    """Ingest the sample documents shipped with supplytrace and print the facts they support.

    The samples are short reports written for this project: two versions of one story, a
    separate report and a denial. Nothing is written outside a temporary folder.

    \b
    Example:
      supplytrace demo
      supplytrace demo --json
    """
    samples = resources.files("supplytrace.data").joinpath("samples")
    with (
        tempfile.TemporaryDirectory(prefix="supplytrace-demo-") as tmp,
        resources.as_file(samples) as folder,
    ):
        with open_store(Path(tmp) / "demo.db") as store:
            summary = ingest(store, [str(folder)])
            found = facts(store)
    click.echo(
        f"{summary.added} sample documents, {summary.claims} claims, {summary.stories} independent stories",
        err=True,
    )
    emit([f.to_dict() for f in found], fmt, COLUMNS, title="supply facts in the sample documents")
