"""Reference data as lookup tables: goods categories, end uses and country names.

Everything here is read from the packaged YAML/CSV files (see ``supplytrace/data``); the
extractor only asks questions such as "which goods category does this phrase name?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from supplytrace.data import chpl_tiers, load_yaml

_WORD = re.compile(r"[a-z0-9]+")
_SPELLING = {
    "armoured": "armored",
    "defence": "defense",
    "fibre": "fiber",
    "centres": "centers",
    "centre": "center",
    "programme": "program",
    "armour": "armor",
}


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ics")):
        return word[:-1]
    return word


def phrase_key(text: str) -> tuple[str, ...]:
    """Folded, singular, US-spelling words of a phrase: the form phrases are looked up by."""
    words = _WORD.findall(text.lower().replace("-", " ").replace("\u2019", "'"))
    return tuple(_singular(_SPELLING.get(w, w)) for w in words)


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    kind: str
    parent: str | None
    hs_codes: tuple[str, ...]
    chpl: tuple[str, ...]

    def chpl_tiers(self) -> tuple[str, ...]:
        tiers = chpl_tiers()
        return tuple(sorted({tiers[c] for c in self.chpl if c in tiers}))


_PREPOSITIONS = {"for", "of", "to", "with", "in", "on", "from"}


def _head(key: tuple[str, ...]) -> str:
    """The head word of a phrase: the last word before its first preposition."""
    for i, word in enumerate(key):
        if word in _PREPOSITIONS and i:
            return key[i - 1]
    return key[-1]


@dataclass
class PhraseTable:
    """Phrase -> category id, with lookups by whole phrase, by longest suffix and by head word."""

    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    heads: dict[str, str] = field(default_factory=dict)
    single: dict[str, str] = field(default_factory=dict)
    longest: int = 1

    def add(self, phrase: str, category: str, weak_heads: frozenset[str] | None = None) -> None:
        """Register a phrase; with ``weak_heads`` its head word alone also names the category."""
        key = phrase_key(phrase)
        if not key:
            return
        self.phrases.setdefault(key, category)
        self.longest = max(self.longest, len(key))
        if len(key) == 1:
            self.heads[key[0]] = self.single.setdefault(key[0], category)
        elif weak_heads is not None:
            head = _head(key)
            if head not in weak_heads:
                self.heads.setdefault(head, self.single.get(head, category))

    def lookup(self, text: str) -> str | None:
        """The category of the longest taxonomy phrase that ends the text ("Chinese optical components")."""
        key = phrase_key(text)
        for start in range(len(key)):
            hit = self.phrases.get(key[start:])
            if hit:
                return hit
        return None

    def head_category(self, text: str) -> str | None:
        key = phrase_key(text)
        return self.heads.get(_head(key)) if key else None


@dataclass(frozen=True)
class Country:
    name: str
    iso2: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    metonyms: tuple[str, ...]


@dataclass
class Gazetteer:
    categories: dict[str, Category]
    goods: PhraseTable
    goods_heads: frozenset[str]
    end_uses: PhraseTable
    end_use_labels: dict[str, str]
    countries: dict[str, Country]
    country_by_alias: dict[str, str]
    country_by_adjective: dict[str, str]
    country_by_metonym: dict[str, str]

    def category(self, phrase: str) -> Category | None:
        cat = self.goods.lookup(phrase) or self.goods.head_category(phrase)
        return self.categories.get(cat) if cat else None

    def is_goods_head(self, lemma: str) -> bool:
        return _singular(_SPELLING.get(lemma.lower(), lemma.lower())) in self.goods_heads

    def end_use(self, phrase: str) -> str | None:
        """End-use category of a phrase; "artillery production" is read as "artillery"."""
        hit = self.end_uses.lookup(phrase) or self.end_uses.head_category(phrase)
        words = phrase.split()
        if hit is None and len(words) > 1 and phrase_key(words[-1])[0] in _END_USE_GENERIC:
            return self.end_use(" ".join(words[:-1]))
        return hit

    def country(self, text: str) -> str | None:
        """Canonical country for a name or alias ("PRC" -> "China"); None for anything else."""
        key = " ".join(phrase_key(text.removeprefix("the ").removeprefix("The ")))
        return self.country_by_alias.get(key)

    def country_of_adjective(self, text: str) -> str | None:
        key = " ".join(phrase_key(text))
        return self.country_by_adjective.get(key) or self.country_by_alias.get(key)

    def country_of_metonym(self, text: str) -> str | None:
        return self.country_by_metonym.get(" ".join(phrase_key(text.removeprefix("the "))))


# Words that end a goods phrase in the taxonomy but name no goods on their own.
_WEAK_HEADS = {
    "part",
    "component",
    "equipment",
    "item",
    "material",
    "good",
    "product",
    "system",
    "device",
    "supply",
    "technology",
    "capability",
    "unit",
    "tool",
    "support",
    "how",
    "design",
    "transfer",
    "assistance",
    "aid",
    "center",
    "station",
    "data",
    "ingredient",
    "talky",
    "holder",
    "plate",
    "board",
    "cell",
    "shell",
    "jet",
    "insert",
}
# Words after an end use that do not change it ("missile production", "drone factories").
_END_USE_GENERIC = {
    "production",
    "program",
    "manufacturing",
    "factory",
    "plant",
    "industry",
    "line",
    "output",
    "capacity",
    "effort",
    "system",
}
# Phrasings the taxonomy leaves out but that news uses for the same goods.
_EXTRA_ADJECTIVES = {"United States": ["U.S.", "US"], "United Kingdom": ["U.K.", "UK"]}


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Build the lookup tables once per process from the packaged reference data."""
    taxonomy = load_yaml("goods_taxonomy.yaml")
    categories: dict[str, Category] = {}
    goods = PhraseTable()
    heads: set[str] = set()
    for raw in taxonomy["categories"]:
        cat = Category(
            id=raw["id"],
            label=raw.get("label", raw["id"]),
            kind=raw.get("kind", "goods"),
            parent=raw.get("parent"),
            hs_codes=tuple(raw.get("hs_codes") or ()),
            chpl=tuple(raw.get("chpl") or ()),
        )
        categories[cat.id] = cat
        for synonym in raw.get("synonyms") or ():
            goods.add(synonym, cat.id, frozenset(_WEAK_HEADS))
            key = phrase_key(synonym)
            if key:
                heads.add(key[-1])
        goods.add(cat.label.split("(")[0], cat.id)
    end_uses = PhraseTable()
    labels: dict[str, str] = {}
    for raw in load_yaml("end_uses.yaml")["end_uses"]:
        labels[raw["id"]] = raw.get("label", raw["id"])
        for synonym in raw.get("synonyms") or ():
            end_uses.add(synonym, raw["id"])
        for example in raw.get("examples") or ():
            end_uses.add(example, raw["id"])
    countries: dict[str, Country] = {}
    by_alias: dict[str, str] = {}
    by_adjective: dict[str, str] = {}
    by_metonym: dict[str, str] = {}
    # the curated aliases first (they win a clash), then every other country of the world
    world = load_yaml("world_countries.yaml")["countries"]
    curated = load_yaml("country_aliases.yaml")["countries"]
    merged = dict(curated)
    for name, raw in world.items():
        merged.setdefault(name, raw)
    for name, raw in merged.items():
        metonyms = tuple(
            m["alias"] if isinstance(m, dict) else str(m) for m in raw.get("metonyms") or ()
        )
        adjectives = tuple(raw.get("adjectives") or ()) + tuple(_EXTRA_ADJECTIVES.get(name, ()))
        country = Country(
            name, raw.get("iso2", ""), tuple(raw.get("aliases") or ()), adjectives, metonyms
        )
        countries[name] = country
        for alias in (name, *country.aliases):
            by_alias.setdefault(" ".join(phrase_key(alias)), name)
        for adjective in adjectives:
            folded = " ".join(
                phrase_key(adjective.replace("-based", "").replace("-registered", ""))
            )
            if folded:
                by_adjective.setdefault(folded, name)
        for metonym in metonyms:
            by_metonym.setdefault(" ".join(phrase_key(metonym)), name)
    return Gazetteer(
        categories=categories,
        goods=goods,
        goods_heads=frozenset(
            heads - _WEAK_HEADS | {"component", "equipment", "part", "technology"}
        ),
        end_uses=end_uses,
        end_use_labels=labels,
        countries=countries,
        country_by_alias=by_alias,
        country_by_adjective=by_adjective,
        country_by_metonym=by_metonym,
    )
