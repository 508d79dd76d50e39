"""Entity resolution quality (issue 5): the name matcher on a labelled variant set, and
whether each gold organisation of the seed and dev sets resolves to one entity.

1. ``benchmarks/data/name_variants.csv`` (built by ``make_name_variants.py``): precision and
   recall of ``compare_names`` at the default threshold, overall and per kind of pair.
2. Seed and dev sets: for each gold organisation of each document, its surface forms are the
   gold name and every spelling of it in the text (the gold words, case-insensitive, with any
   legal form that follows: "Wuhan Tongsheng Technology Co Ltd"). All forms of all documents
   become ingest-time entities (``entity_for``) and are clustered (``candidate_edges`` +
   ``cluster`` with ``name_conflicts``, as ``resolve_store`` does). A gold organisation is *split* when its forms land in two clusters; two gold
   organisations are *falsely merged* when they share a cluster. Gold names are one
   organisation when their folded forms are equal.

Run: ``.venv/bin/python benchmarks/resolve.py [--verbose]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

from supplytrace.names import entity_for
from supplytrace.names.keys import fold, legal_forms
from supplytrace.resolve import THRESHOLD, compare_names
from supplytrace.resolve.cluster import candidate_edges, cluster, name_conflicts

HERE = Path(__file__).parent
SHARED = HERE.parent.parent / "shared" / "data"
GOLD_SETS = [SHARED / "seeds", SHARED / "dev"]


def variant_set(path: Path, verbose: bool) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    start = time.perf_counter()
    for row in rows:
        match = compare_names(row["name_a"], row["name_b"])
        said, same = match.score >= THRESHOLD, row["same"] == "1"
        outcome = {(True, True): "tp", (True, False): "fp", (False, True): "fn"}.get(
            (said, same), "tn"
        )
        counts[row["kind"]][outcome] += 1
        counts["all"][outcome] += 1
        if verbose and outcome in ("fp", "fn"):
            print(f"  {outcome.upper()} {row['name_a']!r} / {row['name_b']!r} {match.to_dict()}")
    elapsed = time.perf_counter() - start
    c = counts["all"]
    precision = c["tp"] / max(1, c["tp"] + c["fp"])
    recall = c["tp"] / max(1, c["tp"] + c["fn"])
    print(
        f"## Name-variant set: {len(rows)} pairs ({c['tp'] + c['fn']} same), threshold "
        f"{THRESHOLD}, {len(rows) / elapsed:,.0f} pairs/s"
    )
    print(
        f"precision {precision:.4f}  recall {recall:.4f}  (tp {c['tp']} fp {c['fp']} "
        f"fn {c['fn']} tn {c['tn']})"
    )
    print("| kind | pairs | correct | wrong |")
    print("|---|---|---|---|")
    for kind in sorted(k for k in counts if k != "all"):
        k = counts[kind]
        print(f"| {kind} | {k.total()} | {k['tp'] + k['tn']} | {k['fp'] + k['fn']} |")


def _surface_forms(text: str, gold: str) -> set[str]:
    """The gold name and each spelling of it in ``text``, with a legal form that follows."""
    words = [re.escape(w) for w in re.split(r"[\s\-]+", gold.strip()) if w]
    forms = {f for f in legal_forms() if len(f) <= 4}
    found = {gold}
    pattern = r"\b" + r"[\s\-]+".join(words) + r"(?![.\-]?\w)(?:(?:\s+|,\s*)[A-Za-z.]+){0,4}"
    for hit in re.finditer(pattern, text, flags=re.IGNORECASE):
        tokens = hit.group(0).split()
        base = len(gold.split())
        tail = tokens[base:]
        keep = 0
        for n in range(len(tail), 0, -1):
            if tuple(fold(" ".join(tail[:n])).split()) in forms:
                keep = n
                break
        found.add(" ".join(tokens[: base + keep]).rstrip(","))
    return found


def gold_check(verbose: bool) -> None:
    forms_of: dict[str, set[str]] = defaultdict(set)  # folded gold name -> surface forms
    documents = 0
    for folder in GOLD_SETS:
        corpus = folder / "corpus" if (folder / "corpus").is_dir() else folder
        for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            text = (corpus / record["doc"]).read_text(encoding="utf-8")
            documents += 1
            for org in record["organizations"]:
                forms_of[fold(org)].update(_surface_forms(text, org))
    entity_of = {form: entity_for(form, "org") for forms in forms_of.values() for form in forms}
    entities = list({e.id: e for e in entity_of.values()}.values())
    resolution = cluster(
        [e.id for e in entities], candidate_edges(entities), {}, name_conflicts(entities)
    )
    cluster_of = {form: resolution.canonical[e.id] for form, e in entity_of.items()}
    splits = {g: fs for g, fs in forms_of.items() if len({cluster_of[f] for f in fs}) > 1}
    owners: dict[str, set[str]] = defaultdict(set)
    for gold, forms in forms_of.items():
        for form in forms:
            owners[cluster_of[form]].add(gold)
    merges = [sorted(golds) for golds in owners.values() if len(golds) > 1]
    n_forms = sum(len(f) for f in forms_of.values())
    print(
        f"## Seed + dev gold organisations: {documents} documents, {len(forms_of)} "
        f"organisations, {n_forms} surface forms, {len(entities)} ingest entities"
    )
    print(
        f"resolved to {len(set(cluster_of.values()))} entities; split organisations: "
        f"{len(splits)}; false merges: {len(merges)}"
    )
    if verbose or splits or merges:
        for gold, forms in sorted(splits.items()):
            print(f"  SPLIT {gold}: {sorted(forms)}")
        for golds in merges:
            print(f"  MERGED {golds}")
    if verbose:
        for gold, forms in sorted(forms_of.items()):
            if len(forms) > 1:
                print(f"  {gold}: {sorted(forms)}")


def pipeline_check(verbose: bool) -> None:
    """End to end: ingest the seed and dev documents, resolve the store, and check each gold
    organisation against the entities of the organisation mentions extraction found for it
    (matched with the scorer's own name matching). A gold organisation is split when its
    mentions resolve to two canonical entities; two are falsely merged when one canonical
    entity holds mentions of both."""
    import sys
    import tempfile

    from supplytrace.pipeline import ingest
    from supplytrace.resolve import resolve_store
    from supplytrace.store import open_store

    sys.path.insert(0, str(SHARED.parent / "tools"))
    from score import names_match  # type: ignore[import-not-found]

    golds: dict[str, list[str]] = {}
    paths: list[str] = []
    for folder in GOLD_SETS:
        corpus = folder / "corpus" if (folder / "corpus").is_dir() else folder
        for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            path = str(corpus / record["doc"])
            golds[path] = record["organizations"]
            paths.append(path)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "s.db") as store:
        ingest(store, paths)
        canonical = resolve_store(store).canonical
        rows = list(
            store.rows(
                "SELECT d.source_path, m.name, m.entity_id FROM mentions m "
                "JOIN documents d ON d.id = m.document_id WHERE m.kind = 'org'"
            )
        )
    mentions: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for source, name, entity_id in rows:
        mentions[source].append((name, canonical.get(entity_id, entity_id)))
    entities_of: dict[str, set[str]] = defaultdict(set)
    names_of: dict[str, set[str]] = defaultdict(set)
    unmatched = []
    for path, orgs in golds.items():
        for org in orgs:
            hits = [(n, c) for n, c in mentions[path] if names_match(org, n)]
            if not hits:
                unmatched.append(f"{Path(path).name}: {org}")
            for name, cid in hits:
                entities_of[fold(org)].add(cid)
                names_of[fold(org)].add(name)
    owners: dict[str, set[str]] = defaultdict(set)
    for gold, cids in entities_of.items():
        for cid in cids:
            owners[cid].add(gold)
    splits = {g: names_of[g] for g, cids in entities_of.items() if len(cids) > 1}
    merges = [sorted(g) for g in owners.values() if len(g) > 1]
    print(
        f"## End to end (extraction, ingest, resolution): {len(golds)} documents, "
        f"{len(entities_of)} gold organisations found by extraction, {len(unmatched)} gold "
        f"mentions not extracted"
    )
    print(f"split organisations: {len(splits)}; false merges: {len(merges)}")
    for gold, names in sorted(splits.items()):
        print(f"  SPLIT {gold}: {sorted(names)}")
    for golds_merged in merges:
        print(f"  MERGED {golds_merged}")
    if verbose:
        for miss in unmatched:
            print(f"  not extracted: {miss}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--variants", type=Path, default=HERE / "data" / "name_variants.csv")
    parser.add_argument("--verbose", action="store_true", help="List every error.")
    args = parser.parse_args()
    variant_set(args.variants, args.verbose)
    print()
    gold_check(args.verbose)
    print()
    pipeline_check(args.verbose)


if __name__ == "__main__":
    main()
