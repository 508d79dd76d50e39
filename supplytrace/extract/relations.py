"""Supply statements from dependency parses: who supplies what to whom, for which use.

A statement is anchored on a supply word: a forward verb ("supply", "ship", "provide"), a
backward verb whose subject receives ("receive", "import", "procure"), "come from", a
nominal form ("imports from", "shipments to", "provision of"), or help/arm/equip with goods
as the means. The roles are read off the parse around it, with surface fallbacks where the
small model's parse is unreliable (long proper names, lists).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from supplytrace.extract.gazetteer import Gazetteer
from supplytrace.extract.mentions import Party
from supplytrace.extract.products import Products

FORWARD = {
    "supply",
    "provide",
    "ship",
    "export",
    "sell",
    "deliver",
    "send",
    "transfer",
    "furnish",
    "give",
    "smuggle",
    "funnel",
    "channel",
    "re-export",
    "reexport",
    "resell",
    "offer",
    "pass",
    "transship",
    "divert",
    "route",
}
BACKWARD = {
    "receive",
    "import",
    "obtain",
    "procure",
    "acquire",
    "buy",
    "purchase",
    "source",
    "get",
    "order",
}
MEANS = {"help", "support", "back", "arm", "equip", "assist", "aid", "fuel", "boost"}
NOMINAL_FORWARD = {
    "export",
    "exports",
    "shipment",
    "shipments",
    "supply",
    "supplies",
    "delivery",
    "deliveries",
    "sale",
    "sales",
    "provision",
    "transfer",
    "transfers",
    "flow",
    "flows",
}
# Trade nouns that mean goods moving even when no goods are named ("imports from the PRC").
TRADE_NOUNS = {"imports", "exports", "shipments", "deliveries"}
NOMINAL_BACKWARD = {"import", "imports", "purchase", "purchases", "procurement", "acquisition"}
GENERIC_GOODS = {
    "good",
    "goods",
    "item",
    "product",
    "equipment",
    "component",
    "part",
    "material",
    "technology",
    "hardware",
    "tool",
    "device",
    "system",
    "supply",
    "machinery",
}
# Goods words that stand alone as what a supply verb moves ("exported goods to Russia").
BARE_GOODS = {
    "goods",
    "products",
    "items",
    "equipment",
    "components",
    "parts",
    "hardware",
    "materials",
    "machinery",
    "technology",
    "technologies",
}
AGREEMENTS = {"contract", "deal", "agreement"}
WAR_NOUNS = {"war", "invasion", "aggression", "offensive", "campaign"}
CONSIGNMENTS = {"shipment", "shipments", "consignment", "consignments", "delivery", "deliveries"}
USING = {"use", "employ", "incorporate", "install", "fit", "rely"}
SHARE_VERBS = {"account", "make", "represent", "comprise", "constitute", "form", "supply"}
ASPECTUAL = {"begin", "start", "continue", "keep", "resume"}
# Nouns that describe a firm by what it does ("a drone manufacturer", "weapons maker X").
DESCRIPTORS = {
    "manufacturer",
    "maker",
    "producer",
    "company",
    "firm",
    "plant",
    "factory",
    "enterprise",
    "contractor",
    "developer",
    "builder",
}
# Definite descriptions that refer back to a named party ("the company signed ...").
REFERRING_NOUNS = {"company", "firm", "manufacturer", "maker", "producer", "supplier", "plant"}
PRODUCERS = {"manufacturer", "maker", "producer", "supplier", "exporter", "vendor", "distributor"}
# Nouns naming a party by what it supplies: "suppliers of chips to Russia", "Chinese drone-parts vendors".
SUPPLIER_NOUNS = {
    "supplier",
    "exporter",
    "vendor",
    "distributor",
    "provider",
    "shipper",
    "reseller",
}
# Heads that make a party the actor of a supply noun: "entities involved in the supply of X".
PARTICIPATING = {
    "involve",
    "engage",
    "participate",
    "specialise",
    "specialize",
    "implicate",
    "active",
    "complicit",
    "responsible",
    "role",
}
MAKING = {"make", "manufacture", "produce", "build", "design", "develop"}
QUANTIFIERS = {
    "amount",
    "amounts",
    "quantity",
    "quantities",
    "lot",
    "lots",
    "number",
    "numbers",
    "range",
    "kind",
    "kinds",
    "type",
    "types",
    "variety",
    "batch",
    "batches",
    "%",
    "percent",
    "share",
    "array",
    "volume",
    "volumes",
    "set",
    "sets",
    "bulk",
    "majority",
    "part",
    "portion",
    "worth",
    "value",
    "class",
    "category",
    "categories",
    "one",
    "some",
    "most",
    "much",
    "all",
    "per",
    "cent",
    "hundreds",
    "thousands",
    "millions",
    "dozens",
    "million",
    "billion",
    "thousand",
}
_DROP_MODIFIERS = {
    "large",
    "key",
    "critical",
    "vital",
    "other",
    "various",
    "significant",
    "huge",
    "substantial",
    "such",
    "more",
    "new",
    "additional",
    "important",
    "certain",
    "many",
    "several",
    "unspecified",
    "much",
    "needed",
    "crucial",
}
_PURPOSE_PREPS = {"for"}
_NOT_ARGUMENTS = {
    "prep",
    "advcl",
    "advmod",
    "ccomp",
    "mark",
    "punct",
    "aux",
    "auxpass",
    "neg",
    "parataxis",
    "npadvmod",
    "cc",
    "intj",
    "dep",
}


def _sentence_end(doc: Doc, start: int) -> int:
    """End of the sentence that starts at token ``start`` (``start`` itself past the end)."""
    return doc[start].sent.end if start < len(doc) else start


def _is_gloss(conj: Token) -> bool:
    """'numerical control items, or machine tools, to Russia': a restatement, not more goods."""
    doc = conj.doc
    ors = [
        c
        for c in conj.head.children
        if c.dep_ == "cc" and c.lower_ == "or" and conj.head.i < c.i < conj.i
    ]
    if not ors or doc[ors[-1].i - 1].text != ",":
        return False
    after = conj.right_edge.i + 1
    return after < len(doc) and doc[after].text in {",", "—", "–", ")"}


def _dash_between(a: Token, b: Token) -> bool:
    """'the Russian military – Reuters': a dash sets off an attribution, not an apposition."""
    lo, hi = sorted((a.i, b.i))
    return any(t.text in {"-", "–", "—"} for t in a.doc[lo:hi])


@dataclass
class RawClaim:
    """Roles of one supply statement, as token-level findings before naming."""

    trigger: Token
    suppliers: list[Party] = field(default_factory=list)
    recipients: list[Party] = field(default_factory=list)
    items: list[tuple[str, list[str]]] = field(default_factory=list)  # (phrase, end-use phrases)
    end_uses: list[str] = field(default_factory=list)
    supplier_pronoun: Token | None = None


class RelationFinder:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.products = Products()  # the named products of the document being read
        self.doc_parties: list[Party] = []  # all parties of that document

    # ------------------------------------------------------------------ parties
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
        """'to a state-owned drone manufacturer in Russia' -> the firm the next (or previous)
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
        out = []
        for tok in tokens:
            text = tok.text
            country = self.gaz.country_of_adjective(text) or self.gaz.country(text)
            if not country and text.endswith("s"):
                country = self.gaz.country_of_adjective(text[:-1])
            if country and tok.pos_ in {"ADJ", "PROPN", "NOUN"}:
                out.append(Party(tok.i, tok.i + 1, country, "country", country))
        return out

    # ------------------------------------------------------------------ items
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
            and not any(
                p.start <= t.i < p.end and p.kind != "group"
                for t in m.subtree
                for p in self.doc_parties
            )
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

    # ------------------------------------------------------------------ end uses
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

    # ------------------------------------------------------------------ triggers
    def find(
        self,
        sent: Span,
        parties: list[Party],
        products: Products | None = None,
        doc_parties: list[Party] | None = None,
    ) -> list[RawClaim]:
        self.products = products or Products()
        self.doc_parties = doc_parties if doc_parties is not None else parties
        claims = []
        for tok in sent:
            lemma = tok.lemma_.lower()
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
            if raw and raw.items and (raw.suppliers or raw.supplier_pronoun is not None):
                claims.append(raw)
        return claims

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

    def _subject(self, verb: Token) -> Token | None:
        tok = verb
        for _ in range(4):
            for child in tok.children:
                if child.dep_ in {"nsubj", "nsubjpass", "csubj"}:
                    if child.lower_ in {"that", "which", "who"} and tok.dep_ in {"relcl", "acl"}:
                        return tok.head  # the relative pronoun stands for the noun
                    return child
            if tok.dep_ in {"conj", "xcomp", "advcl", "pcomp"} and tok.head.i != tok.i:
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

    def _verb_list(self, verb: Token) -> list[Token]:
        """'supplying weapons to Russia, including gunpowder and artillery': the list members.

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
        """'X, one of China's leading machine tool manufacturers, ...' -> the goods X makes."""
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
        """'X accounted for / made up 57 per cent of Russian imports' -> X."""
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
                if child.lower_ == "of":
                    heads.extend(objs)
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
