"""Who the parties of a statement are: names in noun phrases, subjects, makers, descriptions."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from supplytrace.extract.mentions import Party
from supplytrace.extract.products import Products
from supplytrace.extract.relations.words import (
    _NOT_ARGUMENTS,
    DESCRIPTORS,
    MAKING,
    REFERRING_NOUNS,
    _dash_between,
    _sentence_end,
)
from supplytrace.goods.gazetteer import Gazetteer


@dataclass
class RawClaim:
    """Roles of one supply statement, as token-level findings before naming."""

    trigger: Token
    suppliers: list[Party] = field(default_factory=list)
    recipients: list[Party] = field(default_factory=list)
    items: list[tuple[str, list[str]]] = field(default_factory=list)  # (phrase, end-use phrases)
    end_uses: list[str] = field(default_factory=list)
    supplier_pronoun: Token | None = None
    # "components of the drone": the recipient is whoever the document says makes the drone
    product: Token | None = None


class PartyRules:
    """Finding the parties a statement names, around its supply word."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.products = Products()  # the named products of the document being read
        self.doc_parties: list[Party] = []  # all parties of that document
        # the tokens inside them (groups aside), and the list they were computed from
        self.doc_party_tokens: frozenset[int] = frozenset()
        self._tokens_of: list[Party] | None = None

    def _party_at(self, token: Token, parties: list[Party]) -> Party | None:
        for party in parties:
            if party.start <= token.i < party.end:
                return party
        return None

    def _parties_at(self, token: Token, parties: list[Party]) -> list[Party]:
        """All parties over a token: one, or one group per country ("Chinese and Turkish firms")."""
        first = self._party_at(token, parties)
        if first is None:
            return []
        return [p for p in parties if p.start == first.start and p.end == first.end]

    def _parties_in(
        self, head: Token, parties: list[Party], limit: int | None = None
    ) -> list[Party]:
        """Parties inside the noun phrase of ``head``: itself, its conjuncts, 'such as'/'including' lists."""
        found: list[Party] = []
        stack = [head]
        seen: set[int] = set()
        while stack:
            tok = stack.pop()
            if tok.i in seen or (limit is not None and tok.i >= limit):
                continue
            seen.add(tok.i)
            for party in self._parties_at(tok, parties):
                if party not in found and not (party.metonym and tok.dep_ == "compound"):
                    found.append(party)
            for child in tok.children:
                if (
                    child.dep_ == "conj"
                    or (child.dep_ == "appos" and not _dash_between(tok, child))
                    or (child.dep_ == "compound" and tok.pos_ == "PROPN")
                ):
                    stack.append(child)
                elif child.dep_ == "prep" and (child.lower_ in {"as", "including", "like"}):
                    stack.extend(c for c in child.children if c.dep_ == "pobj")
                elif (
                    child.dep_ == "prep"
                    and child.lower_ == "of"
                    and tok.lower_
                    in {"one", "some", "two", "three", "several", "many", "all", "most"}
                ):
                    stack.extend(c for c in child.children if c.dep_ == "pobj")
                elif child.dep_ == "acl" and child.lemma_.lower() in {"call", "name", "know"}:
                    stack.extend(c for c in child.children if c.dep_ in {"oprd", "attr", "dobj"})
                elif child.dep_ == "amod" and child.lower_ in {"such"}:
                    stack.extend(c for c in child.children if c.dep_ == "prep")
        named = [p for p in found if p.kind == "org"]
        return sorted(named or found, key=lambda p: p.start)

    def _located_in(self, noun: Token, parties: list[Party]) -> list[Party]:
        """'a drone manufacturer in Russia' -> Russia, when the manufacturer is not named."""
        return [
            p
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ in {"in", "from", "of"}
            for g in c.children
            if g.dep_ == "pobj"
            for p in self._parties_in(g, parties)
            if p.kind in {"country", "group"}
        ]

    def _shifted_recipient(self, noun: Token, parties: list[Party]) -> list[Party]:
        """'to the Russian Federation tooling machines': a name run into the goods phrase."""
        if self._party_at(noun, parties) is not None or not self.gaz.is_goods_head(noun.lemma_):
            return []
        left = [t for t in noun.subtree if t.i < noun.i and t.dep_ == "compound"]
        names = [p for p in parties if any(p.start <= t.i < p.end for t in left)]
        return [p for p in names if p.kind in {"country", "org"}][:1]

    def _described_party(self, noun: Token, parties: list[Party]) -> list[Party]:
        """'to a drone maker owned by the Russian state' -> the firm the next (or previous)
        sentence introduces with such a description ("Russian weapons maker IEMZ Kupol")."""
        if noun.lemma_.lower() not in DESCRIPTORS or not any(
            c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children
        ):
            return []
        located = {p.name for p in self._located_in(noun, parties)}
        located |= {p.name for p in self._country_words(list(noun.lefts))}
        doc = noun.doc
        sent = noun.sent
        after = [p for p in self.doc_parties if sent.end <= p.start < _sentence_end(doc, sent.end)]
        before_start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        before = [p for p in self.doc_parties if before_start <= p.start < sent.start]
        for party in after + before[::-1]:
            if party.kind != "org":
                continue
            country = self._descriptor_country(party, doc)
            if country is False:
                continue
            if located and country and country not in located:
                continue
            return [party]
        return []

    def _descriptor_country(self, party: Party, doc: Doc) -> str | None | bool:
        """False when the party is not introduced by a producer description; else the country
        the description names ("Russian weapons maker X" -> Russia), or None."""
        j = party.start - 1
        if j >= 0 and doc[j].lemma_.lower() in DESCRIPTORS:
            words = [t for t in doc[max(doc[j].sent.start, j - 4) : j]]
            countries = [p.name for p in self._country_words(words)]
            return countries[-1] if countries else None
        head = party.head(doc)
        for appos in (c for c in head.children if c.dep_ == "appos"):
            if appos.lemma_.lower() in DESCRIPTORS:
                countries = [p.name for p in self._country_words(list(appos.subtree))]
                return countries[0] if countries else None
        return False

    def _country_words(self, tokens: list[Token]) -> list[Party]:
        """Country adjectives and plural demonyms ("Russian systems", "the Russians") as parties."""
        out: list[Party] = []
        doc = tokens[0].doc if tokens else None
        for tok in tokens:
            if doc is not None and tok.i > 0 and doc[tok.i - 1] in tokens:
                # two-word demonyms: "North Korean", "South Korean"
                pair = self.gaz.country_of_adjective(f"{doc[tok.i - 1].text} {tok.text}")
                if pair:
                    out = [p for p in out if p.start != tok.i - 1]
                    out.append(Party(tok.i - 1, tok.i + 1, pair, "country", pair))
                    continue
            text = tok.text
            country = self.gaz.country_of_adjective(text) or self.gaz.country(text)
            if not country and text.endswith("s"):
                country = self.gaz.country_of_adjective(text[:-1])
            if country and tok.pos_ in {"ADJ", "PROPN", "NOUN"}:
                out.append(Party(tok.i, tok.i + 1, country, "country", country))
        return out

    def _subject(self, verb: Token) -> Token | None:
        tok = verb
        for _ in range(4):
            for child in tok.children:
                if child.dep_ in {"nsubj", "nsubjpass", "csubj"}:
                    if child.lower_ in {"that", "which", "who"} and tok.dep_ in {"relcl", "acl"}:
                        return tok.head  # the relative pronoun stands for the noun
                    return child
            if tok.dep_ in {"conj", "xcomp", "advcl", "pcomp"} and tok.head.i != tok.i:
                if tok.dep_ == "pcomp" and tok.head.lower_ in {"of", "for", "in"}:
                    # "accuses Chinese companies of supplying": the accused act
                    if tok.head.head.pos_ in {"NOUN", "PROPN"} and tok.head.head.dep_ == "dobj":
                        return tok.head.head
                tok = tok.head
                if tok.pos_ == "ADP":
                    tok = tok.head
                continue
            if tok.dep_ in {"acl", "relcl"} and tok.head.i != tok.i:
                return tok.head
            break
        return None

    def _left_parties(self, verb: Token, parties: list[Party]) -> list[Party]:
        """Parties in the verb's own left arguments (a surface fallback for mis-attached names).

        Prepositional, adverbial and clausal dependents ("According to the Treasury, ...") are
        left out: they name sources and circumstances, not the supplier.
        """
        left: set[int] = set()
        for child in verb.children:
            if child.i < verb.i and child.dep_ not in _NOT_ARGUMENTS:
                left.update(t.i for t in child.subtree)
                # "Turkey, a NATO ally, exported ...": a descriptor's names are not suppliers
                for appos in child.children:
                    if appos.dep_ == "appos" and appos.pos_ == "NOUN":
                        left.difference_update(t.i for t in appos.subtree)
        out = [p for p in parties if any(i in left for i in range(p.start, p.end))]
        named = [p for p in out if p.kind == "org"]
        return named or out

    def _suppliers(self, verb: Token, parties: list[Party], raw: RawClaim) -> None:
        subj = self._subject(verb)
        if subj is not None and (
            subj.lower_ in {"it", "they", "we", "he", "she"} or self._is_reference(subj, parties)
        ):
            raw.supplier_pronoun = subj
            return
        found = self._parties_in(subj, parties) if subj is not None else []
        if subj is not None and verb.dep_ in {"acl", "relcl"} and subj.i == verb.head.i:
            found = found or self._as_phrase_owner(subj, parties) or self._described(subj, parties)
        left = self._left_parties(verb, parties)
        named, left_named = (
            {p.start for p in found if p.kind == "org"},
            {p.start for p in left if p.kind == "org"},
        )
        if left and (not found or named < left_named or (not named and left_named)):
            found = left
        if not found and subj is not None:
            found = self._made_by(subj, parties) or self._country_words(list(subj.subtree))
        raw.suppliers = found

    def _described(self, noun: Token, parties: list[Party]) -> list[Party]:
        """The party a description is about: 'X, a PRC-based company that supplies ...' and
        'X is a supplier of Y that has shipped ...' -> X."""
        for _ in range(3):
            if noun.dep_ == "appos":
                return self._parties_in(noun.head, parties)
            if noun.dep_ in {"attr", "oprd"} and noun.head.pos_ in {"VERB", "AUX"}:
                subj = self._subject(noun.head)
                return self._parties_in(subj, parties) if subj is not None else []
            if noun.dep_ == "pobj" and noun.head.lower_ == "of":
                noun = noun.head.head  # "a supplier of components that ...": the supplier
                continue
            break
        return []

    def _as_phrase_owner(self, noun: Token, parties: list[Party]) -> list[Party]:
        """'cited X, ..., as one of the companies supplying Russia' -> X."""
        tok = noun
        for _ in range(4):
            if tok.dep_ == "pobj" and tok.head.lower_ == "as":
                verb = tok.head.head
                for child in verb.children:
                    if child.dep_ in {"dobj", "nsubjpass"}:
                        return self._parties_in(child, parties)
                return []
            if tok.head.i == tok.i:
                break
            tok = tok.head
        return []

    def _made_by(self, head: Token, parties: list[Party]) -> list[Party]:
        """'optics made by Chinese companies X and Y', 'Chinese-made engines', 'tools made in
        Taiwan and South Korea' -> the makers."""
        for child in head.children:
            if child.dep_ in {"acl", "relcl"} and child.lemma_.lower() in MAKING | {
                "supply",
                "produce",
            }:
                for g in child.children:
                    if g.dep_ == "agent":
                        for obj in g.children:
                            if obj.dep_ == "pobj":
                                found = self._parties_in(obj, parties)
                                return found or self._country_words(list(obj.subtree))
                        # the parser lost the name after "by": take the party written there
                        after = [p for p in parties if p.start == g.i + 1]
                        if after:
                            return after
                    if g.dep_ == "prep" and g.lower_ == "in":
                        found = [
                            p
                            for obj in g.children
                            if obj.dep_ == "pobj"
                            for p in self._parties_in(obj, parties)
                            if p.kind == "country"
                        ]
                        if found:
                            return found
        for child in head.lefts:
            if child.lemma_.lower() == "make" and child.dep_ == "amod":
                for mod in child.children:
                    country = self.gaz.country_of_adjective(mod.text) or self.gaz.country(mod.text)
                    if country and mod.i < child.i:
                        return [Party(mod.i, mod.i + 1, country, "country", country)]
            if child.lower_ == "origin" and child.i > 0:
                # "Chinese-origin devices"
                country = self.gaz.country_of_adjective(
                    head.doc[child.i - 2 if head.doc[child.i - 1].text == "-" else child.i - 1].text
                )
                if country:
                    return [Party(child.i, child.i + 1, country, "country", country)]
            if child.lower_.endswith("-made") or (
                child.i + 2 < len(head.doc)
                and head.doc[child.i + 1].text == "-"
                and head.doc[child.i + 2].lower_ == "made"
            ):
                country = self.gaz.country_of_adjective(child.text.split("-")[0])
                if country:
                    return [Party(child.i, child.i + 1, country, "country", country)]
        return []

    def _is_reference(self, tok: Token, parties: list[Party]) -> bool:
        """A pronoun or 'the company' standing for a party named before."""
        if tok.lower_ in {"it", "they", "we"}:
            return True
        return (
            tok.lemma_.lower() in REFERRING_NOUNS
            and tok.tag_ == "NN"
            and tok.dep_ in {"nsubj", "nsubjpass"}
            and any(c.dep_ == "det" and c.lower_ in {"the", "this"} for c in tok.children)
            and self._party_at(tok, parties) is None
        )

    def _governing_subject(self, noun: Token) -> Token | None:
        """The subject of the clause a noun sits in: 'it was unaware of any exports' -> it."""
        tok = noun
        for _ in range(4):
            tok = tok.head
            if tok.pos_ in {"VERB", "AUX"}:
                return self._subject(tok)
        return None

    @staticmethod
    def _anyone(noun: Token) -> bool:
        """'to any of the parties', 'to either side', 'to anyone': a recipient left open."""
        if noun.lower_ in {"anyone", "anybody"}:
            return True
        if noun.lemma_.lower() not in {"party", "side", "country"}:
            if noun.lower_ in {"any", "either"}:
                return True
            return False
        words = {t.lower_ for t in noun.subtree} | {noun.head.head.lower_}
        return bool(words & {"any", "either", "no", "all", "both"})
