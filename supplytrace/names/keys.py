"""Organisation-name normalisation: the key that tells two spellings of one name apart from two names.

Legal forms ("Co Ltd", "LLC", "OOO", "Sanayi ve Ticaret A.S.") are read from the packaged
``org_suffixes.txt``; descriptor words ("Technology", "Trading") are part of a name and kept.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from supplytrace.data import read_lines

_PUNCT = re.compile(r"[^\w\s]+", re.UNICODE)
_SPACE = re.compile(r"\s+")
# Short legal forms that are also ordinary words or initials: only stripped when written in capitals.
_CASE_SENSITIVE = {"ao", "ag", "sa", "up", "ip", "ab", "as", "oy", "kg", "lp", "co"}


def fold(text: str) -> str:
    """Lower-case ASCII words: diacritics, punctuation and spacing removed ("Şti." -> "sti")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("&", " and ").replace("\u2019", "'").replace("'s ", "s ")
    text = _PUNCT.sub(" ", text.lower())
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=1)
def legal_forms() -> tuple[tuple[str, ...], ...]:
    """Folded legal forms as token tuples, longest first (descriptor words excluded)."""
    forms: set[tuple[str, ...]] = set()
    for line in read_lines("org_suffixes.txt", stop_at="# ---- Descriptor words"):
        tokens = tuple(fold(line).split())
        if tokens:
            forms.add(tokens)
    forms.update({("co",), ("company",), ("limited",), ("ltd",), ("inc",), ("corp",), ("llc",)})
    return tuple(sorted(forms, key=lambda t: (-len(t), t)))


def _words(name: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each whitespace word of ``name`` with its folded tokens ("Co.," -> ("co",))."""
    return [(word, tuple(fold(word).split())) for word in name.replace("&", " & ").split()]


def _form_at(tokens: list[str], words: list[tuple[str, tuple[str, ...]]], end: bool) -> int:
    """How many words at one end of the name make a legal form (0 if none)."""
    for form in legal_forms():
        n = len(form)
        if n >= len(tokens):
            continue
        if (tuple(tokens[-n:]) if end else tuple(tokens[:n])) != form:
            continue
        # count whole words covering exactly n tokens
        covered, count = 0, 0
        for _word, toks in reversed(words) if end else words:
            if covered >= n:
                break
            covered += len(toks)
            count += 1
        if covered != n:
            continue
        edge = words[-count:] if end else words[:count]
        if len(form) == 1 and form[0] in _CASE_SENSITIVE and not edge[0][0][:1].isupper():
            continue
        if not end and n > 1:
            continue  # only short prefix forms ("OOO Xyz", "AO Xyz") precede a name
        return count
    return 0


def _strip(name: str) -> list[tuple[str, tuple[str, ...]]]:
    """The words of ``name`` left after legal forms are removed from both ends, repeatedly."""
    words = [(w, t) for w, t in _words(name) if t or w == "&"]
    if words and words[0][1] == ("the",) and len(words) > 1:
        words = words[1:]
    while len(words) > 1:
        tokens = [tok for _, toks in words for tok in toks]
        tail = _form_at(tokens, words, end=True)
        if tail and tail < len(words):
            words = words[:-tail]
            continue
        head = _form_at(tokens, words, end=False)
        if head and head < len(words):
            words = words[head:]
            continue
        break
    return words


@lru_cache(maxsize=1 << 16)
def display_name(name: str) -> str:
    """The name without legal forms or a leading article, spelling kept: the canonical display."""
    words = _strip(_SPACE.sub(" ", name.strip()))
    text = " ".join(word for word, _ in words).strip(" ,.;:")
    return text or name.strip()


def name_key(name: str) -> str:
    """The matching key of an organisation name: folded, legal forms and articles removed."""
    return " ".join(tok for _, toks in _strip(name) for tok in toks)
