"""Statements anchored on a noun: exports of, suppliers of, a contract to supply, shares of imports."""

from __future__ import annotations

from spacy.tokens import Token

from supplytrace.extract.mentions import Party
from supplytrace.extract.relations.parties import RawClaim
from supplytrace.extract.relations.verbs import VerbRules
from supplytrace.extract.relations.words import (
    BACKWARD,
    FORWARD,
    GENERIC_GOODS,
    MAKING,
    NOMINAL_BACKWARD,
    PARTICIPATING,
    QUANTIFIERS,
    SHARE_VERBS,
    TRADE_NOUNS,
)


class NounRules(VerbRules):
    """Roles around supply nouns, supplier nouns and agreements."""

    def _nominal(self, noun: Token, parties: list[Party]) -> RawClaim:
        raw = RawClaim(noun)
        backward = noun.lower_ in NOMINAL_BACKWARD
        item_heads = [
            c for c in noun.lefts if c.dep_ in {"compound", "nmod"} and not self._is_country_word(c)
        ]
        owners: list[Party] = []
        for child in noun.children:
            if child.dep_ == "poss":
                owners.extend(self._parties_in(child, parties) or self._country_words([child]))
            elif child.dep_ in {"amod", "compound"} and self._is_country_word(child):
                owners.extend(self._country_words([child]))
            elif child.dep_ == "prep":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if child.lower_ == "of":
                    item_heads.extend(objs)
                elif child.lower_ in {"from", "by"}:
                    raw.suppliers = [p for g in objs for p in self._parties_in(g, parties)]
                elif child.lower_ in {"to", "for"}:
                    raw.recipients = [
                        p
                        for g in objs
                        for p in (
                            self._parties_in(g, parties)
                            or self._described_party(g, parties)
                            or self._country_words([g, *g.lefts]) + self._located_in(g, parties)
                        )
                    ]
        if backward and not raw.suppliers:
            # "China accounted for 90% of Russia's chip imports": the subject of the share
            share_subject = self._share_subject(noun)
            if share_subject is not None:
                raw.suppliers = (
                    self._parties_in(share_subject, parties)
                    or self._made_by(share_subject, parties)
                    or self._country_words([share_subject])
                )
                if not item_heads and raw.suppliers:
                    item_heads.append(share_subject)
        if backward:
            raw.recipients = raw.recipients or owners
        else:
            raw.suppliers = raw.suppliers or owners
        if not raw.suppliers and not backward:
            raw.suppliers = self._participants(noun, parties)
        if not raw.suppliers and not backward:
            subj = self._governing_subject(noun)
            if subj is not None and subj.lower_ in {"it", "we", "they"}:
                raw.supplier_pronoun = subj
            else:
                return raw
        members = [
            g
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "including"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        # "the supply and production of goods": the goods hang on the last conjunct
        for conj in noun.conjuncts:
            if conj.i > noun.i:
                item_heads.extend(
                    g
                    for c in conj.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children
                    if g.dep_ == "pobj"
                )
        raw.items = self._items_from(item_heads, parties)
        if (
            not item_heads
            and noun.lower_ in TRADE_NOUNS
            and raw.suppliers
            and (backward or raw.recipients)
        ):
            # "Imports from the PRC are filling gaps": the trade itself, goods unnamed
            raw.items = [("goods", [])]
        if members and (raw.items or any(h.lemma_.lower() in GENERIC_GOODS for h in item_heads)):
            raw.items += self._items_from(members, parties, members=True)
        uses = self._purpose_phrases(noun)
        if noun.head.lemma_.lower() == "use":
            uses += self._purpose_phrases(noun.head)
            if not raw.recipients:
                subj = self._subject(noun.head)
                if subj is not None:
                    raw.recipients = self._parties_in(subj, parties) or self._country_words([subj])
        raw.end_uses = uses
        return raw

    def _share_subject(self, noun: Token) -> Token | None:
        """'X accounted for / made up 40 per cent of the imports of Russia' -> X."""
        tok = noun
        for _ in range(4):
            tok = tok.head
            if tok.pos_ in {"VERB", "AUX"}:
                break
            if tok.head.i == tok.i:
                return None
        else:
            return None
        if tok.lemma_.lower() not in SHARE_VERBS:
            return None
        shares = [t for t in noun.ancestors if t.i < noun.i and t.lemma_.lower() in QUANTIFIERS]
        if not shares:
            return None
        return next((c for c in tok.children if c.dep_ == "nsubj"), None)

    def _participants(self, noun: Token, parties: list[Party]) -> list[Party]:
        """'entities based in China involved in the supply of X', 'X's role in the sale of Y'."""
        if not (noun.dep_ == "pobj" and noun.head.lower_ == "in"):
            return []
        head = noun.head.head
        if head.lemma_.lower() not in PARTICIPATING:
            return []
        if head.dep_ in {"acl", "relcl"}:
            return self._parties_in(head.head, parties)
        owners = [c for c in head.children if c.dep_ == "poss"]
        if owners:
            return self._parties_in(owners[0], parties)
        subj = self._subject(head)
        return self._parties_in(subj, parties) if subj is not None else []

    def _supplier_noun(self, noun: Token, parties: list[Party]) -> RawClaim:
        """'suppliers of microelectronics to Russia based in China', 'X, a Chinese chip vendor'."""
        raw = RawClaim(noun)
        raw.suppliers = self._parties_at(noun, parties)
        if not raw.suppliers and noun.dep_ == "appos":
            raw.suppliers = self._parties_in(noun.head, parties)
        role_verb = None
        if noun.dep_ in {"attr", "oprd"}:
            role_verb = noun.head
        elif noun.dep_ == "pobj" and noun.head.lower_ == "as":
            role_verb = noun.head.head  # "India has emerged as a major supplier of X"
        if not raw.suppliers and role_verb is not None and role_verb.pos_ in {"VERB", "AUX"}:
            subj = self._subject(role_verb)
            raw.suppliers = self._parties_in(subj, parties) if subj is not None else []
        if not raw.suppliers:
            raw.suppliers = [
                p
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ in {"as", "including", "like"}
                for g in c.children
                if g.dep_ == "pobj"
                for p in self._parties_in(g, parties)
            ]
        heads = [
            c
            for c in noun.lefts
            if c.dep_ in {"compound", "nmod"}
            and not self._is_country_word(c)
            and all(p.kind == "group" for p in self._parties_at(c, parties))
        ]
        for child in noun.children:
            if child.dep_ == "prep":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                goods_for = child.lower_ == "for" and any(
                    self.gaz.is_goods_head(g.lemma_) or g.lemma_.lower() in GENERIC_GOODS
                    for g in objs
                )
                if child.lower_ == "of" or goods_for:
                    heads.extend(objs)  # "a conduit for dual-use goods"
                elif child.lower_ in {"to", "for"}:
                    raw.recipients = [
                        p
                        for g in objs
                        for p in (self._parties_in(g, parties) or self._country_words([g]))
                    ]
            elif child.dep_ == "poss" and not raw.recipients:
                # "Russia's suppliers of chips": the owner receives
                raw.recipients = self._parties_in(child, parties)
        if not raw.recipients and role_verb is not None:
            raw.recipients = [
                p
                for c in role_verb.children
                if c.dep_ == "prep" and c.lower_ == "to"
                for g in c.children
                if g.dep_ == "pobj"
                for p in self._parties_in(g, parties)
            ]
        raw.items = self._items_from(heads, parties)
        raw.end_uses = self._purpose_phrases(noun) + self._recipient_uses(
            [
                g
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ == "to"
                for g in c.children
                if g.dep_ == "pobj"
            ]
        )
        return raw

    def _contract(self, noun: Token, parties: list[Party]) -> RawClaim:
        """'X signed a contract with the defence ministry to produce 6,000 drones' -> X supplies
        the drones to the ministry; 'to buy' turns the roles round."""
        raw = RawClaim(noun)
        verb = noun.head if noun.dep_ in {"dobj", "nsubjpass", "nsubj"} else None
        owners = [noun] + ([verb] if verb is not None else [])
        partners = [
            p
            for owner in owners
            for c in owner.children
            if c.dep_ == "prep" and c.lower_ == "with"
            for g in c.children
            if g.dep_ == "pobj"
            for p in self._parties_in(g, parties)
        ]
        purposes = [
            c
            for owner in owners
            for c in owner.children
            if c.dep_ in {"acl", "relcl", "advcl", "xcomp"}
            and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")
            and c.lemma_.lower() in FORWARD | MAKING | BACKWARD
        ]
        if not partners or not purposes or verb is None:
            return raw
        purpose = purposes[0]
        objects = [c for c in purpose.children if c.dep_ == "dobj"]
        raw.items = self._items_from(objects, parties, objects=True)
        if noun.dep_ == "nsubjpass":
            actors = [
                p
                for c in verb.children
                if c.dep_ == "agent"
                for g in c.children
                for p in self._parties_in(g, parties)
            ]
            if not actors:
                raw.supplier_pronoun = noun  # "a contract has been signed with ...": whose?
        else:
            actors = []
            subj = self._subject(verb)
            if subj is not None and self._is_reference(subj, parties):
                raw.supplier_pronoun = subj
            elif subj is not None:
                actors = self._parties_in(subj, parties)
        if purpose.lemma_.lower() in BACKWARD:
            raw.suppliers, raw.recipients = partners, actors
            raw.supplier_pronoun = None
        else:
            raw.suppliers, raw.recipients = actors, partners
        raw.end_uses = self._purpose_phrases(purpose)
        return raw
