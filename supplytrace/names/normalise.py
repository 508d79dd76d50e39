"""Name forms for matching: the tokens two spellings of one name share.

``supplytrace.names.name_key`` decides entity ids at ingest and must stay stable; this module is the looser
form the matcher compares: Cyrillic transliterated, legal forms removed anywhere in the name,
abbreviations expanded, and each token reduced to a spelling skeleton so that common
transliteration variants (ks/x, j/y, -iy/-ii/-y, w/v, ph/f, doubled letters) coincide. Every
token is classed as ``core`` (the distinctive part), ``generic`` (industry words shared by
thousands of firms) or ``place``, so that the scorer can weigh them apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from supplytrace.data import load_yaml
from supplytrace.names.keys import fold, legal_forms

TokenKind = Literal["core", "generic", "place"]

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya i yi ye g u".split(),
        strict=True,
    )
)
_LATIN_EXTRA = {"ı": "i", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "þ": "th"}
_PARENS = re.compile(r"\(([^()]*)\)")
# Ordered rewrites that bring transliteration variants of one word to one skeleton.
_SKELETON = (
    ("shch", "sch"),
    ("dzh", "j"),
    ("dj", "j"),
    ("tch", "ch"),
    ("zh", "j"),
    ("kh", "h"),
    ("ph", "f"),
    ("ck", "k"),
    ("tz", "ts"),
    ("x", "ks"),
    ("w", "v"),
    ("q", "k"),
    ("ou", "u"),
)
_Y_BEFORE_VOWEL = re.compile(r"(?:j(?=[aeou])|i(?=[aou]))")
_ENDING = re.compile(r"(?:iy|ii|yi|ij|yy|y)$")
_DOUBLE = re.compile(r"(.)\1+")


def skeleton(token: str) -> str:
    """A folded token's spelling skeleton ("aleksandr" and "alexander" share "aleksandr")."""
    if token.isdigit() or len(token) < 3:
        return token
    for old, new in _SKELETON:
        token = token.replace(old, new)
    token = _Y_BEFORE_VOWEL.sub("y", token)
    token = _ENDING.sub("i", token) if len(token) > 3 else token
    return _DOUBLE.sub(r"\1", token)


def _stem(token: str) -> str:
    """Plural and derivational endings that only vary the form ("technologies", "trading")."""
    if len(token) > 5 and token.endswith("ies"):
        token = token[:-3] + "i"
    elif len(token) > 6 and token.endswith("ing"):
        token = token[:-3]
    elif len(token) > 6 and token.endswith("al"):
        token = token[:-2]
    elif len(token) > 4 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        token = token[:-1]
    if len(token) > 4 and token.endswith("e"):
        token = token[:-1]
    return _ENDING.sub("i", token)


def _reduce(token: str) -> str:
    """Stem a skeleton only when the stem is a generic word: stemming "Beijing" or "Kupols"
    would only add collisions between distinctive names."""
    stem = _stem(token)
    return stem if stem in vocabulary().generic else token


def transliterate(text: str) -> str:
    """Cyrillic to Latin (a simplified GOST/BGN mix) and a few Latin letters NFKD keeps."""
    out = []
    for char in text:
        lower = char.lower()
        if lower in _CYRILLIC:
            mapped = _CYRILLIC[lower].replace("_", "")
            out.append(mapped.capitalize() if char != lower else mapped)
        else:
            out.append(_LATIN_EXTRA.get(char, char))
    return "".join(out)


