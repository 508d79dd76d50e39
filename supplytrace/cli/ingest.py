"""``supplytrace ingest``: files and folders into the store."""

from __future__ import annotations

import sys

import click

from supplytrace.cli.options import db_option, extractor_option, resolve_db
from supplytrace.cli.progress import progress_bar
from supplytrace.errors import SupplytraceError
from supplytrace.pipeline import ingest as run_ingest
from supplytrace.store import open_store

EXIT_SOME_SKIPPED = 3
EXIT_INTERRUPTED = 130  # as a shell reports a process ended by SIGINT


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@click.option(
    "--batch-size",
    default=32,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="Documents per transaction.",
)
@click.option(
    "--jobs",
    "-j",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes parsing in parallel; the store is the same for any number.",
)
@extractor_option
def ingest(
    paths: tuple[str, ...],
    db: str | None,
    quiet: bool,
    batch_size: int,
    jobs: int,
    mode: str | None,
) -> None:
    """Read documents from PATHS (files or folders), extract claims and store them.

    Running it again on the same files changes nothing; an interrupted run resumes where it
    stopped. Unreadable documents are listed with a reason and the rest are stored; the exit
    status is 3 when any were skipped.

    \b
    Example:
      supplytrace ingest reports/ --db cases.db
      supplytrace ingest reports/ --db cases.db --jobs 2
    """
    try:
        with open_store(resolve_db(db)) as store, progress_bar(quiet) as advance:
            summary = run_ingest(
                store, paths, batch_size=batch_size, progress=advance, mode=mode, jobs=jobs
            )
    except SupplytraceError as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyboardInterrupt:
        # each batch is one transaction: the one under way was rolled back, the rest is kept
        click.echo(
            "\ninterrupted: the documents stored before are kept; run the same command again "
            "to go on (nothing is processed twice)",
            err=True,
        )
        sys.exit(EXIT_INTERRUPTED)
    if not quiet:
        click.echo(
            f"documents added: {summary.added}, already stored: {summary.already_present}, "
            f"skipped: {len(summary.skipped)}, claims added: {summary.claims}, "
            f"stories: {summary.stories}",
            err=True,
        )
    for item in summary.skipped:
        click.echo(f"skipped {item.source_path}: {item.reason}", err=True)
    if summary.skipped:
        sys.exit(EXIT_SOME_SKIPPED)
