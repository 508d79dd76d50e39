"""Sentences and content tokens: the units that story alignment compares.

Rewrites of one story keep its facts (names, numbers, the rarer words) but change spelling
conventions, inflection, word order and the small words around them. So a sentence is reduced to
the *set* of its content tokens, folded to one spelling and lightly stemmed; two sentences that
say the same thing in other words still share most of that set.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Words that carry no story-specific content: function words, news reporting verbs and the
# words of "per cent" (which otherwise distinguish "90%" from "90 per cent").
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    may might must shall upon via per cent percent said says say saying told tell
    according reported reports report added adding stated stating noted whose
    yet however although though since within without amid among
    """.split()
)

# Abbreviations whose final period does not end a sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj capt sgt adm gov sen rep rev st jr sr co corp inc ltd llc
    plc bros no nos vs etc jan feb mar apr jun jul aug sep sept oct nov dec approx dept est fig
    op ca cf al
    """.split()
)

_OPEN_QUOTES = "\"'“‘«("
_CLOSE_QUOTES = "\"'”’»)"
# A sentence ends at ., ! or ? (possibly followed by closing quotes or brackets) when whitespace
# and then the start of a new sentence (a capital, a digit or an opening quote) follow.
_BOUNDARY = re.compile(
    r"[.!?]+[" + re.escape(_CLOSE_QUOTES) + r"]*(?=\s+[" + re.escape(_OPEN_QUOTES) + r"\dA-Z])"
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_APOSTROPHE_S = re.compile(r"['’]s\b")

# British spellings folded to American ones; applied to both sides, so the only requirement is
# that the rules rarely merge two different words.
_SPELLING_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=[a-z]{3})our(?=(s|ed|ing|ite|ites|able|er|ers)?$)"), "or"),
    (re.compile(r"^(def|off|lic|pret)ence(s?)$"), r"\1ense\2"),
    (re.compile(r"(?<=[a-z]{2})is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{2})([tb])re(s?)$"), r"\1er\2"),
    (re.compile(r"(?<=[a-z]{3})ogue(s?)$"), r"og\1"),
)
_DOUBLE_END = re.compile(r"([b-df-hj-np-tv-z])\1$")


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document: ``text[start:end]``, its content-token set and, when computed
    (``events.named_sentences``), its distinctive names and figures."""

    start: int
    end: int
    tokens: frozenset[str]
    names: frozenset[str] = frozenset()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``, in order, trimmed of whitespace.

    Lines are split first (news bodies put headlines, captions and boilerplate on their own
    lines), then each line at sentence punctuation that is not an abbreviation ("Co.") or an
    initialism ("U.S."), whose period is ambiguous and more often mid-sentence in this genre.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        for match in _BOUNDARY.finditer(line):
            if _is_abbreviation(line[: match.start() + 1]):
                continue
            _add_span(spans, line, offset, start, match.end())
            start = match.end()
        _add_span(spans, line, offset, start, len(line))
        offset += len(line) + 1
    return spans


def _is_abbreviation(prefix: str) -> bool:
    if not prefix.endswith("."):
        return False
    # Only the last whitespace-separated token can hold the word: searching the whole prefix
    # would make splitting a long line quadratic in its length.
    found = _WORD_BEFORE.search(prefix.rsplit(None, 1)[-1])
    if found is None:
        return False
    word = found.group(1)
    return word.lower() in ABBREVIATIONS or bool(_INITIALISM.match(word))


def _add_span(spans: list[tuple[int, int]], line: str, offset: int, start: int, end: int) -> None:
    piece = line[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((offset + start + lead, offset + start + lead + len(stripped)))


def words(text: str) -> list[str]:
    """Lower-case word and number tokens, accents removed, numbers without separators."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHE_S.sub("", text).lower()
    return [_number(tok) if tok[0].isdigit() else tok for tok in _TOKEN.findall(text)]


def _number(token: str) -> str:
    """ "6,000" and "6000" are one number; a decimal point is kept ("6.5")."""
    if re.fullmatch(r"\d{1,3}(,\d{3})+", token):
        return token.replace(",", "")
    return token.replace(",", ".")


@lru_cache(maxsize=1 << 19)
def normalise_word(word: str) -> str:
    """One spelling and a light stem, so "armoured", "armored" and "armor" meet.

    Cached: a corpus has far fewer distinct words than tokens, and the rules are regexes.
    The cache holds the half-million commonest recent words (about 100 MB at most), the
    vocabulary of a large news archive.
    """
    if word[0].isdigit() or len(word) <= 3:
        return word
    for pattern, replacement in _SPELLING_RULES:
        word = pattern.sub(replacement, word)
    return stem(word)


def stem(word: str) -> str:
    """A deliberately light suffix stripper: inflection only, never derivation."""
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 5:
        word = word[:-3] + "y"
    elif word.endswith("ied") and len(word) > 5:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return _DOUBLE_END.sub(r"\1", word)


def content_tokens(text: str) -> frozenset[str]:
    """The normalised content words and numbers of ``text``."""
    return frozenset(normalise_word(w) for w in words(text) if w not in STOPWORDS)
