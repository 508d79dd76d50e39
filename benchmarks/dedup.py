"""Story clustering at scale: our LSH index against datasketch's ``MinHashLSH`` (issue 4).

Generates a deterministic synthetic news corpus with planted rewrites (light, moderate, heavy)
and same-topic distractors, signs it once with the library's near-duplicate scheme
(``signatures.BIGRAMS``), and gives the SAME signatures and the same banding to both indexes.
Each engine runs in its own subprocess so that its peak memory is its own. Reported:

* throughput of indexing and of querying every document against the index (documents/s);
* recall per rewrite strength and precision, at two stages: the LSH candidates, and the pairs
  our verification (sentence alignment, ``Verifier``) accepts as near-duplicates;
* peak memory (``ru_maxrss``) per engine process;
* the time of our whole path (signatures, index, query, verification) at 2x the documents,
  as a ratio.

Run: ``.venv/bin/python benchmarks/dedup.py`` (100,000 and 200,000 documents, ~7 minutes on
2 cores), or ``--docs 20000 --no-scale`` for a quick look. Needs the ``bench`` extra.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from supplytrace.dedup import Verifier
from supplytrace.dedup.lsh import LSHIndex
from supplytrace.dedup.minhash import estimate_pairs
from supplytrace.dedup.signatures import BIGRAMS
from supplytrace.model import Document

STRENGTHS = ("light", "moderate", "heavy")
# Share of content words substituted, of sentences dropped, of sentences added (relative to
# the original's count), and of adjacent sentence pairs swapped.
REWRITES = {
    "light": (0.10, 0.10, 0.10, 0.10),
    "moderate": (0.20, 0.20, 0.20, 0.30),
    "heavy": (0.35, 0.35, 0.35, 0.50),
}
# One planted group (an original and one rewrite of it) per GROUP_EVERY documents; every
# DISTRACTOR_EVERY-th group also gets a same-topic distractor. The rest is background.
GROUP_EVERY = 10
DISTRACTOR_EVERY = 2
# Documents per topic: the corpus grows by covering more topics, as a news archive does over
# time, not by piling ever more documents on the same ones.
DOCS_PER_TOPIC = 100
CHUNK = 4000
ZIPF_OFFSET = 100

FUNCTION_WORDS = (
    "the of to and a in that for on is was with as by at from it has have be are were an its "
    "their after over about this but not which who they had been will more than said also into "
    "against"
).split()
_CONSONANTS = "b d f g k l m n p r s t v z br dr kr pl st tr sh ch".split()
_VOWELS = "a e i o u ai ou ia".split()


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(syllables))


class Vocabulary:
    """A Zipfian general vocabulary, and per topic its own words and named entities."""

    def __init__(self, seed: int, size: int = 30_000) -> None:
        rng = random.Random(seed)
        words = dict.fromkeys(_word(rng, rng.choice((2, 2, 3, 3, 4))) for _ in range(size * 2))
        self.general = list(words)[:size]
        # Zipf from rank 100 on: the head of a language's distribution is its function words,
        # drawn separately (FUNCTION_WORDS); the commonest content word is then ~0.2% of
        # content tokens, as in English news once stopwords are removed.
        weights = [1.0 / (rank + ZIPF_OFFSET) ** 1.05 for rank in range(size)]
        self.cumulative = list(itertools.accumulate(weights))
        self.seed = seed
        self._topics: dict[int, tuple[list[str], list[str]]] = {}

    def general_words(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.general, cum_weights=self.cumulative, k=k)

    def general_word(self, rng: random.Random) -> str:
        x = rng.random() * self.cumulative[-1]
        return self.general[bisect.bisect(self.cumulative, x)]

    def topic(self, topic: int) -> tuple[list[str], list[str]]:
        found = self._topics.get(topic)
        if found is None:
            found = self._topics[topic] = self._make_topic(topic)
        return found

    def _make_topic(self, topic: int) -> tuple[list[str], list[str]]:
        rng = random.Random(self.seed * 7_919 + topic)
        words = [_word(rng, rng.choice((3, 3, 4))) for _ in range(120)]
        names = [
            " ".join(_word(rng, 2).capitalize() for _ in range(rng.choice((1, 2, 2, 3))))
            for _ in range(25)
        ]
        return words, names


def sentence(rng: random.Random, vocab: Vocabulary, words: list[str], names: list[str]) -> str:
    """10-24 tokens: function words, general words, topic words, names and figures."""
    tokens = []
    for kind in rng.choices("fgtnd", weights=(45, 30, 15, 7, 3), k=rng.randint(10, 24)):
        if kind == "f":
            tokens.append(rng.choice(FUNCTION_WORDS))
        elif kind == "g":
            tokens.append(vocab.general_word(rng))
        elif kind == "t":
            tokens.append(rng.choice(words))
        elif kind == "n":
            tokens.append(rng.choice(names))
        else:
            tokens.append(str(rng.randint(2, 5000)))
    text = " ".join(tokens)
    return text[0].upper() + text[1:] + "."


@dataclass(frozen=True)
class Corpus:
    """``size`` documents, each generated on demand from its index alone (deterministic).

    Layout by index: originals [0, G), their rewrites [G, 2G) with strength ``g % 3``,
    distractors [2G, 2G + D) for groups 0, 2, 4..., then background documents.
    """

    size: int
    seed: int = 20240413

    @property
    def groups(self) -> int:
        return self.size // GROUP_EVERY

    @property
    def distractors(self) -> int:
        return (self.groups + DISTRACTOR_EVERY - 1) // DISTRACTOR_EVERY

    @property
    def topics(self) -> int:
        return max(1, self.size // DOCS_PER_TOPIC)

    def strength(self, group: int) -> str:
        return STRENGTHS[group % len(STRENGTHS)]

    def planted(self) -> np.ndarray:
        """(original, rewrite) index pairs."""
        groups = np.arange(self.groups, dtype=np.int64)
        return np.stack((groups, groups + self.groups), axis=1)

    def _rng(self, kind: str, index: int) -> random.Random:
        return random.Random(f"{self.seed}/{kind}/{index}")

    def _group_topic(self, group: int) -> int:
        return self._rng("topic", group).randrange(self.topics)

    def _day(self, group: int) -> date:
        return date(2020, 1, 1) + timedelta(days=self._rng("day", group).randrange(1500))

    def _article(self, vocab: Vocabulary, rng: random.Random, topic: int) -> list[str]:
        words, names = vocab.topic(topic)
        cast = rng.sample(names, 6)
        return [sentence(rng, vocab, words, cast) for _ in range(rng.randint(8, 16))]

    def document(self, vocab: Vocabulary, index: int) -> Document:
        g = self.groups
        if index < g:
            rng = self._rng("doc", index)
            text = self._article(vocab, rng, self._group_topic(index))
            day = self._day(index)
        elif index < 2 * g:
            group = index - g
            original = self._article(vocab, self._rng("doc", group), self._group_topic(group))
            text = self._rewrite(vocab, original, group)
            day = self._day(group) + timedelta(days=self._rng("lag", index).randrange(3))
        elif index < 2 * g + self.distractors:
            group = (index - 2 * g) * DISTRACTOR_EVERY
            rng = self._rng("doc", index)
            text = self._article(vocab, rng, self._group_topic(group))
            day = self._day(group) + timedelta(days=rng.randrange(20, 60))
        else:
            rng = self._rng("doc", index)
            text = self._article(vocab, rng, rng.randrange(self.topics))
            day = date(2020, 1, 1) + timedelta(days=rng.randrange(1500))
        return Document.create(" ".join(text), published=day.isoformat(), source_path=str(index))

    def _rewrite(self, vocab: Vocabulary, original: list[str], group: int) -> list[str]:
        substitute, drop, add, swap = REWRITES[self.strength(group)]
        rng = self._rng("rewrite", group)
        words, names = vocab.topic(self._group_topic(group))
        kept = []
        for text in original:
            if rng.random() < drop:
                continue
            tokens = [
                vocab.general_word(rng)
                if tok.lower() not in FUNCTION_WORDS and rng.random() < substitute
                else tok
                for tok in text[:-1].split()
            ]
            kept.append(" ".join(tokens) + ".")
        for i in range(len(kept) - 1):
            if rng.random() < swap:
                kept[i], kept[i + 1] = kept[i + 1], kept[i]
        for _ in range(round(len(original) * add)):
            kept.insert(
                rng.randint(0, len(kept)), sentence(rng, vocab, words, rng.sample(names, 6))
            )
        return [t[0].upper() + t[1:] for t in kept]


# ---------------------------------------------------------------------------- evaluation


def _codes(pairs: np.ndarray, size: int) -> np.ndarray:
    low = np.minimum(pairs[:, 0], pairs[:, 1])
    high = np.maximum(pairs[:, 0], pairs[:, 1])
    return np.unique(low * size + high)


def evaluate(corpus: Corpus, found: np.ndarray) -> dict[str, Any]:
    """Recall per strength; precision overall and per strength.

    A strength's precision counts the reported pairs that touch a document of one of its
    planted groups (original, rewrite or distractor): the planted pair is right, anything else
    (the distractor, a same-topic background document) is a false positive.
    """
    n, g = corpus.size, corpus.groups
    codes = _codes(found, n) if found.size else np.empty(0, dtype=np.int64)
    planted = _codes(corpus.planted(), n)
    hit = np.isin(planted, codes)
    group_of = np.full(n, -1, dtype=np.int64)
    group_of[:g] = np.arange(g)
    group_of[g : 2 * g] = np.arange(g)
    dist = np.arange(corpus.distractors)
    group_of[2 * g : 2 * g + dist.size] = dist * DISTRACTOR_EVERY
    right = np.isin(codes, planted)
    low, high = codes // n, codes % n
    result: dict[str, Any] = {
        "reported": int(codes.size),
        "precision": float(right.mean()) if codes.size else 1.0,
        "recall": float(hit.mean()),
    }
    for k, strength in enumerate(STRENGTHS):
        in_strength = np.zeros(codes.size, dtype=bool)
        for side in (low, high):
            groups = group_of[side]
            in_strength |= (groups >= 0) & (groups % len(STRENGTHS) == k)
        touched = right[in_strength]
        result[strength] = {
            "recall": float(hit[k :: len(STRENGTHS)].mean()),
            "precision": float(touched.mean()) if touched.size else 1.0,
            "false_positives": int((~touched).sum()),
        }
    return result


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


# ---------------------------------------------------------------------------- engines


def run_ours(corpus: Corpus, workdir: Path) -> dict[str, Any]:
    """Generate and sign the corpus, index and query it, verify the candidates."""
    vocab = Vocabulary(corpus.seed)
    n = corpus.size
    signatures = np.empty((n, BIGRAMS.num_perm), dtype=np.uint32)
    generate = sign = 0.0
    for start in range(0, n, CHUNK):
        t0 = time.perf_counter()
        texts = [corpus.document(vocab, i).text for i in range(start, min(n, start + CHUNK))]
        t1 = time.perf_counter()
        signatures[start : start + len(texts)] = BIGRAMS.sign(texts)
        sign += time.perf_counter() - t1
        generate += t1 - t0
    np.save(workdir / "signatures.npy", signatures)

    rss_before = _rss_mb()
    t0 = time.perf_counter()
    index = LSHIndex(BIGRAMS.threshold, BIGRAMS.num_perm, BIGRAMS.banding)
    index.add(np.arange(n), signatures)
    index_time = time.perf_counter() - t0
    t0 = time.perf_counter()
    hits = index.query(signatures)
    query_time = time.perf_counter() - t0
    candidates = hits[hits[:, 0] < hits[:, 1]]
    del hits
    rss_index = _rss_mb() - rss_before
    t0 = time.perf_counter()
    self_join = index.candidate_pairs()
    join_time = time.perf_counter() - t0
    assert np.array_equal(self_join, candidates), "self-join and batch query disagree"
    np.save(workdir / "candidates.npy", candidates)

    sample = min(2000, n)
    t0 = time.perf_counter()
    for row in range(sample):
        index.query(signatures[row : row + 1])
    single_time = time.perf_counter() - t0

    t0 = time.perf_counter()
    filtered = candidates[estimate_pairs(signatures, candidates) >= BIGRAMS.min_estimate]
    filter_time = time.perf_counter() - t0
    t0 = time.perf_counter()
    verified = verify(corpus, vocab, filtered)
    verify_time = time.perf_counter() - t0
    return {
        "engine": "ours",
        "docs": n,
        "bands_rows": list(BIGRAMS.banding),
        "generate_s": generate,
        "sign_s": sign,
        "index_s": index_time,
        "query_s": query_time,
        "self_join_s": join_time,
        "single_query_per_s": sample / single_time,
        "filter_s": filter_time,
        "verify_s": verify_time,
        "total_s": sign + index_time + query_time + filter_time + verify_time,
        "index_mb": index.nbytes / 2**20,
        "rss_growth_mb": rss_index,
        "peak_rss_mb": _peak_rss_mb(),
        "candidates": evaluate(corpus, candidates),
        "filtered": evaluate(corpus, filtered),
        "verified": evaluate(corpus, verified),
    }


def verify(corpus: Corpus, vocab: Vocabulary, candidates: np.ndarray) -> np.ndarray:
    """The candidate pairs our verification accepts as near-duplicates."""
    # Word overlap only: the default install; benchmarks/embeddings.py measures the extra.
    verifier = Verifier(encoder=None)
    cache: dict[int, Document] = {}
    accepted = []
    for count, (a, b) in enumerate(candidates.tolist()):
        docs = []
        for i in (a, b):
            if i not in cache:
                cache[i] = corpus.document(vocab, i)
            docs.append(cache[i])
        pair = verifier.relate(docs[0], docs[1])
        if pair is not None and pair.relation == "near_duplicate":
            accepted.append((a, b))
        if count % 5000 == 4999:
            # Candidates come sorted by their first document: later pairs rarely reuse earlier ones.
            cache.clear()
            verifier.forget()
    return np.array(accepted, dtype=np.int64).reshape(-1, 2)


def run_datasketch(corpus: Corpus, workdir: Path) -> dict[str, Any]:
    """The same signatures and banding in datasketch's MinHashLSH (in-memory dict storage)."""
    from datasketch import LeanMinHash, MinHashLSH

    signatures = np.load(workdir / "signatures.npy")
    n = corpus.size
    bands, rows = BIGRAMS.banding
    t0 = time.perf_counter()
    minhashes = [
        LeanMinHash(seed=BIGRAMS.seed, hashvalues=row, scheme="affine32") for row in signatures
    ]
    wrap_time = time.perf_counter() - t0
    rss_before = _rss_mb()
    t0 = time.perf_counter()
    lsh = MinHashLSH(num_perm=BIGRAMS.num_perm, params=(bands, rows))
    with lsh.insertion_session() as session:
        for key, minhash in enumerate(minhashes):
            session.insert(key, minhash, check_duplication=False)
    index_time = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = []
    for key, minhash in enumerate(minhashes):
        found.extend((key, other) for other in lsh.query(minhash) if other != key)
    query_time = time.perf_counter() - t0
    rss_index = _rss_mb() - rss_before
    pairs = np.array(found, dtype=np.int64).reshape(-1, 2)
    candidates = np.unique(np.sort(pairs, axis=1), axis=0)
    ours = np.load(workdir / "candidates.npy")
    return {
        "engine": "datasketch",
        "docs": n,
        "wrap_s": wrap_time,
        "index_s": index_time,
        "query_s": query_time,
        "rss_growth_mb": rss_index,
        "peak_rss_mb": _peak_rss_mb(),
        "only_ours": int(np.setdiff1d(_codes(ours, n), _codes(candidates, n)).size),
        "only_theirs": int(np.setdiff1d(_codes(candidates, n), _codes(ours, n)).size),
        "candidates": evaluate(corpus, candidates),
    }


