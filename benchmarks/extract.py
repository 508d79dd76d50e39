"""Extraction throughput (issue 3): ``Extractor.extract_many`` against plain spaCy ``nlp.pipe``.

Both run the same spaCy model over the same documents, in the same run, on one core and on two
(spaCy's ``n_process``), so the ratios printed at the end do not depend on how fast the machine
is. Targets: supplytrace at least 0.8x plain spaCy on each core count, and at least 1.7x from
one core to two.

Each core count is measured with this process (and the workers it forks) pinned to that many
CPUs, so "one core" cannot borrow an idle second core and "two cores" cannot use a third. Model
loading is excluded from the timings; starting the worker processes for two cores is included,
for both. Runs are interleaved and each figure is the best of its runs, because load from other
processes only ever slows a run down; every run reports how much CPU the rest of the machine
used meanwhile, so a disturbed run can be told from a slow one.

Example:
  .venv/bin/python benchmarks/extract.py
  .venv/bin/python benchmarks/extract.py --docs 480 --repeats 3 --profile 25
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import cycle, islice
from pathlib import Path

import spacy

from supplytrace.extract import DEFAULT_MODEL, Extractor
from supplytrace.ingest import read_paths
from supplytrace.model import Document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
CORPUS = (
    (REPO / "supplytrace" / "data" / "samples", "*"),
    (SHARED / "seeds", "*.txt"),
    (SHARED / "dev" / "corpus", "*.txt"),
)
CORES = (1, 2)
MODES = ("plain", "supplytrace")
TARGET_RATIO = 0.8
TARGET_SPEEDUP = 1.7


@dataclass(frozen=True)
class Run:
    """One timed pass over the corpus and the CPU time spent meanwhile, in seconds."""

    docs: int
    cores: int
    wall: float
    main_cpu: float  # this process: feeding workers, receiving docs, and the rules
    worker_cpu: float  # spaCy's worker processes (two cores only)
    others_cpu: float | None  # the rest of the machine; None where /proc/stat is missing

    @property
    def rate(self) -> float:
        return self.docs / self.wall

    @property
    def use(self) -> float:
        """The share of its cores' time the run kept busy: low when others took them."""
        return (self.main_cpu + self.worker_cpu) / (self.wall * self.cores)

    def describe(self) -> str:
        others = "" if self.others_cpu is None else f", others {self.others_cpu:4.1f}"
        return (
            f"{self.rate:5.1f} docs/s ({self.wall:5.1f} s wall, {self.use:4.0%} of its cores; "
            f"CPU s: main {self.main_cpu:4.1f}, workers {self.worker_cpu:4.1f}{others})"
        )


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load_corpus(size: int) -> tuple[list[Document], int]:
    """``size`` documents: the distinct ones on disk, repeated in order; and how many are distinct."""
    paths = [
        path
        for folder, pattern in CORPUS
        if folder.is_dir()
        for path in sorted(folder.glob(pattern))
    ]
    distinct = [item for item in read_paths(paths) if isinstance(item, Document)]
    if not distinct:
        raise SystemExit("no readable documents found for the corpus")
    return list(islice(cycle(distinct), size)), len(distinct)


def pin(cpus: Sequence[int], cores: int) -> None:
    """Restrict this process, and the workers it forks from now on, to ``cores`` CPUs."""
    if cpus and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, list(cpus)[:cores])