@dataclass(frozen=True)
class Vocabulary:
    abbreviations: dict[str, tuple[str, ...]]
    generic: frozenset[str]
    places: frozenset[str]
    forms: tuple[tuple[str, ...], ...]

    @property
    def forms_by_first(self) -> dict[str, list[tuple[str, ...]]]:
        return _forms_by_first(self.forms)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = load_yaml("name_words.yaml")
    generic = {_stem(skeleton(t)) for word in data["generic"] for t in fold(word).split()}
    places = {skeleton(t) for word in data["places"] for t in fold(word).split()}
    # A legal form that carries a descriptor ("General Trading LLC", "Holdings Limited") is
    # not removed whole: its descriptor is part of the name like any other.
    forms = {f for f in legal_forms() if not any(_stem(skeleton(t)) in generic for t in f)}
    for phrase in ("import and export", "import export", "imp and exp", "imp exp"):
        forms.add(tuple(phrase.split()))
    forms.update({("sanayi", "ve", "ticaret"), ("san", "ve", "tic"), ("ve",)})
    forms.update({("dis", "ticaret"), ("ithalat", "ihracat"), ("ic", "ve", "dis", "ticaret")})
    return Vocabulary(
        abbreviations={k: tuple(v.split()) for k, v in data["abbreviations"].items()},
        generic=frozenset(generic - places),
        places=frozenset(places),
        forms=tuple(sorted(forms, key=lambda t: (-len(t), t))),
    )


@lru_cache(maxsize=4)
def _forms_by_first(forms: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    """Forms by their first token, longest first (the order of ``forms``)."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for form in forms:
        found.setdefault(form[0], []).append(form)
    return found


# Short legal forms that are also words or initials: removed only at either end of a name.
_EDGE_ONLY = {"ao", "ag", "sa", "up", "ip", "ab", "as", "oy", "kg", "lp", "co", "a", "s", "ve"}


def _strip_forms(tokens: list[str]) -> list[str]:
    """Remove legal forms wherever they stand; a name that is nothing but forms is kept."""
    forms = vocabulary().forms_by_first
    kept: list[str] = []
    i = 0
    while i < len(tokens):
        for form in forms.get(tokens[i], ()):
            n = len(form)
            if tuple(tokens[i : i + n]) != form:
                continue
            at_edge = i == 0 or i + n == len(tokens)
            if n == 1 and form[0] in _EDGE_ONLY and not at_edge:
                continue
            i += n
            break
        else:
            kept.append(tokens[i])
            i += 1
    return kept or tokens


# Function words (English, Romance, German, Turkish "ve", Russian "i") carry no identity.
_STOPWORDS = {"and", "of", "the", "for", "de", "ve", "und", "i", "in", "y", "et", "du", "la"}


@dataclass(frozen=True)
class NameForm:
    """A name as the matcher sees it: skeleton tokens in written order, each with its kind."""

    tokens: tuple[str, ...]
    kinds: tuple[TokenKind, ...]

    @property
    def key(self) -> str:
        return " ".join(self.tokens)

    @property
    def distinctive(self) -> tuple[str, ...]:
        """The core tokens; a name made only of generic words and places is all distinctive."""
        core = tuple(t for t, k in zip(self.tokens, self.kinds, strict=True) if k == "core")
        return core or self.tokens

    @classmethod
    def from_key(cls, key: str) -> NameForm:
        """Rebuild a form from its ``key`` (kinds are a pure function of the tokens)."""
        tokens = tuple(key.split())
        return cls(tokens, tuple(_kind(t) for t in tokens))


def _kind(token: str) -> TokenKind:
    vocab = vocabulary()
    if token in vocab.places:
        return "place"
    if token in vocab.generic:
        return "generic"
    return "core"


@lru_cache(maxsize=1 << 17)
def normalise(name: str) -> NameForm:
    """The matching form of one name (without its parenthesised part; see ``variants``)."""
    text = transliterate(name).replace("'", "").replace("\u2019", "")
    tokens = _strip_forms(fold(text).split())
    tokens = [t for t in tokens if t not in _STOPWORDS] or tokens
    expanded: list[str] = []
    abbreviations = vocabulary().abbreviations
    for token in tokens:
        expanded.extend(abbreviations.get(token, (token,)))
    skeletons = tuple(_reduce(skeleton(t)) for t in _strip_forms(expanded))
    return NameForm(skeletons, tuple(_kind(t) for t in skeletons))


def variants(name: str) -> tuple[str, ...]:
    """The name without its parenthesised parts, then each part ("Defence Intelligence (HUR)")."""
    inner = [part.strip() for part in _PARENS.findall(name) if part.strip()]
    outer = _PARENS.sub(" ", name).strip()
    found = [outer] if outer else []
    found.extend(p for p in inner if fold(p) and p not in found)
    return tuple(found) or (name,)
