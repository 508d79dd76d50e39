"""Per-fold and micro-averaged scores of grouped cross-validation predictions.

Reads the JSON Lines that ``supplytrace train --cv`` writes (each record carries its ``fold``)
and scores each fold, and all folds together, with ``tools/score.py`` (loaded from the path
given), so the figures are the scorer's own.

Example:
  supplytrace train ../shared/data/train/gold.jsonl --cv cv.jsonl -o /tmp/m.json.gz
  .venv/bin/python benchmarks/cv_report.py ../shared/data/train/gold.jsonl cv.jsonl
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
from pathlib import Path


def load_scorer(path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("predictions", type=Path, nargs="+")
    parser.add_argument(
        "--scorer", type=Path, default=Path(__file__).resolve().parents[2] / "shared/tools/score.py"
    )
    args = parser.parse_args()
    score = load_scorer(args.scorer)
    gold = score.load(str(args.gold))
    print(
        f"{'predictions':<28}{'fold':>5}{'docs':>6}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}"
    )
    for path in args.predictions:
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        pred = {os.path.basename(r["doc"]): r for r in records}
        folds = sorted({r.get("fold", 0) for r in records})
        for fold in [*folds, "all"]:
            names = {n for n, r in pred.items() if fold == "all" or r.get("fold", 0) == fold}
            result = score.score({n: g for n, g in gold.items() if n in names}, pred)["supply"]
            print(
                f"{path.name:<28}{fold!s:>5}{len(names):>6}{result['gold']:>6}{result['pred']:>6}"
                f"{result['precision']:>7.3f}{result['recall']:>7.3f}{result['f1']:>7.3f}"
            )


if __name__ == "__main__":
    main()
