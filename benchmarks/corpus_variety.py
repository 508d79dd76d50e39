"""Is the generated corpus as varied as real reporting? The statistics that decide how many
candidate pairs story relating must look at, for the training documents and a generated corpus.

    .venv/bin/python benchmarks/corpus_variety.py [--data ../shared/data] [--docs 400]

Per corpus, over every pair of its first N documents that are not gold story links: the content
bigram Jaccard (mean, median, 99th percentile, share >= 0.1), the share of pairs whose names
agree (``dedup.relate``: the smaller set under 5 names or a third of it shared), and the share
of pairs each LSH scheme keeps as candidates (sharing a band, estimate >= ``min_estimate``).
A generator whose documents repeat frames word for word makes relating look quadratic where
real reporting would not; one with no shared names makes it look cheaper than it is.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import write_corpus  # noqa: E402

from supplytrace.dedup.events import distinctive_features  # noqa: E402
from supplytrace.dedup.features import content_bigrams  # noqa: E402
from supplytrace.dedup.lsh import LSHIndex  # noqa: E402
from supplytrace.dedup.minhash import estimate_pairs  # noqa: E402
from supplytrace.dedup.signatures import BIGRAMS, NAMES, sign_documents  # noqa: E402
from supplytrace.ingest import read_paths  # noqa: E402
from supplytrace.model import Document  # noqa: E402


def _documents(folder: Path, limit: int) -> list[Document]:
    docs = [d for d in read_paths([folder]) if isinstance(d, Document)]
    return sorted(docs, key=lambda d: str(d.source_path))[:limit]


def measure(name: str, docs: list[Document], linked: set[frozenset[str]]) -> str:
    bigrams = [content_bigrams(d.text) for d in docs]
    names = [distinctive_features(d.text) for d in docs]
    base = [os.path.basename(str(d.source_path)) for d in docs]
    jaccard, agree = [], 0
    for i, j in itertools.combinations(range(len(docs)), 2):
        if frozenset((base[i], base[j])) in linked:
            continue
        union = len(bigrams[i] | bigrams[j])
        jaccard.append(len(bigrams[i] & bigrams[j]) / union if union else 0.0)
        smaller = min(len(names[i]), len(names[j]))
        agree += smaller < 5 or len(names[i] & names[j]) >= 0.3 * smaller
    values = np.array(jaccard)
    batch = sign_documents(docs)
    total = len(docs) * (len(docs) - 1) / 2
    kept = []
    for scheme in (BIGRAMS, NAMES):
        index = LSHIndex(scheme.threshold, scheme.num_perm, scheme.banding)
        index.add(np.arange(len(docs)), batch.signatures[scheme])
        pairs = index.candidate_pairs()
        share = np.mean(estimate_pairs(batch.signatures[scheme], pairs) >= scheme.min_estimate)
        kept.append(len(pairs) * (share if len(pairs) else 0) / total)
    return (
        f"{name:10} {len(docs):5} {values.mean():7.4f} {np.median(values):7.4f} "
        f"{np.quantile(values, 0.99):7.4f} {np.mean(values >= 0.1):7.4f} "
        f"{agree / len(values):7.4f} {kept[0]:8.4f} {kept[1]:8.4f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data"
    )
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(
        f"{'corpus':10} {'docs':>5} {'J mean':>7} {'J p50':>7} {'J p99':>7} {'J>=0.1':>7} "
        f"{'agree':>7} {'bigr LSH':>8} {'name LSH':>8}"
    )
    train = args.data / "train"
    gold = [json.loads(line) for line in open(train / "gold.jsonl", encoding="utf-8")]
    linked = {frozenset((g["doc"], o)) for g in gold for o in g.get("near_duplicate_of", [])}
    print(measure("training", _documents(train / "corpus", args.docs), linked), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        stories = write_corpus(Path(tmp), args.docs, seed=args.seed)
        by_story: dict[int, list[str]] = {}
        for path, story in stories.items():
            by_story.setdefault(story, []).append(path.name)
        generated = {frozenset(p) for g in by_story.values() for p in itertools.combinations(g, 2)}
        print(measure("generated", _documents(Path(tmp), args.docs), generated))


if __name__ == "__main__":
    main()
