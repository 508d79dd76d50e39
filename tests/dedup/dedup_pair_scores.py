"""Print the dedup verdict and features of every pair of the seed and dev documents.

Run: ``.venv/bin/python tests/dedup/dedup_pair_scores.py``. Used to choose thresholds and to check
their margins; the test suite asserts only the gold relations.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dedup_corpus import load_corpus  # noqa: E402

from supplytrace.dedup import judge, relate_documents  # noqa: E402


def main() -> None:
    docs, near, same = load_corpus()
    name = {doc.id: doc.source_path or doc.id for doc in docs}
    rows = []
    for first, second in itertools.combinations(docs, 2):
        verdict = judge(first, second)
        key = frozenset((name[verdict.a], name[verdict.b]))
        gold = "near_duplicate" if key in near else "same_event" if key in same else "-"
        rows.append((verdict.coverage, verdict, gold))
    rows.sort(key=lambda row: (-row[0], -row[1].feature_overlap))
    print("| a | b | gold | found | coverage | shared sentences | feature overlap | shared |")
    print("|---|---|---|---|---|---|---|---|")
    for coverage, v, gold in rows:
        found = v.relation or "-"
        pair = sorted((name[v.a][:3], name[v.b][:3]))
        print(
            f"| {pair[0]} | {pair[1]} | {gold} | {found} | {coverage:.3f} | "
            f"{v.shared_sentences} | {v.feature_overlap:.2f} | {len(v.shared_features)} |"
        )
    lsh = relate_documents(docs, exhaustive_limit=0)
    full = relate_documents(docs)
    print(f"\nLSH candidates reproduce the exhaustive result: {lsh.pairs == full.pairs}")


if __name__ == "__main__":
    main()
