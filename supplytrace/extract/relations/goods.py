"""What is supplied and for what: goods phrases, lists of goods, end uses."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from supplytrace.extract.mentions import Party
from supplytrace.extract.relations.parties import PartyRules
from supplytrace.extract.relations.words import (
    _DROP_MODIFIERS,
    _PURPOSE_PREPS,
    BACKWARD,
    BARE_GOODS,
    CONSIGNMENTS,
    DESCRIPTORS,
    FORWARD,
    GENERIC_GOODS,
    MAKING,
    NOMINAL_BACKWARD,
    NOMINAL_FORWARD,
    PRODUCERS,
    QUANTIFIERS,
    WAR_NOUNS,
    _is_gloss,
)


class GoodsRules(PartyRules):
    """Reading goods and their end uses off the parse."""

    def _item_head(self, tok: Token) -> Token:
        """Skip quantity words: 'large amounts of machine tools' -> 'tools'."""
        while (
            tok.lower_ in QUANTIFIERS
            or tok.lemma_.lower() in QUANTIFIERS
            or tok.lower_ in CONSIGNMENTS  # "100 shipments of microelectronics"
        ):
            objs = [
                g
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            if not objs:
                break
            tok = objs[0]
        return tok

    def _phrases(self, head: Token) -> list[str]:
        """Surface phrases for an item head, one per coordinated modifier ("drone and missile technology")."""
        if self.products.of(head):
            return [self.products.render(head)]
        mods = [
            c
            for c in head.lefts
            if c.dep_ in {"compound", "amod", "nmod", "npadvmod"} and c.i >= head.i - 6
        ]
        mods = [
            m
            for m in mods
            if m.lower_ not in _DROP_MODIFIERS
            and not self._is_country_word(m)
            and m.lemma_.lower() not in {"make", "origin"}  # "Chinese-made": the maker
            and m.lemma_.lower() not in FORWARD | BACKWARD  # a misparsed verb: "X exported chips"
            and not any(t.i in self.doc_party_tokens for t in m.subtree)
        ]
        # keep the contiguous run of modifiers next to the head
        run: list[Token] = []
        for m in reversed(mods):
            edge = run[0].left_edge.i if run else head.i
            if m.right_edge.i >= edge - 1:
                run.insert(0, m)
        variants: list[list[Token]] = [[]]
        for m in run:
            conjs = [c for c in m.children if c.dep_ == "conj"]
            own = [
                t
                for t in m.subtree
                if t.dep_ not in {"cc", "conj", "punct"}
                and t.i <= m.i
                and not self._is_country_word(t)
                and t.lower_ not in _DROP_MODIFIERS
            ]
            if conjs:
                options = [own] + [
                    [t for t in c.subtree if t.dep_ not in {"cc", "punct"}] for c in conjs
                ]
                variants = [v + o for v in variants for o in options]
            else:
                variants = [v + own for v in variants]
        phrases = []
        for v in variants:
            words = [t.text for t in v] + [head.text]
            phrases.append(" ".join(words))
        return phrases

    def _is_country_word(self, tok: Token) -> bool:
        return bool(self.gaz.country_of_adjective(tok.text)) or tok.lower_ in {"western", "foreign"}

    def _is_goods(self, head: Token, phrase: str) -> bool:
        if self.products.of(head):
            return True
        if head.ent_type_ in {
            "GPE",
            "NORP",
            "PERSON",
            "DATE",
            "MONEY",
            "PERCENT",
            "ORG",
        } and not self.gaz.category(phrase):
            return False
        if self.gaz.category(phrase) is not None or self.gaz.is_goods_head(head.lemma_):
            return True
        # "dual-use goods", "CNC tools", "sensitive items": generic goods words with a qualifier
        return head.lemma_.lower() in GENERIC_GOODS and len(phrase.split()) > 1

    def _is_object_goods(self, head: Token, phrase: str) -> bool:
        """What a supply verb moves may be plain "goods" or "equipment"."""
        return self._is_goods(head, phrase) or head.lower_ in BARE_GOODS

    def _items_from(
        self,
        heads: list[Token],
        parties: list[Party],
        members: bool = False,
        objects: bool = False,
    ) -> list[tuple[str, list[str]]]:
        """Goods phrases headed by ``heads``, their conjuncts and their 'including' lists.

        Members of a list that a goods word introduces ("weapons, including gunpowder and
        artillery") are goods even when the taxonomy does not know them; ``members`` says the
        heads themselves are such members.
        """
        items: list[tuple[str, list[str]]] = []
        queue = [(h, members) for h in heads]
        seen: set[int] = set()
        while queue:
            first, listed = queue.pop(0)
            tok = self._item_head(first)
            if tok.i in seen:
                continue
            seen.add(tok.i)
            queue.extend((c, listed) for c in tok.children if c.dep_ == "conj" and not _is_gloss(c))
            if any(p.kind != "group" or p.end - 1 == tok.i for p in self._parties_at(tok, parties)):
                continue
            is_goods = self._is_object_goods if objects else self._is_goods
            phrases = [p for p in self._phrases(tok) if is_goods(tok, p)]
            if self._shifted_recipient(tok, parties):
                # keep the goods words only: "Russian Federation tooling machines" -> tooling machines
                named = {t.i for p in parties for t in tok.doc[p.start : p.end]}
                words = [
                    t.text
                    for t in tok.subtree
                    if t.i <= tok.i and t.i not in named and t.dep_ in {"compound", "amod"}
                ]
                phrases = [" ".join([*words, tok.text])]
            if not phrases and listed and self._is_listed_goods(tok):
                phrases = self._phrases(tok)
            opens_list = bool(phrases) or tok.lemma_.lower() in GENERIC_GOODS
            queue.extend(
                (g, opens_list)
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ in {"including", "like"}
                for g in c.children
                if g.dep_ == "pobj"
            )
            uses = self._purpose_phrases(tok)
            queue.extend((t, False) for t in self._stray_items(tok))
            items.extend((phrase, uses) for phrase in phrases)
        return items

    def _is_listed_goods(self, tok: Token) -> bool:
        """A common noun in a list of goods: not a name, a date or an amount."""
        return tok.pos_ == "NOUN" and not tok.ent_type_ and tok.lower_ not in QUANTIFIERS

    def _stray_items(self, tok: Token) -> list[Token]:
        """Goods the parser coordinated into a purpose phrase: 'engines for drones and turbojets for missiles'."""
        out = []
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in _PURPOSE_PREPS:
                for obj in prep.children:
                    for conj in obj.conjuncts:
                        phrase = " ".join(
                            t.text for t in conj.subtree if t.i <= conj.i and t.dep_ != "cc"
                        )
                        if (
                            self.gaz.category(phrase)
                            and not self.gaz.end_use(phrase)
                            and conj.i > obj.i
                        ):
                            out.append(conj)
        return out

    def _np_phrases(self, head: Token) -> list[Token]:
        heads = [head]
        for c in head.children:
            if c.dep_ == "conj":
                heads.extend(self._np_phrases(c))
            if c.dep_ == "prep" and c.lower_ in {"including", "like", "as", "in"}:
                for g in c.children:
                    if g.dep_ == "pobj":
                        heads.extend(self._np_phrases(g))
        return heads

    def _end_uses_of(self, head: Token) -> list[str]:
        out = []
        for tok in self._np_phrases(self._item_head(head)):
            mods = [
                t
                for t in tok.lefts
                if t.dep_ in {"compound", "amod", "nmod"} and not self._is_country_word(t)
            ]
            words = [t.text for t in mods] + [tok.text]
            tail = [t.text for t in tok.rights if t.dep_ == "compound"]
            phrase = " ".join(words + tail)
            if self.gaz.end_use(phrase):
                out.append(phrase)
            elif tok.lemma_.lower() in WAR_NOUNS:
                # "its invasion of Ukraine", "the war in Ukraine": the war as the end use
                place = [
                    f"{c.text} {g.text}"
                    for c in tok.children
                    if c.dep_ == "prep" and c.lower_ in {"of", "in", "against", "on"}
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
                phrase = " ".join([tok.text, *place[:1]])
                if self.gaz.end_use(phrase):
                    out.append(phrase)
        return out

    def _recipient_uses(self, nouns: list[Token]) -> list[str]:
        """End uses named with the recipient: 'to Russia's military-industrial complex', 'to a
        drone manufacturer' (drones)."""
        out = []
        for noun in nouns:
            whole = self._end_uses_of(noun)
            out.extend(whole)
            if not whole and noun.lemma_.lower() in PRODUCERS | DESCRIPTORS:
                out.extend(
                    c.text
                    for c in noun.lefts
                    if c.dep_ in {"compound", "nmod"} and self.gaz.end_use(c.text)
                )
        return out

    def _purpose_phrases(self, tok: Token) -> list[str]:
        """End uses stated for a token: 'for cruise missiles', 'for use in ... tanks', 'to make X'."""
        uses: list[str] = []
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in _PURPOSE_PREPS:
                for obj in (g for g in child.children if g.dep_ == "pobj"):
                    if obj.lemma_.lower() == "use":
                        for p in obj.children:
                            if p.dep_ == "prep":
                                for g in p.children:
                                    if g.dep_ == "pobj":
                                        uses.extend(self._end_uses_of(g))
                        for p in obj.subtree:
                            if p.lower_ == "including":
                                for g in p.children:
                                    if g.dep_ == "pobj":
                                        uses.extend(self._end_uses_of(g))
                    else:
                        uses.extend(self._end_uses_of(obj))
            elif child.dep_ in {"xcomp", "advcl", "relcl", "acl"} and any(
                a.lower_ == "to" for a in child.children if a.dep_ == "aux"
            ):
                uses.extend(self._verb_purpose(child))
            elif child.dep_ == "relcl" and child.lemma_.lower() == "use":
                for g in child.children:
                    if g.dep_ in {"xcomp", "advcl"}:
                        uses.extend(self._verb_purpose(g))
        return list(dict.fromkeys(uses))

    def _verb_purpose(self, verb: Token) -> list[str]:
        out = []
        for child in verb.children:
            if child.dep_ in {"dobj", "pobj", "attr"}:
                out.extend(self._end_uses_of(child))
            elif child.dep_ == "prep":
                out.extend(
                    u for g in child.children if g.dep_ == "pobj" for u in self._end_uses_of(g)
                )
        if not out and verb.lemma_.lower() in MAKING | {"boost", "increase", "expand", "ramp"}:
            for child in verb.children:
                if child.dep_ in {"xcomp", "ccomp"}:
                    out.extend(self._verb_purpose(child))
        return out

    def _verb_list(self, verb: Token) -> list[Token]:
        """'shipping arms to Ruritania, including powder and shells': the list members.

        The parser often hangs a clause-final list on the noun the clause modifies
        ("information that China is supplying weapons ..., including X"); that counts too.
        """
        owners = [verb]
        if verb.dep_ in {"acl", "relcl"}:
            owners.append(verb.head)
        return [
            g
            for owner in owners
            for c in owner.children
            if c.dep_ == "prep" and c.lower_ == "including" and c.i > verb.i
            for g in c.children
            if g.dep_ == "pobj"
        ]

    def _antecedent_goods(self, verb: Token) -> list[Token]:
        """The goods a relative clause is about: '... the flow of chips to Russia — technology
        that officials say China is supplying to Moscow' -> chips."""
        tok = verb
        for _ in range(4):
            if tok.dep_ == "relcl":
                break
            if tok.dep_ not in {"ccomp", "xcomp", "conj"} or tok.head.i == tok.i:
                return []
            tok = tok.head
        else:
            return []
        pronouns = [
            t for t in tok.subtree if t.lower_ in {"that", "which"} and t.dep_ in {"dobj", "mark"}
        ]
        if not pronouns:
            return []
        noun = tok.head
        heads = [noun]
        doc = noun.doc
        if noun.dep_ == "appos":
            heads.insert(0, noun.head)
        first = min(t.i for t in noun.subtree if not t.is_punct)
        if noun.dep_ != "appos" and first > 0 and doc[first - 1].text in {"—", "–", "-", ","}:
            # "... the flow of chips to Russia — technology that ...": the parser may not see
            # the apposition; the nearest supply noun before the dash is what it restates
            earlier = [
                t
                for t in doc[noun.sent.start : first]
                if t.lower_ in NOMINAL_FORWARD | NOMINAL_BACKWARD
            ]
            if earlier:
                heads.insert(0, earlier[-1])
        out: list[Token] = []
        for head in heads:
            if head.lower_ in NOMINAL_FORWARD | NOMINAL_BACKWARD:
                out.extend(
                    g
                    for c in head.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children
                    if g.dep_ == "pobj"
                )
            elif not out:
                out.append(head)
        return out

    def _described_goods(self, suppliers: list[Party], doc: Doc) -> list[Token]:
        """'X, a leading Chinese maker of machine tools, ...' -> the goods X makes."""
        heads: list[Token] = []
        for party in suppliers:
            for appos in (c for c in party.head(doc).children if c.dep_ == "appos"):
                for tok in appos.subtree:
                    if tok.lemma_.lower() in PRODUCERS:
                        heads.extend(
                            c
                            for c in tok.lefts
                            if c.dep_ in {"compound", "nmod"} and c.pos_ == "NOUN"
                        )
                        heads.extend(
                            g
                            for c in tok.children
                            if c.dep_ == "prep" and c.lower_ == "of"
                            for g in c.children
                            if g.dep_ == "pobj"
                        )
        return heads
