"""Extraction time against document length: is it linear?

Generates one document per size from varied supply sentences written for this benchmark
(invented firms), and times, in the same run, plain spaCy (``nlp(text)``) and the whole
extractor (``Extractor.extract``) on it. Prints seconds, the ratio to plain spaCy, and the
seconds per 100,000 characters: a linear extractor keeps the last column flat.

    .venv/bin/python benchmarks/long_docs.py --sizes 25000 100000 400000 --extractor hybrid
"""

from __future__ import annotations

import argparse
import random
import time

from supplytrace.extract import Extractor
from supplytrace.model import Document

SUPPLIERS = ["Kestrel Avionics", "Varno Metals", "Orion Vision", "Chinese companies", "the firm"]
GOODS = ["navigation modules", "machine tools", "bearings", "thermal cameras", "drone engines"]
RECIPIENTS = ["Russia", "Iran", "the Russian army", "Moscow", "a buyer in Minsk"]
SHAPES = [
    "{s} shipped {g} worth ${n} million to {r} in {y}, officials said on Monday.",
    "According to customs records, {r} received {g} from {s} in {y}.",
    "{s} denied that it had sold {g} to {r}.",
    "Investigators believe {s} may have supplied {g} to {r} through a reseller.",
    "The ministry published its annual report on exports in {y}.",
]


def document(chars: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < chars:
        line = rng.choice(SHAPES).format(
            s=rng.choice(SUPPLIERS),
            g=rng.choice(GOODS),
            r=rng.choice(RECIPIENTS),
            n=rng.randint(1, 90),
            y=rng.randint(2019, 2025),
        )
        out.append(line + ("\n" if rng.random() < 0.15 else " "))
        size += len(out[-1])
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 100_000, 400_000])
    parser.add_argument("--extractor", default="hybrid", choices=["rules", "learned", "hybrid"])
    args = parser.parse_args()
    extractor = Extractor(mode=args.extractor)
    extractor.extract(Document.create(document(2_000)))  # warm up
    print(f"extractor: {args.extractor}")
    print(f"{'characters':>12} {'plain s':>9} {'extract s':>10} {'ratio':>7} {'s/100k chars':>13}")
    for size in args.sizes:
        text = document(size)
        start = time.perf_counter()
        extractor.nlp(text)
        plain = time.perf_counter() - start
        start = time.perf_counter()
        extraction = extractor.extract(Document.create(text))
        took = time.perf_counter() - start
        assert extraction.error is None, extraction.error
        print(
            f"{len(text):>12,} {plain:>9.1f} {took:>10.1f} {took / plain:>6.2f}x "
            f"{took / len(text) * 100_000:>13.1f}"
        )


if __name__ == "__main__":
    main()
