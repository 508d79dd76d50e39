"""Story links on real documents: the gold near-duplicate pairs of the seed, dev and training
sets against the pairs story relating finds (every pair of a set compared), with word overlap
only and with sentence embeddings (when the ``embeddings`` extra is installed).

    .venv/bin/python benchmarks/story_links.py [--data ../shared/data] [--lsh]

Prints precision and recall of near-duplicate pairs per set and mode, and the number of
stories. A change to story relating should leave these where they are while it fixes what it
is for (docs/reliability.md). ``--lsh`` relates through the LSH candidate filter and the
sketches (``dedup.settle``), as a store of more than a hundred documents does, instead of
comparing every pair: the difference is what the filter loses.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from supplytrace.dedup import relate_documents
from supplytrace.dedup.embed import installed
from supplytrace.ingest import read_paths
from supplytrace.model import Document


def measure(base: Path, encoder_on: bool, lsh: bool = False) -> str:
    gold = [json.loads(line) for line in open(base / "gold.jsonl", encoding="utf-8")]
    corpus = base / "corpus" if (base / "corpus").is_dir() else base
    docs = [d for d in read_paths([corpus]) if isinstance(d, Document)]
    name_of = {d.id: os.path.basename(str(d.source_path)) for d in docs}
    names = set(name_of.values())
    truth = {
        frozenset((g["doc"], other))
        for g in gold
        for other in g.get("near_duplicate_of", [])
        if other in names
    }
    kwargs = {} if encoder_on else {"encoder": None}
    limit = 0 if lsh else len(docs) + 1
    relations = relate_documents(docs, exhaustive_limit=limit, **kwargs)
    found = {
        frozenset((name_of[p.a], name_of[p.b]))
        for p in relations.pairs
        if p.relation == "near_duplicate"
    }
    hits = len(truth & found)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    return (
        f"{base.name:6} {'embeddings' if encoder_on else 'words':10} {'lsh' if lsh else 'all':3} gold {len(truth):3} "
        f"found {len(found):3}  P {precision:.3f} R {recall:.3f}  stories {len(relations.clusters)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data"
    )
    parser.add_argument("--lsh", action="store_true", help="Relate through LSH candidates.")
    args = parser.parse_args()
    for name in ("seeds", "dev", "train"):
        for encoder_on in (False, True):
            if encoder_on and not installed():
                continue
            print(measure(args.data / name, encoder_on, args.lsh), flush=True)


if __name__ == "__main__":
    main()
