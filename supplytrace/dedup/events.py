"""Distinctive features: what separately written reports of one event have in common.

Two reporters covering the same announcement write different sentences but name the same people,
places, organisations and figures ("56 new sanctions", "Budapest", "Keir Starmer"). Countries,
demonyms, months, titles, organisation-type words ("Plant", "Precision", "Instruments") and the
type words of outlet names ("Gazette", "Post") are named by every report on the topic, or by
every story an outlet's template produces, so they are left out; so are years, which every report of a season shares.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from supplytrace.data import load_yaml
from supplytrace.dedup.text import (
    STOPWORDS,
    Sentence,
    content_tokens,
    normalise_word,
    split_sentences,
    words,
)

# Capitalised words that name a kind of thing or a role, not a particular one.
GENERIC_NAME_WORDS = frozenset(
    """
    president prime minister ministry secretary spokesperson spokesman spokeswoman foreign
    affairs office department agency government state national international federal central
    group company companies corporation holding holdings technology technologies trade trading
    global new union council committee general chief director official officials the a an of
    and for in on news report reports says said read more comments published share photo
    co corp inc ltd llc plc gmbh jsc ojsc pjsc fze fzco
    plant plants works factory factories machinery precision instrument instruments electronics
    electronic engineering bureau design institute institution research systems system industries
    industry industrial import export components component supply supplies optical optics
    navigation machine machines tool tools power chemical chemicals aero aerospace engine engines
    semiconductor semiconductors microelectronics technical equipment manufacturing manufacturer
    devices device materials metals logistics shipping services service solutions enterprise
    enterprises association university academy army forces military navy defence defense
    revolutionary guard programme program arms
    gazette post times review record sentinel dispatch courier ledger observer monitor daily
    herald journal tribune telegraph express chronicle
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)
_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][\w’'.-]*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_OPENERS = tuple("\"“‘'(")


@lru_cache(maxsize=1)
def country_words() -> frozenset[str]:
    """Words of country names, aliases, adjectives and metonyms (packaged reference data)."""
    found: set[str] = set()
    for name, entry in load_yaml("country_aliases.yaml")["countries"].items():
        names = [name, *entry.get("aliases", ()), *entry.get("adjectives", ())]
        names += [m["alias"] for m in entry.get("metonyms", ())]
        for item in names:
            found.update(words(item))
    return frozenset(found)


def distinctive_features(text: str) -> frozenset[str]:
    """Normalised name words (capitalised, not sentence-initial) and numbers other than years."""
    features: set[str] = set()
    for start, end in split_sentences(text):
        features.update(sentence_names(text[start:end]))
    return frozenset(features)


def named_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` with their content tokens and distinctive features."""
    return [
        Sentence(start, end, content_tokens(text[start:end]), sentence_names(text[start:end]))
        for start, end in split_sentences(text)
    ]


def sentence_names(sentence: str) -> frozenset[str]:
    """The distinctive features of one sentence (see ``distinctive_features``)."""
    excluded = _excluded()
    features: set[str] = set()
    for match in _CAPITALISED.finditer(sentence):
        before = sentence[: match.start()].rstrip()
        if not before or before.endswith(_OPENERS):
            continue
        for word in words(match.group()):
            if len(word) > 1 and not word[0].isdigit() and word not in excluded:
                features.add(normalise_word(word))
    for word in words(sentence):
        if word[0].isdigit() and len(word) > 1 and not _YEAR.fullmatch(word):
            features.add(word)
    return frozenset(features)


@lru_cache(maxsize=1)
def _excluded() -> frozenset[str]:
    return country_words() | GENERIC_NAME_WORDS | STOPWORDS


def days_apart(first: str | None, second: str | None) -> int | None:
    """Days between two ISO dates, or None when either is missing or unreadable."""
    if not first or not second:
        return None
    try:
        return abs((date.fromisoformat(first[:10]) - date.fromisoformat(second[:10])).days)
    except ValueError:
        return None