def machine_busy() -> float | None:
    """CPU seconds the whole machine has spent busy (steal included), from /proc/stat."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(f) for f in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def wait_for_quiet(limit: float, threshold: float = 0.25) -> float:
    """Wait, up to ``limit`` seconds, for a second in which the rest of the machine used less
    than ``threshold`` of a CPU (this process sleeps meanwhile); return the load last seen."""
    deadline = time.monotonic() + limit
    while True:
        before, start = machine_busy(), time.monotonic()
        time.sleep(1.0)
        after = machine_busy()
        if before is None or after is None:
            return 0.0
        load = (after - before) / (time.monotonic() - start)
        if load < threshold or time.monotonic() >= deadline:
            return load


def timed(run: Callable[[], int], expected: int, cores: int) -> Run:
    busy_before, times_before, start = machine_busy(), os.times(), time.perf_counter()
    count = run()
    wall, times_after, busy_after = time.perf_counter() - start, os.times(), machine_busy()
    if count != expected:
        raise SystemExit(f"a run yielded {count} documents instead of {expected}")
    main_cpu = (times_after.user - times_before.user) + (times_after.system - times_before.system)
    worker_cpu = (times_after.children_user - times_before.children_user) + (
        times_after.children_system - times_before.children_system
    )
    others = None
    if busy_before is not None and busy_after is not None:
        others = max(0.0, busy_after - busy_before - main_cpu - worker_cpu)
    return Run(count, cores, wall, main_cpu, worker_cpu, others)


def measure(
    documents: list[Document],
    batch_size: int,
    repeats: int,
    cpus: Sequence[int],
    settle: float,
    extractor_mode: str = "rules",
) -> dict[tuple[str, int], list[Run]]:
    """Every (mode, cores) measured ``repeats`` times, interleaved, so that load from other
    processes falls on all measurements alike rather than on one of them; each run waits up
    to ``settle`` seconds for the machine to be quiet first."""
    extractor = Extractor(mode=extractor_mode)
    plain = spacy.load(DEFAULT_MODEL)
    texts = [d.text for d in documents]

    def run_plain(n_process: int) -> int:
        return sum(1 for _ in plain.pipe(texts, batch_size=batch_size, n_process=n_process))

    def run_supplytrace(n_process: int) -> int:
        extractions = extractor.extract_many(documents, batch_size=batch_size, n_process=n_process)
        return sum(1 for _ in extractions)

    passes = {"plain": run_plain, "supplytrace": run_supplytrace}
    log("warming up: one pass over the distinct documents, one core, each mode")
    distinct = list({d.id: d for d in documents}.values())
    sum(1 for _ in plain.pipe([d.text for d in distinct], batch_size=batch_size))
    sum(1 for _ in extractor.extract_many(distinct, batch_size=batch_size))

    runs: dict[tuple[str, int], list[Run]] = {(m, c): [] for c in CORES for m in MODES}
    for repeat in range(1, repeats + 1):
        for cores in CORES:
            pin(cpus, cores)
            for mode in MODES:
                load = wait_for_quiet(settle)
                if load >= 0.25:
                    log(f"machine still busy ({load:.1f} CPUs used by others): running anyway")
                run = timed(partial(passes[mode], cores), len(documents), cores)
                runs[mode, cores].append(run)
                log(f"run {repeat}/{repeats} {mode:<11} {cores} core(s): {run.describe()}")
    pin(cpus, len(cpus))
    return runs


def report(
    runs: dict[tuple[str, int], list[Run]],
    documents: list[Document],
    distinct: int,
    batch_size: int,
    cpus: Sequence[int],
) -> str:
    best_runs = {key: max(values, key=lambda r: r.rate) for key, values in runs.items()}
    best = {key: run.rate for key, run in best_runs.items()}
    ratios = {c: best["supplytrace", c] / best["plain", c] for c in CORES}
    speedups = {m: best[m, CORES[1]] / best[m, CORES[0]] for m in MODES}
    chars = statistics.mean(len(d.text) for d in documents)
    repeats = len(next(iter(runs.values())))
    lines = [
        f"Extraction throughput: {len(documents)} documents ({distinct} distinct"
        f"{', repeated' if len(documents) > distinct else ''}; {chars:,.0f} characters on "
        f"average), batch size {batch_size}",
        f"machine: {os.cpu_count()} CPUs ({len(cpus) or '?'} usable), "
        f"Python {platform.python_version()}, spaCy {spacy.__version__}, model {DEFAULT_MODEL}",
        f"figures: best of {repeats} interleaved runs (docs/s); ratios from those best figures",
        "",
        f"{'':<11}{'plain spaCy':>13}{'supplytrace':>13}{'supplytrace/plain':>19}",
    ]
    for cores in CORES:
        label = f"{cores} core" + ("s" if cores > 1 else "")
        lines.append(
            f"{label:<11}{best['plain', cores]:>13.1f}{best['supplytrace', cores]:>13.1f}"
            f"{ratios[cores]:>18.2f}x"
        )
    lines.append(f"{'2/1 cores':<11}{speedups['plain']:>12.2f}x{speedups['supplytrace']:>12.2f}x")
    lines.append(
        "cores kept busy by these best runs (plain / supplytrace; the rest was idle or taken "
        "by other processes): "
        + ", ".join(
            f"{c} core(s) {best_runs['plain', c].use:.0%} / {best_runs['supplytrace', c].use:.0%}"
            for c in CORES
        )
    )
    cpu = {
        key: statistics.median(1000 * (r.main_cpu + r.worker_cpu) / r.docs for r in values)
        for key, values in runs.items()
    }
    main_cpu = {
        key: statistics.median(1000 * r.main_cpu / r.docs for r in values)
        for key, values in runs.items()
    }
    lines += [
        "",
        "CPU time per document (median of the runs; less affected by other processes):",
        f"{'':<11}{'plain spaCy':>13}{'supplytrace':>13}{'plain/supplytrace':>19}",
    ]
    for cores in CORES:
        label = f"{cores} core" + ("s" if cores > 1 else "")
        lines.append(
            f"{label:<11}{cpu['plain', cores]:>10.1f} ms{cpu['supplytrace', cores]:>10.1f} ms"
            f"{cpu['plain', cores] / cpu['supplytrace', cores]:>18.2f}x"
        )
    two = CORES[1]
    lines.append(
        f"on {two} cores the main process itself, which runs beside the workers, spent "
        f"{main_cpu['plain', two]:.1f} ms/doc (plain) and {main_cpu['supplytrace', two]:.1f} "
        "ms/doc (supplytrace)"
    )
    lines += ["", "targets:"]
    for cores in CORES:
        verdict = "met" if ratios[cores] >= TARGET_RATIO else "NOT met"
        lines.append(f"  supplytrace/plain >= {TARGET_RATIO} on {cores} core(s): {verdict}")
    for mode in MODES:
        verdict = "met" if speedups[mode] >= TARGET_SPEEDUP else "NOT met"
        lines.append(f"  2/1 cores >= {TARGET_SPEEDUP} for {mode}: {verdict}")
    lines += ["", "all runs (others: CPU s the rest of the machine used meanwhile):"]
    for (mode, cores), values in runs.items():
        for run in values:
            lines.append(f"  {mode:<11} {cores} core(s): {run.describe()}")
    return "\n".join(lines)


def load_times(mode: str) -> str:
    """Model load times, each in a fresh process (the loaders cache within one)."""
    import subprocess

    code = {
        "spaCy model": f"import spacy; spacy.load({DEFAULT_MODEL!r})",
        "learned scorer weights": (
            "from supplytrace.extract.learned.scorer import RelationScorer; RelationScorer.load()"
        ),
        f"Extractor(mode={mode!r})": f"from supplytrace.extract import Extractor; Extractor(mode={mode!r})",
    }
    out = []
    for label, source in code.items():
        timer = f"import time; t = time.perf_counter(); {source}; print(time.perf_counter() - t)"
        seconds = float(
            subprocess.run(
                [sys.executable, "-c", timer], capture_output=True, text=True, check=True
            ).stdout.strip()
        )
        out.append(f"load time, {label}: {seconds:.2f} s")
    return "\n".join(out)


def profile_rules(documents: list[Document], batch_size: int, top: int) -> str:
    """Where the rule stage spends its time: ``Extractor._from_doc`` (private, used here on
    purpose) over documents parsed beforehand, so that the profile holds the rules alone."""
    extractor = Extractor()
    start = time.perf_counter()
    parsed = list(
        extractor.nlp.pipe(((d.text, d) for d in documents), as_tuples=True, batch_size=batch_size)
    )
    parse_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for doc, document in parsed:
        extractor._from_doc(doc, document)
    rules_seconds = time.perf_counter() - start
    profiler = cProfile.Profile()
    profiler.enable()
    for doc, document in parsed:
        extractor._from_doc(doc, document)
    profiler.disable()
    out = io.StringIO()
    out.write(
        f"one core, {len(documents)} documents: parse alone {len(documents) / parse_seconds:.1f} "
        f"docs/s, rules alone {len(documents) / rules_seconds:.1f} docs/s (without the profiler)\n"
    )
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Example:\n  .venv/bin/python benchmarks/extract.py --docs 480 --profile 25",
    )
    parser.add_argument(
        "--docs", type=int, default=400, help="documents in each timed pass (default 400)"
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        default=8,
        help="nlp.pipe batch size, the same for both (default 8, extract_many's own default)",
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="timed passes per measurement (default 3)"
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=20.0,
        metavar="SECONDS",
        help="before each run, wait up to this long for other processes to go quiet (default 20)",
    )
    parser.add_argument(
        "--extractor",
        choices=("rules", "learned", "hybrid"),
        default="rules",
        help="which extractor 'supplytrace' measures (default rules)",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="then cProfile the rule stage (Extractor._from_doc) and print the top N functions",
    )
    args = parser.parse_args(argv)
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if len(cpus) < max(CORES):
        log(f"{len(cpus) or 'an unknown number of'} CPUs usable: the 2-core figures mean little")
    documents, distinct = load_corpus(args.docs)
    print(load_times(args.extractor))
    runs = measure(documents, args.batch_size, args.repeats, cpus, args.settle, args.extractor)
    print(f"supplytrace extractor: {args.extractor}")
    print(report(runs, documents, distinct, args.batch_size, cpus))
    if args.profile:
        print()
        print(profile_rules(documents, args.batch_size, args.profile))


if __name__ == "__main__":
    main()
