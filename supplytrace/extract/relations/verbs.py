"""Statements anchored on a verb: supply, receive, come from, help with, use X made by Y."""

from __future__ import annotations

from spacy.tokens import Span, Token

from supplytrace.extract.mentions import Party
from supplytrace.extract.relations.goods import GoodsRules
from supplytrace.extract.relations.parties import RawClaim
from supplytrace.extract.relations.words import (
    ASPECTUAL,
    FORWARD,
    NOMINAL_BACKWARD,
    PART_NOUNS,
)


class VerbRules(GoodsRules):
    """Roles around supply verbs, with word-order fallbacks where the parse fails."""

    def _found_in(self, verb: Token, parties: list[Party]) -> RawClaim:
        """'Ukraine found North Korean components in Russian missiles': the goods' country
        supplied the weapons' owner, for those weapons."""
        raw = RawClaim(verb)
        objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        if verb.dep_ in {"acl", "relcl"}:
            objects.append(verb.head)  # "components found in ..."
        places = [
            g
            for h in [verb, *objects]
            for c in h.children
            if c.dep_ == "prep" and c.lower_ in {"in", "inside", "aboard"}
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if not objects or not places:
            return raw
        for head in objects:
            raw.suppliers = self._made_by(head, parties) or self._country_words(
                [t for t in head.subtree if t.i < head.i and t.dep_ in {"amod", "compound", "nmod"}]
            )
            if raw.suppliers:
                raw.items = self._items_from([head], parties, objects=True)
                break
        weapon = places[0]
        raw.recipients = self._parties_in(weapon, parties) or self._country_words(
            [t for t in weapon.subtree if t.i < weapon.i]
        )
        raw.end_uses = self._end_uses_of(weapon)
        if not raw.end_uses:
            raw.items = []  # found in something that is not a weapon: not a supply statement
        return raw

    def _parts_include(self, verb: Token, parties: list[Party]) -> RawClaim:
        """'The foreign-made parts of the drone include its engine and its radio': the
        maker's country supplies the listed parts to whoever makes the drone."""
        raw = RawClaim(verb)
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lemma_.lower() not in PART_NOUNS:
            return raw
        raw.suppliers = self._made_by(subj, parties) or self._country_words(
            [t for t in subj.subtree if t.i < subj.i]
        )
        wholes = [
            g
            for c in subj.children
            if c.dep_ == "prep" and c.lower_ in {"of", "in", "for"}
            for g in c.children
            if g.dep_ == "pobj"
        ]
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if not wholes or not objects or not raw.suppliers:
            return raw
        whole = wholes[0]
        raw.items = self._items_from(objects, parties, members=True)
        raw.recipients = self._parties_in(whole, parties) or self._country_words(
            [t for t in whole.subtree if t.i < whole.i]
        )
        if not raw.recipients:
            raw.product = whole
        raw.end_uses = self._end_uses_of(whole)
        if not raw.end_uses and self.products.of(whole):
            raw.end_uses = [self.products.render(whole)]
        return raw

    def _using(self, verb: Token, parties: list[Party]) -> list[RawClaim]:
        """'Kupol builds the drone using engines made by X' -> X supplies the engines to Kupol.
        Only goods with a named maker count: using something is not proof of who sold it."""
        # "X builds the drone using ...": the user is the subject of the main clause
        main = verb
        if verb.dep_ == "advcl":
            main = verb.head
        elif verb.dep_ == "acl" and verb.head.head.pos_ in {"VERB", "AUX"}:
            main = verb.head.head  # "builds the Kopyo-2 using ...", parsed onto the object
        subj = self._subject(main)
        if subj is None:
            return []
        users = self._parties_in(subj, parties) or self._country_words([subj])
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        heads = (
            objects
            + [
                g
                for o in objects
                for c in o.children
                if c.dep_ == "prep" and c.lower_ in {"including", "like"}
                for g in c.children
                if g.dep_ == "pobj"
            ]
            + self._verb_list(verb)
        )
        out = []
        for head in heads:
            makers = [
                p for p in self._made_by(head, parties) if p.name not in {u.name for u in users}
            ]
            items = self._items_from([head], parties, objects=True)[:1]
            if makers and items and users:
                raw = RawClaim(verb, suppliers=makers, recipients=users, items=items)
                raw.end_uses = self._purpose_phrases(verb)
                out.append(raw)
        return out

    def _surface_forward(self, tok: Token, sent: Span, parties: list[Party]) -> RawClaim | None:
        """'A Co Ltd and B Ltd supply optical parts to X': word order, for when the parse fails."""
        doc = tok.doc
        ends = {p.end: p for p in parties}
        cursor = tok.i
        while cursor - 1 >= sent.start and (
            (doc[cursor - 1].pos_ in {"AUX", "ADV", "PART"} and doc[cursor - 1].lower_ != "to")
            or doc[cursor - 1].lemma_.lower() in ASPECTUAL  # "X began supplying"
        ):
            cursor -= 1
        suppliers: list[Party] = []
        while cursor in ends:
            party = ends[cursor]
            suppliers.insert(0, party)
            cursor = party.start
            while cursor - 1 >= sent.start and (
                doc[cursor - 1].text == "," or doc[cursor - 1].lower_ in {"and", "or", "as"}
            ):
                cursor -= 1
            if (
                doc[cursor].lower_ == "as"
                and cursor - 1 >= sent.start
                and doc[cursor - 1].lower_ == "such"
            ):
                cursor -= 1
        if not suppliers:
            return None
        named = [p for p in suppliers if p.kind == "org"]
        raw = RawClaim(tok, suppliers=named or suppliers)
        starts = {p.start: p for p in parties}
        heads: list[Token] = []
        i = tok.i + 1
        while (
            i < sent.end
            and doc[i].dep_ != "punct"
            and not (doc[i].pos_ == "VERB" and doc[i].tag_ != "VBN")
        ):
            word = doc[i]
            if word.lower_ == "to" and i + 1 < sent.end:
                j = i + 1 + (doc[i + 1].lower_ == "the")
                if j in starts:
                    raw.recipients.append(starts[j])
                    i = starts[j].end
                    continue
                objs = [c for c in word.children if c.dep_ == "pobj"]
                noun = objs[0] if objs else None
                if noun is not None:
                    raw.recipients.extend(
                        self._described_party(noun, parties)
                        or self._country_words([noun, *noun.lefts])
                        + self._located_in(noun, parties)
                    )
                break
            if word.pos_ == "ADP" and word.lower_ != "of":
                break
            nxt = doc[i + 1] if i + 1 < sent.end else None
            if word.pos_ in {"NOUN", "PROPN"} and not (
                nxt is not None and nxt.pos_ in {"NOUN", "PROPN"}
            ):
                heads.append(word)
            i += 1
        raw.items = []
        for head in heads:
            uses = self._purpose_phrases(head) + self._purpose_phrases(tok.head)
            for phrase in self._phrases(head):
                if self._is_goods(head, phrase):
                    raw.items.append((phrase, uses))
        return raw if raw.items else None

    def _verb_like(self, tok: Token) -> bool:
        """The small model tags 'supply' in 'firms supply parts' as a noun; objects reveal the verb."""
        return any(c.dep_ in {"dobj", "nsubj", "dative"} for c in tok.children) and not any(
            c.dep_ == "det" for c in tok.children
        )

    def _objects(self, verb: Token, parties: list[Party]) -> tuple[list[Token], list[Party]]:
        """(item heads, recipient parties) among a forward verb's objects."""
        items: list[Token] = []
        recipients: list[Party] = []
        # "supplies Russia with X", also when the parser hangs 'with X' on the recipient
        holders = [verb] + [
            c for c in verb.children if c.dep_ == "dobj" and self._party_at(c, parties)
        ]
        with_objs = [
            g
            for h in holders
            for c in h.children
            if c.dep_ == "prep" and c.lower_ == "with"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        for child in verb.children:
            if (
                child.dep_ in {"dobj", "nsubjpass"}
                and child.dep_ != "nsubjpass"
                or (child.dep_ == "nsubjpass" and verb.lemma_.lower() in FORWARD)
            ):
                found = self._parties_in(child, parties)
                if with_objs and not found:
                    found = self._country_words([child, *child.lefts])
                if found and (with_objs or self._party_at(child, parties)):
                    recipients.extend(found)
                else:
                    items.append(child)
            elif child.dep_ in {"dative", "prep"} and child.lower_ in {"to", "for"}:
                for g in child.children:
                    if g.dep_ == "pobj":
                        shifted = (
                            self._shifted_recipient(g, parties) if child.lower_ == "to" else []
                        )
                        if shifted:
                            # "furnishing to the Russian Federation machine tools and chips"
                            recipients.extend(shifted)
                            items.append(g)
                            continue
                        found = self._parties_in(g, parties) or (
                            self._described_party(g, parties)
                            or self._country_words([g, *g.lefts]) + self._located_in(g, parties)
                            if child.lower_ == "to"
                            else []
                        )
                        if found:
                            recipients.extend(found)
                        elif child.lower_ == "to" and self._anyone(g):
                            recipients.append(
                                Party(g.i, g.i + 1, " ".join(t.text for t in g.subtree), "other")
                            )
            elif child.dep_ == "dative":
                found = self._parties_in(child, parties)
                if found:
                    recipients.extend(found)
                elif self.gaz.is_goods_head(child.lemma_):
                    items.append(child)  # "sold ball bearings worth $2 million to X", misparsed
        items.extend(with_objs)
        if items and not recipients:
            # "... worth $2 million to the tank maker X": a 'to' hung inside the goods phrase
            for tok in (t for o in items for t in o.subtree):
                if tok.dep_ == "prep" and tok.lower_ == "to":
                    for g in (c for c in tok.children if c.dep_ == "pobj"):
                        recipients.extend(
                            self._parties_in(g, parties) or self._described_party(g, parties)
                        )
        return items, recipients

    def _forward(self, verb: Token, parties: list[Party]) -> RawClaim:
        raw = RawClaim(verb)
        items, recipients = self._objects(verb, parties)
        passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children) or (
            verb.tag_ == "VBN"
            and verb.dep_ in {"acl", "relcl"}
            and not any(c.dep_ == "aux" for c in verb.children)  # "that has shipped"
        )
        headline = self._headline_subject(verb, parties)
        if headline is not None:
            # "Chinese Engines Shipped to ...": a headline drops the auxiliary of a passive
            passive = True
            items.append(headline)
            raw.suppliers = self._made_by(headline, parties) or self._country_words(
                list(headline.lefts)
            )
        if passive:
            for child in verb.children:
                if child.dep_ == "agent":
                    raw.suppliers = [
                        p
                        for g in child.children
                        if g.dep_ == "pobj"
                        for p in self._parties_in(g, parties)
                    ]
            if verb.dep_ in {"acl", "relcl"}:
                items.append(verb.head)
            if not raw.suppliers:
                for head in items:
                    raw.suppliers = self._made_by(head, parties)
                    if raw.suppliers:
                        break
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
                    raw.suppliers = raw.suppliers or [
                        p for g in child.children for p in self._parties_in(g, parties)
                    ]
        else:
            self._suppliers(verb, parties, raw)
        if not items:
            items = self._antecedent_goods(verb)
        raw.items = self._items_from(items, parties, objects=True)
        if raw.items:
            raw.items += self._items_from(self._verb_list(verb), parties, members=True)
        if not raw.items and not items:
            raw.items = self._items_from(self._described_goods(raw.suppliers, verb.doc), parties)
        raw.recipients = recipients
        raw.end_uses = self._purpose_phrases(verb) + self._recipient_uses(
            [
                g
                for c in verb.children
                if c.dep_ in {"prep", "dative"} and c.lower_ == "to"
                for g in c.children
                if g.dep_ == "pobj"
            ]
        )
        return raw

    def _headline_subject(self, verb: Token, parties: list[Party]) -> Token | None:
        """The goods subject of a bare participle ("Engines Shipped as ..."), if that is what
        the verb has."""
        if verb.tag_ != "VBN" or any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
            return None
        for child in verb.children:
            if (
                child.dep_ == "nsubj"
                and self._party_at(child, parties) is None
                and self.gaz.is_goods_head(child.lemma_)
            ):
                return child
        return None

    def _backward(self, verb: Token, parties: list[Party]) -> RawClaim:
        raw = RawClaim(verb)
        subj = self._subject(verb)
        items = [c for c in verb.children if c.dep_ == "dobj"]
        if subj is not None and subj.dep_ == "nsubjpass":
            # "the radar modules were procured from X": the subject is what moved
            items.append(subj)
        elif subj is not None:
            raw.recipients = self._parties_in(subj, parties) or self._country_words(
                [t for t in subj.subtree if t.i <= subj.i]
            )
        sources = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"from", "via"}]
        # "procured components from X": the parser often hangs the source on the goods
        sources += [
            c
            for o in items
            for c in o.children
            if c.dep_ == "prep" and c.lower_ == "from" and not self._party_at(o, parties)
        ]
        for child in sources:
            raw.suppliers = raw.suppliers or [
                p for g in child.children for p in self._parties_in(g, parties)
            ]
        if not raw.suppliers:
            for head in [*items, *(t for t in verb.subtree if t.i > verb.i and t.pos_ == "NOUN")]:
                raw.suppliers = self._made_by(head, parties)
                if raw.suppliers:
                    break
        if not raw.suppliers:
            # "Russian arms makers are buying Chinese nitrocellulose": the goods' country
            recipients = {p.name for p in raw.recipients}
            raw.suppliers = [
                p
                for head in items
                for p in self._country_words(
                    [t for t in head.lefts if t.dep_ in {"amod", "compound"}]
                )
                if p.name not in recipients
            ][:1]
        raw.items = self._items_from(items, parties)
        raw.end_uses = self._purpose_phrases(verb)
        return raw

    def _come_from(self, verb: Token, parties: list[Party]) -> RawClaim:
        raw = RawClaim(verb)
        subj = self._subject(verb)
        for child in verb.children:
            if child.lower_ == "from":
                raw.suppliers = [p for g in child.children for p in self._parties_in(g, parties)]
        if subj is not None:
            head = self._item_head(subj)
            if head.lower_ in NOMINAL_BACKWARD:
                raw.recipients = self._country_words(list(head.lefts)) or [
                    p
                    for c in head.children
                    if c.dep_ == "poss"
                    for p in self._parties_in(c, parties)
                ]
                heads = [
                    c
                    for c in head.lefts
                    if c.dep_ in {"compound", "nmod"} and not self._is_country_word(c)
                ]
                raw.items = self._items_from(heads, parties)
            else:
                raw.items = self._items_from([subj], parties)
        raw.end_uses = self._purpose_phrases(verb) + [
            u for p in raw.suppliers for u in self._purpose_phrases(p.head(verb.doc))
        ]
        return raw

    def _means(self, verb: Token, parties: list[Party]) -> RawClaim:
        """'helping Moscow ... through large amounts of machine tools': the goods are supplied."""
        raw = RawClaim(verb)
        means = [
            g
            for c in verb.subtree
            if c.dep_ == "prep"
            and c.lower_ in {"through", "with"}
            and c.head.i in {verb.i, *[x.i for x in verb.children]}
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if not means:
            return raw
        self._suppliers(verb, parties, raw)
        raw.recipients = [
            p for c in verb.children if c.dep_ == "dobj" for p in self._parties_in(c, parties)
        ]
        raw.items = self._items_from(means, parties)
        return raw
