"""Supply statements from dependency parses: who supplies what to whom, for which use.

A statement is anchored on a supply word: a forward verb ("supply", "ship", "provide"), a
backward verb whose subject receives ("receive", "import", "procure"), "come from", a
nominal form ("imports from", "shipments to", "provision of"), a supplier noun ("suppliers of
chips to Russia"), an agreement ("a contract with the ministry to build drones"), or
help/arm/equip with goods as the means. The roles are read off the parse around it, with
surface fallbacks where the small model's parse is unreliable (long proper names, lists).

The rules are split by what they read: ``parties``, ``goods``, ``verbs`` and ``nouns``; the
word lists live in ``words``.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from supplytrace.extract.mentions import Party
from supplytrace.extract.products import Products
from supplytrace.extract.relations.nouns import NounRules
from supplytrace.extract.relations.parties import RawClaim
from supplytrace.extract.relations.words import (
    AGREEMENTS,
    BACKWARD,
    CONTAINING,
    FINDING,
    FORWARD,
    MEANS,
    NOMINAL_BACKWARD,
    NOMINAL_FORWARD,
    SUPPLIER_NOUNS,
    USING,
)

__all__ = ["RawClaim", "RelationFinder"]


def _lemma(tok: Token) -> str:
    """The token's lemma; 're-exported' (kept whole by the tokenizer) -> 'reexport'."""
    text = tok.lower_
    if not text.startswith("re-"):
        return tok.lemma_.lower()
    base = text[3:]
    if base == "sold":
        return "resell"
    for suffix in ("ing", "ed", "s"):
        if base.endswith(suffix) and len(base) > len(suffix) + 3:
            base = base[: -len(suffix)]
            break
    return "re" + base


class RelationFinder(NounRules):
    """All supply statements of a sentence."""

    def find(
        self,
        sent: Span,
        parties: list[Party],
        products: Products | None = None,
        doc_parties: list[Party] | None = None,
    ) -> list[RawClaim]:
        self.products = products or Products()
        self.doc_parties = doc_parties if doc_parties is not None else parties
        if self.doc_parties is not self._tokens_of:  # once per document, not per sentence
            self._tokens_of = self.doc_parties
            self.doc_party_tokens = frozenset(
                i for p in self.doc_parties if p.kind != "group" for i in range(p.start, p.end)
            )
        claims = []
        for tok in sent:
            lemma = _lemma(tok)
            raw: RawClaim | None = None
            if lemma in FORWARD and (tok.pos_ in {"VERB", "AUX"} or self._verb_like(tok)):
                raw = self._forward(tok, parties)
                if not (raw.items and raw.suppliers) and raw.supplier_pronoun is None:
                    raw = self._surface_forward(tok, sent, parties) or raw
            elif (
                lemma in FORWARD
                and tok.tag_ in {"NN", "NNS"}
                and not any(c.dep_ == "det" for c in tok.children)
                and self._surface_forward(tok, sent, parties) is not None
            ):
                raw = self._surface_forward(tok, sent, parties)
            elif lemma in BACKWARD and tok.pos_ == "VERB":
                raw = self._backward(tok, parties)
            elif lemma == "come" and any(c.lower_ == "from" for c in tok.children):
                raw = self._come_from(tok, parties)
            elif tok.pos_ in {"NOUN", "PROPN"} and (
                tok.lower_ in NOMINAL_FORWARD | NOMINAL_BACKWARD
            ):
                raw = self._nominal(tok, parties)
            elif lemma in MEANS and tok.pos_ == "VERB":
                raw = self._means(tok, parties)
            elif lemma in SUPPLIER_NOUNS and tok.pos_ == "NOUN":
                raw = self._supplier_noun(tok, parties)
            elif lemma in AGREEMENTS and tok.pos_ == "NOUN":
                raw = self._contract(tok, parties)
            elif lemma in USING and tok.pos_ == "VERB":
                claims.extend(self._using(tok, parties))
            elif lemma in FINDING and tok.pos_ == "VERB":
                raw = self._found_in(tok, parties)
            elif lemma in CONTAINING and tok.pos_ == "VERB":
                raw = self._parts_include(tok, parties)
            if raw and raw.items and (raw.suppliers or raw.supplier_pronoun is not None):
                claims.append(raw)
        return claims
