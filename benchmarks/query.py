"""Query latency on a store of generated claims: p50/p95 of the facts and entity queries.

    .venv/bin/python benchmarks/query.py                  # 1,000,000 claims (about 2 min)
    .venv/bin/python benchmarks/query.py --claims 100000  # a quick look

Rows are written straight into the store's tables (the store's own schema and migrations,
no NLP; ``fact_summary`` is then rebuilt as migration 4 does for an existing store): 100,000 documents of 10 claims, one story per 3 documents, 20,000 organisations and
60 countries; suppliers are drawn Zipf-like, so a few are named in many claims, as in news.
Each query runs on a random entity or category; the baseline is a full scan of the claims
table (``SELECT COUNT(*) ... WHERE evidence LIKE``), measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from supplytrace.query import entity, facts
from supplytrace.query.filters import _taxonomy
from supplytrace.store import Store, open_store
from supplytrace.store.summary import rebuild

ORGS, COUNTRIES, PER_DOC = 20_000, 60, 10


def fill(store: Store, n_claims: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    db = store._db  # the benchmark writes raw rows; the library never does this
    categories = [cid for cid, _, _ in _taxonomy()]
    orgs = [(f"o{i:06d}", f"Org {i} Industrial Group", "org") for i in range(ORGS)]
    countries = [(f"c{i:03d}", f"Country {i}", "country") for i in range(COUNTRIES)]
    with db.transaction():
        db.executemany(
            "INSERT INTO entities (id, name, kind, name_key, country) VALUES (?, ?, ?, ?, NULL)",
            [(i, n, k, n.lower()) for i, n, k in orgs + countries],
        )
        db.executemany(
            "INSERT INTO entity_aliases (entity_id, alias) VALUES (?, ?)",
            [(i, n) for i, n, _ in orgs + countries],
        )
        n_docs = n_claims // PER_DOC
        docs, stories, claims, mentions = [], [], [], []
        for d in range(n_docs):
            doc = f"d{d:07d}"
            day = f"20{22 + d % 4}-{1 + d % 12:02d}-{1 + d % 28:02d}"
            docs.append((doc, "x" * 200, f"Story {d}", "Outlet", None, day, None, "en", None, day))
            stories.append((doc, f"s{d // 3:07d}"))
            for c in range(PER_DOC):
                s_id = orgs[min(int(rng.paretovariate(1.2)) - 1, ORGS - 1) * 7 % ORGS][0]
                if rng.random() < 0.3:
                    s_id = countries[rng.randrange(COUNTRIES)][0]
                r_id = countries[rng.randrange(COUNTRIES)][0]
                cat = rng.choice(categories)
                pol = "denied" if rng.random() < 0.05 else "asserted"
                claims.append(
                    (f"k{d:07d}{c}", doc, c * 20, c * 20 + 20, "evidence", "s", s_id, "org", cat,
                     cat, cat, json.dumps(["8542"]), json.dumps(["3.B"]), "r", r_id, "country",
                     json.dumps(["tanks"]), json.dumps(["armoured_vehicles"]), pol,
                     int(rng.random() < 0.2), "officials", None, None, None, "bench", day)
                )  # fmt: skip
                mentions.append((doc, c * 20, c * 20 + 5, "s", "org", "s", None, s_id))
            if len(claims) >= 100_000:
                _flush(db, docs, stories, claims, mentions)
        _flush(db, docs, stories, claims, mentions)
        # raw rows bypass write_batch, which keeps fact_summary: rebuild it as a migration does
        start = time.perf_counter()
        rebuild(db)
        print(f"rebuilt fact_summary in {time.perf_counter() - start:.0f} s")
    return [o[1] for o in orgs[:2000:7]]


def _flush(db, docs, stories, claims, mentions) -> None:  # type: ignore[no-untyped-def]
    db.executemany(f"INSERT INTO documents VALUES ({', '.join('?' * 10)})", docs)
    db.executemany("INSERT INTO stories VALUES (?, ?)", stories)
    cols = (
        "id, document_id, span_start, span_end, evidence, supplier, supplier_entity, "
        "supplier_kind, item, item_category, item_key, hs_codes, chpl_tiers, recipient, "
        "recipient_entity, recipient_kind, end_uses, end_use_categories, polarity, hedged, "
        "asserted_by, quantity, period, stated_on, extractor, seen_on"
    )
    db.executemany(f"INSERT INTO claims ({cols}) VALUES ({', '.join('?' * 26)})", claims)
    # entity_documents as write_batch keeps it: claims naming each entity per document
    counts: dict[tuple[str, str], int] = {}
    for row in claims:
        for entity_id in {row[6], row[14]} - {None}:
            counts[(entity_id, row[1])] = counts.get((entity_id, row[1]), 0) + 1
    for row in mentions:
        counts.setdefault((row[7], row[0]), 0)
    db.executemany(
        "INSERT INTO entity_documents (entity_id, document_id, claims) VALUES (?, ?, ?)",
        [(e, d, n) for (e, d), n in counts.items()],
    )
    db.executemany(
        "INSERT INTO mentions (document_id, span_start, span_end, text, kind, name, country, "
        "entity_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        mentions,
    )
    for rows in (docs, stories, claims, mentions):
        rows.clear()


def timed(name: str, runs: int, make: Callable[[int], Callable[[], object]]) -> None:
    times = []
    for i in range(runs):
        call = make(i)
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p50 = statistics.median(times)
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    print(f"{name:44} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms   (n={runs})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        start = time.perf_counter()
        with open_store(path) as store:
            names = fill(store, args.claims)
        print(f"filled {args.claims:,} claims in {time.perf_counter() - start:.0f} s")
        with open_store(path) as store:
            list(store.rows("ANALYZE"))
            rng = random.Random(1)
            cats = [cid for cid, _, _ in _taxonomy()]
            picks = [rng.choice(names) for _ in range(args.runs)]
            cat_picks = [rng.choice(cats) for _ in range(args.runs)]
            timed(
                "baseline: full scan of claims",
                5,
                lambda i: (
                    lambda: list(
                        store.rows("SELECT COUNT(*) FROM claims WHERE evidence LIKE '%zz%'")
                    )
                ),
            )
            timed(
                "facts --supplier ORG (exact name)",
                args.runs,
                lambda i: lambda: facts(store, supplier=picks[i]),
            )
            timed(
                "facts --supplier ORG --limit 20",
                args.runs,
                lambda i: lambda: facts(store, supplier=picks[i], limit=20),
            )
            timed(
                "facts --item CATEGORY --limit 20",
                args.runs // 3,
                lambda i: lambda: facts(store, item=cat_picks[i], limit=20),
            )
            timed(
                "entity ORG (dossier)",
                args.runs,
                lambda i: lambda: entity(store, picks[i]),
            )
            # The head of the Zipf law, which random picks rarely hit: the worst case.
            [(top, n_claims)] = list(
                store.rows(
                    "SELECT e.name, COUNT(*) AS n FROM claims c JOIN entities e "
                    "ON e.id = c.supplier_entity GROUP BY e.name ORDER BY n DESC LIMIT 1"
                )
            )
            [(n_facts,)] = list(
                store.rows(
                    "SELECT COUNT(*) FROM fact_summary f JOIN entities e ON e.id = f.supplier_id "
                    "WHERE e.name = ?",
                    (top,),
                )
            )
            print(f"largest supplier: {top!r}, {n_claims:,} claims, {n_facts:,} facts")
            timed("facts --supplier LARGEST", 5, lambda i: lambda: facts(store, supplier=top))
            timed("entity LARGEST (dossier)", 5, lambda i: lambda: entity(store, top))


if __name__ == "__main__":
    main()
