"""The ``supplytrace`` command: verbs as sub-commands, each a thin layer over the library."""

from __future__ import annotations

import click

from supplytrace import __version__
from supplytrace.cli.demo import demo
from supplytrace.cli.entity import entity
from supplytrace.cli.export import export
from supplytrace.cli.extract import extract
from supplytrace.cli.facts import facts
from supplytrace.cli.ingest import ingest
from supplytrace.cli.judgements import judgements
from supplytrace.cli.lists import lists
from supplytrace.cli.merge import merge
from supplytrace.cli.path import path
from supplytrace.cli.report import report
from supplytrace.cli.screen import screen
from supplytrace.cli.split import split
from supplytrace.cli.story import story
from supplytrace.cli.train import train


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
      supplytrace entity "Dalian Machine Tool Group" --db cases.db
      supplytrace path "Beijing Xichao" drones --db cases.db
      supplytrace export --format graphml -o network.graphml --db cases.db
      supplytrace report --entity China -o china.html --db cases.db
    """


main.add_command(extract)
main.add_command(ingest)
main.add_command(facts)
main.add_command(story)
main.add_command(entity)
main.add_command(path)
main.add_command(export)
main.add_command(report)
main.add_command(demo)
main.add_command(screen)
main.add_command(lists)
main.add_command(merge)
main.add_command(split)
main.add_command(judgements)
main.add_command(train)
