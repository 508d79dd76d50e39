"""Annotated documents for training: a gold file (one JSON object per document) and the folder
of texts it describes, read through the same ingest as any document."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supplytrace.ingest import read_paths
from supplytrace.model import Document


@dataclass(frozen=True)
class Annotated:
    name: str
    document: Document
    gold: dict[str, Any]

    @property
    def group(self) -> str:
        """The unit of cross-validation: the event, so rewrites of one story stay together."""
        return str(self.gold.get("event") or self.name)


class TrainingDataError(ValueError):
    pass


def load_annotated(gold_path: Path, corpus: Path | None = None) -> list[Annotated]:
    """The documents of ``gold_path`` found in ``corpus`` (default: ``corpus/`` beside it)."""
    corpus = corpus or gold_path.parent / "corpus"
    if not gold_path.is_file():
        raise TrainingDataError(f"no gold file at {gold_path}")
    gold: dict[str, dict[str, Any]] = {}
    with open(gold_path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise TrainingDataError(f"{gold_path}:{n}: not JSON ({exc})") from exc
                gold[os.path.basename(obj["doc"])] = obj
    out = []
    for item in read_paths([corpus]):
        if not isinstance(item, Document):
            continue
        name = os.path.basename(item.source_path or "")
        if name in gold:
            out.append(Annotated(name, item, gold[name]))
    if not out:
        raise TrainingDataError(f"none of the {len(gold)} gold documents is in {corpus}")
    return sorted(out, key=lambda a: a.name)
