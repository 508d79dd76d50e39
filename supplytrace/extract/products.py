"""Named products of one document: "the Garpiya-A1 attack drone" makes "Garpiya-A1" (and its
base name "Garpiya") a drone for the rest of the document.

The small model labels such names as organisations; knowing them keeps them out of the
organisation list and lets "produce 6,000 Garpiya" count as goods ("Garpiya drones").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from supplytrace.goods.gazetteer import Gazetteer

_MODEL_LABELS = {"ORG", "PRODUCT", "PERSON", "WORK_OF_ART", ""}


class Products(dict[str, str]):
    """Product name (lower case) -> the plural goods noun it is ("drones")."""

    def of(self, tok: Token) -> str | None:
        """The goods noun a token naming a product stands for, if any."""
        key = self._key(_word(tok))
        return self[key] if key else None

    def _key(self, word: str) -> str | None:
        text = word.lower()
        for key in (text, text.split("-")[0], _singular(text)):
            if key in self:
                return key
        return None

    def render(self, tok: Token) -> str:
        """'Harpies' -> 'Harpy drones', 'Garpiya-A1' -> 'Garpiya-A1 drones'."""
        word = _word(tok)
        if word.lower() not in self and _singular(word.lower()) in self:
            word = _singular(word)
        return f"{word} {self.of(tok)}"


def _word(tok: Token) -> str:
    """The whole written word a token is part of: 'A1' in 'Garpiya-A1' -> 'Garpiya-A1'."""
    doc = tok.doc

    def joined(left: Token, right: Token) -> bool:
        return not left.whitespace_ and all(t.text == "-" or not t.is_punct for t in (left, right))

    start = tok.i
    while start > 0 and joined(doc[start - 1], doc[start]):
        start -= 1
    end = tok.i
    while end + 1 < len(doc) and joined(doc[end], doc[end + 1]):
        end += 1
    return doc[start : end + 1].text


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def find_products(doc: Doc, gaz: Gazetteer) -> Products:
    """Capitalised names written right before a goods noun they name a model of."""
    found = Products()
    for tok in doc:
        if tok.pos_ not in {"NOUN", "PROPN"} or not gaz.is_goods_head(tok.lemma_):
            continue
        if not tok.text.islower() or tok.ent_type_ == "ORG":
            continue  # part of a name: "Xiamen Limbach Aviation Engine Co."
        names: list[Token] = []
        j = tok.i - 1
        # skip one descriptor noun: "Garpiya-A1 attack drone", "L550E engines"
        if j >= 0 and doc[j].pos_ == "NOUN" and doc[j].text.islower():
            j -= 1
        while j >= 0 and (doc[j].text == "-" or doc[j].text[:1].isupper() or doc[j].is_digit):
            if doc[j].ent_type_ not in _MODEL_LABELS or gaz.country(doc[j].text):
                break
            if gaz.country_of_adjective(doc[j].text) or doc[j].is_sent_start:
                break
            names.insert(0, doc[j])
            j -= 1
        if not names or names[0].text == "-":
            continue
        text = doc[names[0].i : names[-1].i + 1].text
        if text.isalpha() and text.isupper():
            continue  # an acronym of a kind of goods ("CNC machines"), not a model
        name = text.lower()
        lemma = tok.lemma_.lower()
        plural = lemma[:-1] + "ies" if lemma.endswith("y") else lemma + "s"
        found.setdefault(name, plural)
        found.setdefault(name.split("-")[0], plural)
    return found
