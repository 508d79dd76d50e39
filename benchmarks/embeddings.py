"""Story verification with and without the ``embeddings`` extra (issue 4), in the same run.

Every pair of the seed and dev documents and of the dedup test fixtures (our own story in six
versions, a same-template story, a sanctions release with its news report and the next round) is
judged twice: on word overlap only (the default install, the baseline) and with sentence
embeddings (all-MiniLM-L6-v2). Reports near-duplicate precision and recall against the gold
pairs (the dev/seed gold; for the fixtures, every pair of versions of the story), same-event
pairs found, time per pair, how many pairs ran the encoder, and encoder throughput.

Run: ``.venv/bin/python benchmarks/embeddings.py`` (needs the extra; see the README).
"""

from __future__ import annotations

import itertools
import json
import sys
import time
from pathlib import Path

from supplytrace.dedup import Judgement, Verifier
from supplytrace.dedup.embed import SentenceEncoder, installed
from supplytrace.dedup.text import split_sentences
from supplytrace.ingest import read_file
from supplytrace.model import Document

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "data"
FIXTURES = HERE.parent / "tests" / "fixtures" / "dedup"
STORY = ("original", "syndicated", "excerpt", "rewrite", "garbled", "paraphrase")
FIXTURE_DATES = {
    "sanctions_release": "2025-02-10",
    "sanctions_news": "2025-02-10",
    "sanctions_next_round": "2025-03-12",
}


def corpus() -> tuple[list[Document], set[frozenset[str]], set[frozenset[str]]]:
    """Documents named by file, with the gold near-duplicate and same-event pairs."""
    docs: list[Document] = []
    near: set[frozenset[str]] = set()
    same: set[frozenset[str]] = set()
    for folder, gold in (
        (SHARED / "seeds", "gold.jsonl"),
        (SHARED / "dev" / "corpus", "../gold.jsonl"),
    ):
        for path in sorted(folder.glob("*.txt")):
            docs.extend(read_file(path))
        for line in (folder / gold).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                near.update(frozenset((row["doc"], o)) for o in row.get("near_duplicate_of", []))
                same.update(frozenset((row["doc"], o)) for o in row.get("same_event_as", []))
    for path in sorted(FIXTURES.glob("*.txt")):
        docs.append(
            Document.create(
                path.read_text(encoding="utf-8"),
                source_path=path.name,
                published=FIXTURE_DATES.get(path.stem),
            )
        )
    near.update(frozenset((f"{a}.txt", f"{b}.txt")) for a, b in itertools.combinations(STORY, 2))
    same.add(frozenset(("sanctions_release.txt", "sanctions_news.txt")))
    return docs, near, same


def _name(doc: Document) -> str:
    return Path(doc.source_path or doc.id).name


def run(
    label: str, verifier: Verifier, docs: list[Document], near: set[frozenset[str]]
) -> dict[str, object]:
    start = time.perf_counter()
    verdicts: list[Judgement] = [verifier.judge(a, b) for a, b in itertools.combinations(docs, 2)]
    elapsed = time.perf_counter() - start
    name = {doc.id: _name(doc) for doc in docs}
    found = {frozenset((name[v.a], name[v.b])) for v in verdicts if v.relation == "near_duplicate"}
    same = {frozenset((name[v.a], name[v.b])) for v in verdicts if v.relation == "same_event"}
    return {
        "label": label,
        "pairs": len(verdicts),
        "ms_per_pair": 1000 * elapsed / len(verdicts),
        "embedded": sum(v.embeddings for v in verdicts),
        "precision": len(found & near) / len(found) if found else 1.0,
        "recall": len(found & near) / len(near),
        "missed": sorted(" / ".join(sorted(p)) for p in near - found),
        "false": sorted(" / ".join(sorted(p)) for p in found - near),
        "same_event": sorted(" / ".join(sorted(p)) for p in same),
    }


def main() -> None:
    if not installed():
        sys.exit("the embeddings extra is not installed: see the README")
    docs, near, same_gold = corpus()
    start = time.perf_counter()
    encoder = SentenceEncoder.load()
    load_s = time.perf_counter() - start
    texts = [doc.text[s:e] for doc in docs for s, e in split_sentences(doc.text)]
    start = time.perf_counter()
    encoder.encode(texts)
    sentences_per_s = len(texts) / (time.perf_counter() - start)
    baseline = run("word overlap (baseline)", Verifier(encoder=None), docs, near)
    embedded = run("with embeddings", Verifier(encoder=encoder), docs, near)
    print(
        f"{len(docs)} documents, {baseline['pairs']} pairs, {len(near)} gold near-duplicate pairs"
    )
    print(
        f"model load {load_s:.1f} s; encoder {sentences_per_s:.0f} sentences/s ({len(texts)} sentences)"
    )
    print()
    print("| verification | near-dup P | near-dup R | ms/pair | pairs that ran the encoder |")
    print("|---|---|---|---|---|")
    for row in (baseline, embedded):
        print(
            f"| {row['label']} | {row['precision']:.3f} | {row['recall']:.3f} | "
            f"{row['ms_per_pair']:.2f} | {row['embedded']} |"
        )
    ratio = float(embedded["ms_per_pair"]) / float(baseline["ms_per_pair"])  # type: ignore[arg-type]
    print(f"\ntime per pair with embeddings / without: {ratio:.2f}x")
    for row in (baseline, embedded):
        print(f"\n{row['label']}:")
        print(f"  missed near-duplicates: {row['missed'] or 'none'}")
        print(f"  false near-duplicates: {row['false'] or 'none'}")
        found_same = set(row["same_event"])  # type: ignore[arg-type]
        gold_same = {" / ".join(sorted(p)) for p in same_gold}
        print(
            f"  gold same-event pairs found as same-event: {len(found_same & gold_same)}/{len(gold_same)}"
        )


if __name__ == "__main__":
    main()
