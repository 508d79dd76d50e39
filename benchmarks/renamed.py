"""Renamed-entity test: the same documents with every organisation renamed to an invented one.

An extractor that learned how supply is *said* scores the same on both; one that memorised
which firms supply scores lower on the renamed copy. Each distinctive word of a gold
organisation name ("Kupol" in "IEMZ Kupol") gets one invented word, everywhere in the text and
in the gold, so short forms stay consistent; industry words ("Technology", "Group"), legal
forms and countries are kept. The copies go to a folder outside the repository (they are the
shared texts, renamed) and are scored with ``tools/score.py`` by the caller.

Example:
  .venv/bin/python benchmarks/renamed.py ../shared/data/dev/gold.jsonl /tmp/renamed-dev
  supplytrace extract /tmp/renamed-dev/corpus/*.txt > /tmp/renamed-dev.jsonl
  python ../shared/tools/score.py /tmp/renamed-dev/gold.jsonl /tmp/renamed-dev.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

from supplytrace.goods.gazetteer import gazetteer

_KEEP = {
    "technology",
    "technologies",
    "tech",
    "group",
    "industries",
    "industry",
    "trading",
    "trade",
    "international",
    "electronics",
    "electronic",
    "systems",
    "system",
    "bank",
    "holding",
    "holdings",
    "company",
    "co",
    "ltd",
    "limited",
    "llc",
    "inc",
    "corp",
    "corporation",
    "jsc",
    "pjsc",
    "ao",
    "ooo",
    "gmbh",
    "plc",
    "the",
    "of",
    "and",
    "for",
    "institute",
    "research",
    "university",
    "ministry",
    "department",
    "office",
    "state",
    "national",
    "federal",
    "agency",
    "commission",
    "council",
    "government",
    "defense",
    "defence",
    "military",
    "foreign",
    "affairs",
    "treasury",
    "bureau",
    "security",
    "assets",
    "control",
    "european",
    "union",
    "united",
    "nations",
    "committee",
    "services",
    "service",
    "engineering",
    "development",
    "machine",
    "aviation",
    "science",
    "scientific",
    "plant",
    "factory",
    "works",
    "enterprise",
    "import",
    "export",
    "news",
    "times",
    "post",
    "journal",
    "press",
    "air",
    "force",
    "army",
    "navy",
    "space",
    "design",
    "center",
    "centre",
    "co.",
    "ltd.",
    "inc.",
    "private",
}
_ONSETS = ["br", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "tr", "kr"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "io"]
_CODAS = ["n", "r", "s", "x", "l", "m", "", "k", "th"]


def invented(word: str) -> str:
    """A pronounceable invented word, fixed for ``word`` (a hash picks the syllables)."""
    h = int(hashlib.sha256(word.lower().encode()).hexdigest(), 16)
    parts = []
    for _ in range(2 + h % 2):
        h //= 7
        parts.append(_ONSETS[h % len(_ONSETS)] + _VOWELS[(h // 16) % len(_VOWELS)])
        h //= 97
    new = "".join(parts) + _CODAS[h % len(_CODAS)]
    return new.upper() if word.isupper() else new.capitalize()


def word_map(names: set[str]) -> dict[str, str]:
    gaz = gazetteer()
    out: dict[str, str] = {}
    for name in names:
        if gaz.country(name) or gaz.country_of_adjective(name):
            continue
        for word in re.findall(r"[A-Za-z][A-Za-z0-9\-]+", name):
            if word.lower() in _KEEP or gaz.country(word) or gaz.country_of_adjective(word):
                continue
            if len(word) >= 3:
                out[word] = invented(word)
    return out


def rename(text: str, words: dict[str, str]) -> str:
    if not words:
        return text
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b"
    )
    return pattern.sub(lambda m: words[m.group(1)], text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument(
        "--corpus", type=Path, help="default: corpus/ beside GOLD, else GOLD's folder"
    )
    args = parser.parse_args()
    corpus = args.corpus or (
        args.gold.parent / "corpus" if (args.gold.parent / "corpus").is_dir() else args.gold.parent
    )
    (args.out / "corpus").mkdir(parents=True, exist_ok=True)
    renamed_words = 0
    with (
        open(args.gold, encoding="utf-8") as src,
        open(args.out / "gold.jsonl", "w", encoding="utf-8") as dst,
    ):
        for line in src:
            if not line.strip():
                continue
            gold = json.loads(line)
            names = set(gold.get("organizations", []))
            names |= {
                r[k] for r in gold.get("supply", []) for k in ("supplier", "recipient") if r.get(k)
            }
            words = word_map(names)
            renamed_words += len(words)
            text = (corpus / Path(gold["doc"]).name).read_text(encoding="utf-8")
            (args.out / "corpus" / Path(gold["doc"]).name).write_text(
                rename(text, words), encoding="utf-8"
            )
            gold["organizations"] = [rename(n, words) for n in gold.get("organizations", [])]
            for rel in gold.get("supply", []):
                for key in ("supplier", "recipient", "evidence", "asserted_by"):
                    if rel.get(key):
                        rel[key] = rename(rel[key], words)
            dst.write(json.dumps(gold, ensure_ascii=False) + "\n")
    print(f"{args.out}: {renamed_words} distinctive name words renamed")
    folds = args.gold.parent / "folds.json"
    if folds.is_file():
        (args.out / "folds.json").write_text(folds.read_text(encoding="utf-8"), encoding="utf-8")


if __name__ == "__main__":
    main()
