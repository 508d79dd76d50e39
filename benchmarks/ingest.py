"""Ingest under load: does the time grow linearly with the corpus, and what do two cores give?

Generates corpora of each size with ``benchmarks/corpus.py`` (invented names, about forty supply
frames and as many other sentences, a fifth of the documents rewrites of earlier ones, so there
are stories of several documents), ingests each into a fresh SQLite store in a fresh process,
and prints, per size: seconds, documents per second, the time ratio to the size before it
(linear growth by 4x gives 4.0x), the seconds spent relating stories and resolving entities,
and the peak memory (RSS) of the process. Then the smallest corpus again with ``--jobs 2``,
against the one-process time of the same run.

    .venv/bin/python benchmarks/ingest.py --sizes 1000 4000 16000 [--jobs 2] [--extractor hybrid]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import write_corpus  # noqa: E402


def _one(folder: str, db: str, jobs: int, extractor: str) -> None:
    """Child process: one timed ingest; prints its figures as one JSON line."""
    import supplytrace.pipeline as pipeline
    from supplytrace.store import open_store

    spent = {"relate": 0.0, "resolve": 0.0}

    def timed(name: str, fn):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - start

        return wrapper

    pipeline.relate_stored_documents = timed("relate", pipeline.relate_stored_documents)  # type: ignore[assignment]
    pipeline.resolve_store = timed("resolve", pipeline.resolve_store)  # type: ignore[assignment]
    start = time.perf_counter()
    with open_store(db) as store:
        summary = pipeline.ingest(store, [folder], mode=extractor, jobs=jobs)
        counts = store.counts()
    seconds = time.perf_counter() - start
    rss = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    print(
        json.dumps(
            {
                "seconds": seconds,
                "added": summary.added,
                "skipped": len(summary.skipped),
                "stories": summary.stories,
                "counts": counts,
                "rss_mb": rss / 1024,
                **spent,
            }
        )
    )


def _run(folder: Path, db: Path, jobs: int, extractor: str, embeddings: str) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--one", str(folder), str(db), str(jobs), extractor]
    env = {**os.environ, "SUPPLYTRACE_EMBEDDINGS": embeddings}
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 16000])
    parser.add_argument("--jobs", type=int, default=2, help="Workers for the speed-up run.")
    parser.add_argument("--extractor", default="hybrid", choices=["rules", "learned", "hybrid"])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--embeddings",
        default="off",
        choices=["off", "auto"],
        help="Story relating by word overlap (off, the default install) or with the encoder.",
    )
    parser.add_argument("--one", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        folder, db, jobs, extractor = args.one
        _one(folder, db, int(jobs), extractor)
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        head = (
            f"{'documents':>9} {'seconds':>8} {'docs/s':>7} {'ratio':>6} {'relate s':>9} "
            f"{'resolve s':>9} {'claims':>7} {'stories':>7} {'peak MB':>8}"
        )
        print(
            f"extractor: {args.extractor}, embeddings: {args.embeddings}, one process per run"
            f"\n{head}"
        )
        previous: float | None = None
        first: tuple[Path, float] | None = None
        for size in args.sizes:
            folder = root / f"corpus-{size}"
            write_corpus(folder, size, seed=args.seed)
            r = _run(folder, root / f"store-{size}.db", 1, args.extractor, args.embeddings)
            ratio = f"{r['seconds'] / previous:.2f}x" if previous else "-"
            print(
                f"{size:>9} {r['seconds']:>8.1f} {size / r['seconds']:>7.1f} {ratio:>6} "
                f"{r['relate']:>9.1f} {r['resolve']:>9.1f} {r['counts']['claims']:>7} "
                f"{r['stories']:>7} {r['rss_mb']:>8.0f}",
                flush=True,
            )
            previous = r["seconds"]
            first = first or (folder, r["seconds"])
        if first and args.jobs > 1:
            folder, one = first
            r = _run(folder, root / "store-jobs.db", args.jobs, args.extractor, args.embeddings)
            print(
                f"\n{folder.name}: 1 process {one:.1f} s, --jobs {args.jobs} {r['seconds']:.1f} s: "
                f"{one / r['seconds']:.2f}x (peak MB of one worker or the main process: "
                f"{r['rss_mb']:.0f})"
            )


if __name__ == "__main__":
    main()