# ---------------------------------------------------------------------------- report

STAGES = {
    "candidates": "1. LSH candidates",
    "filtered": "2. signature estimate >= threshold/2",
    "verified": "3. verified near-duplicates",
}


def _worker(engine: str, docs: int, workdir: Path) -> dict[str, Any]:
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--worker",
            engine,
            "--docs",
            str(docs),
            "--workdir",
            str(workdir),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _stage_table(ours: dict[str, Any]) -> list[str]:
    lines = [
        "| stage | strength | recall | precision | false positives |",
        "|---|---|---|---|---|",
    ]
    for stage, label in STAGES.items():
        figures = ours[stage]
        for strength in STRENGTHS:
            f = figures[strength]
            lines.append(
                f"| {label} | {strength} | {f['recall']:.4f} | {f['precision']:.4f} | "
                f"{f['false_positives']} |"
            )
        lines.append(
            f"| {label} | all | {figures['recall']:.4f} | {figures['precision']:.4f} | "
            f"{figures['reported'] - round(figures['precision'] * figures['reported'])} |"
        )
    return lines


def report(ours: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    n = ours["docs"]
    b, r = ours["bands_rows"]
    ours_only, theirs_only = theirs["only_ours"], theirs["only_theirs"]
    lines = [
        f"#### {n:,} documents (threshold {BIGRAMS.threshold}, {BIGRAMS.num_perm} permutations, "
        f"{b} bands x {r} rows)",
        "",
        "| | ours | datasketch MinHashLSH | ours / datasketch |",
        "|---|---|---|---|",
    ]
    for label, key in (("index (docs/s)", "index_s"), ("query (docs/s)", "query_s")):
        mine, other = n / ours[key], n / theirs[key]
        lines.append(f"| {label} | {mine:,.0f} | {other:,.0f} | {mine / other:.1f}x |")
    lines += [
        f"| index + query (s) | {ours['index_s'] + ours['query_s']:.2f} | "
        f"{theirs['index_s'] + theirs['query_s']:.2f} | |",
        f"| memory growth, index + query (MB) | {ours['rss_growth_mb']:.0f} | "
        f"{theirs['rss_growth_mb']:.0f} | |",
        f"| peak RSS of the process (MB) | {ours['peak_rss_mb']:.0f} | "
        f"{theirs['peak_rss_mb']:.0f} | |",
        f"| LSH candidate pairs | {ours['candidates']['reported']:,} | "
        f"{theirs['candidates']['reported']:,} | {ours_only} only ours, {theirs_only} only theirs |",
        "",
        f"Ours also: signatures {n / ours['sign_s']:,.0f} docs/s (features + MinHash), "
        f"self-join {ours['self_join_s']:.2f} s, one-at-a-time query "
        f"{ours['single_query_per_s']:,.0f} docs/s, signature filter of "
        f"{ours['candidates']['reported']:,} candidates {ours['filter_s']:.2f} s, verification "
        f"of {ours['filtered']['reported']:,} pairs {ours['verify_s']:.1f} s; "
        f"index arrays {ours['index_mb']:.0f} MB. Datasketch's peak includes "
        f"{n:,} LeanMinHash objects built from the signatures ({theirs['wrap_s']:.1f} s, untimed). "
        f"Corpus generation {ours['generate_s']:.1f} s (untimed).",
        "",
        *_stage_table(ours),
        "",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=100_000, help="corpus size (default 100000)")
    parser.add_argument("--no-scale", action="store_true", help="skip the run at twice the size")
    parser.add_argument("--worker", choices=("ours", "datasketch"), help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run = run_ours if args.worker == "ours" else run_datasketch
        print(json.dumps(run(Corpus(args.docs), args.workdir)))
        return
    sizes = [args.docs] if args.no_scale else [args.docs, 2 * args.docs]
    totals = {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            ours = _worker("ours", size, Path(tmp))
            theirs = _worker("datasketch", size, Path(tmp))
        totals[size] = ours["total_s"]
        print("\n".join(report(ours, theirs)), flush=True)
    if len(sizes) == 2:
        small, large = sizes
        stages = "signatures + index + query + verification"
        print(
            f"Time of our path ({stages}): {totals[small]:.1f} s at {small:,}, "
            f"{totals[large]:.1f} s at {large:,}: ratio {totals[large] / totals[small]:.2f}"
        )


if __name__ == "__main__":
    main()
