"""Screening throughput (issue 5): names per second against a 1,000,000-name reference list.

The list is generated deterministically from the naming templates of ``make_name_variants``
(Chinese place + trade name + industry + form, Russian, Turkish and UAE forms) with invented
trade names, so names share places, industries and forms as real lists do. Queries are half
variants of listed names (legal form changed, a typo, case) and half unlisted names. One core,
one process: index build time, screening names/s, hits found, and peak memory (``ru_maxrss``).

Run: ``.venv/bin/python benchmarks/screen.py [--names 1000000] [--queries 4000]``.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from make_name_variants import AE_FORMS, CITIES, CN_FORMS, INDUSTRY, TR_FORMS, typo  # noqa: E402

from supplytrace.resolve.index import NameIndex  # noqa: E402
from supplytrace.resolve.score import THRESHOLD  # noqa: E402

SYLLABLES = (
    "ba bo da de fa fu ga go ha he ji ka ko la li ma mo na ni pa po ra ri sa so ta tu va ve "
    "xi ya yu za zo ber dan fel gor hin kal lor mir nor pel rin sol tar vel zan"
).split()


def trade_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3, 3, 4)))).capitalize()


def list_name(rng: random.Random) -> str:
    style = rng.random()
    if style < 0.55:
        return " ".join(
            (rng.choice(CITIES), trade_name(rng), rng.choice(INDUSTRY), rng.choice(CN_FORMS[:5]))
        )
    if style < 0.75:
        return f"{rng.choice(['OOO', 'AO', 'JSC', 'LLC'])} {trade_name(rng)}"
    if style < 0.9:
        return f"{trade_name(rng)} {trade_name(rng)} {rng.choice(TR_FORMS)}"
    return f"{trade_name(rng)} {rng.choice(['Star', 'Gulf', 'Line'])} {rng.choice(AE_FORMS)}"


def query(rng: random.Random, names: list[str]) -> str:
    if rng.random() < 0.5:
        return list_name(rng)  # most likely unlisted
    name = rng.choice(names)
    words = name.split()
    change = rng.random()
    if change < 0.3:
        return name.upper().replace(",", "").replace(".", "")
    if change < 0.6:
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        words[longest] = typo(words[longest], rng)
        return " ".join(words)
    return " ".join(w for w in words if w not in ("Co.,", "Ltd.", "Co", "Ltd", "OOO", "AO"))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--names", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=4000)
    args = parser.parse_args()
    rng = random.Random(5)
    start = time.perf_counter()
    names = [list_name(rng) for _ in range(args.names)]
    generated = time.perf_counter() - start
    base_mb = peak_mb()
    start = time.perf_counter()
    index = NameIndex([n] for n in names)
    built = time.perf_counter() - start
    queries = [query(rng, names) for _ in range(args.queries)]
    start = time.perf_counter()
    hits = sum(1 for q in queries if index.search(q, THRESHOLD))
    screened = time.perf_counter() - start
    print(f"list: {args.names:,} names generated in {generated:.1f} s (untimed)")
    print(
        f"index build: {built:.1f} s ({args.names / built:,.0f} names/s), "
        f"{len(index._hashes):,} blocking keys"
    )
    print(
        f"screening: {args.queries:,} names in {screened:.2f} s = "
        f"{args.queries / screened:,.0f} names/s on one core (threshold {THRESHOLD}); "
        f"{hits:,} names with a hit"
    )
    print(f"peak memory: {peak_mb():,.0f} MB (after generating the list: {base_mb:,.0f} MB)")


if __name__ == "__main__":
    main()
