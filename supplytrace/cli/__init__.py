"""The ``supplytrace`` command: verbs as sub-commands, each a thin layer over the library."""

from __future__ import annotations

import click

from supplytrace import __version__
from supplytrace.cli.demo import demo
from supplytrace.cli.extract import extract
from supplytrace.cli.facts import facts
from supplytrace.cli.ingest import ingest
from supplytrace.cli.story import story


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="supplytrace")
def main() -> None:
    """Who supplies what to whom, for which military end use: a sourced graph from documents.

    \b
    Example:
      supplytrace demo
      supplytrace ingest reports/ --db cases.db
      supplytrace facts --db cases.db --supplier "Dalian Machine Tool" --json
      supplytrace story reports/wire.txt --db cases.db
    """


main.add_command(extract)
main.add_command(ingest)
main.add_command(facts)
main.add_command(story)
main.add_command(demo)
