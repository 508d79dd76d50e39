"""``supplytrace train``: rebuild the learned relation scorer from annotated documents."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from supplytrace.train import (
    TrainingDataError,
    cross_validate_model,
    prepare,
    train_model,
    write_jsonl,
)

_PACKAGED = Path(__file__).resolve().parent.parent / "data" / "models" / "relation_scorer.json.gz"


@click.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the annotated texts [default: corpus/ beside GOLD].",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=_PACKAGED,
    show_default="the model shipped in the package",
    help="Where to write the weights (gzipped JSON).",
)
@click.option(
    "--cv",
    "cv_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write grouped cross-validation predictions (JSON Lines, for tools/score.py) here.",
)
@click.option(
    "--folds",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="folds.json with an event -> fold map [default: folds.json beside GOLD, if any].",
)
@click.option(
    "--cv-extractor",
    type=click.Choice(["learned", "hybrid", "rules"]),
    default="learned",
    show_default=True,
    help="Which extractor the cross-validation runs (rules: today's rules, for comparison).",
)
@click.option(
    "--extra",
    "extras",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Another gold file (its texts in corpus/ beside it), e.g. synthetic documents: always "
    "trained on, never cross-validated on. Repeatable.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
def train(
    gold: Path,
    corpus: Path | None,
    output: Path,
    cv_out: Path | None,
    folds: Path | None,
    cv_extractor: str,
    extras: tuple[Path, ...],
    quiet: bool,
) -> None:
    """Train the learned relation scorer on GOLD (one JSON object per annotated document).

    Deterministic: the same documents give the same weights. Grouped cross-validation keeps
    every event's documents in one fold, so rewrites of a story never leak across folds.

    \b
    Example:
      supplytrace train ../shared/data/train/gold.jsonl --cv cv.jsonl
      supplytrace train ../shared/data/train/gold.jsonl --cv cv-hybrid.jsonl --cv-extractor hybrid
      python ../shared/tools/score.py ../shared/data/train/gold.jsonl cv.jsonl
      supplytrace train ../shared/data/train/gold.jsonl --extra training/synthetic/gold.jsonl
      supplytrace train my/gold.jsonl --corpus my/texts -o my-model.json.gz
    """

    def say(message: str) -> None:
        if not quiet:
            click.echo(message, err=True)

    try:
        docs = prepare(gold, corpus, say)
        extra = [d for path in extras for d in prepare(path, None, say)]
    except TrainingDataError as exc:
        raise click.ClickException(str(exc)) from exc
    if cv_out is not None:
        folds = folds or (
            gold.parent / "folds.json" if (gold.parent / "folds.json").is_file() else None
        )
        records = cross_validate_model(docs, folds, progress=say, mode=cv_extractor, extra=extra)
        write_jsonl(records, str(cv_out))
        say(f"cross-validation predictions: {cv_out}")
    report = train_model(docs + extra, output)
    say(
        f"trained on {report.documents} documents ({report.gold_relations} gold relations, "
        f"{report.gold_covered} within reach of a candidate; {report.pair_examples} pair and "
        f"{report.goods_examples} goods examples)"
    )
    click.echo(f"{report.path} sha256:{report.weights_hash}")
    sys.stdout.flush()
