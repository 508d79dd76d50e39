"""High-recall candidates: every (supplier, recipient-or-none) pair a sentence could state, and
every goods phrase that could be what moves between them.

Nothing here decides. Parties come from the mention finder (names, the gazetteer, demonym
groups), from country adjectives ("the Russian military") and, when the sentence refers back
("the company", "it"), from the previous sentence. Goods are the sentence's noun phrases; the
goods taxonomy is a feature of them, not a gate. The rule finder's statements are kept as the
``cues`` that proposed a pair, so the rules become evidence for the learned scorer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from supplytrace.extract.claims import readable, sentence_chunks, sentence_ents
from supplytrace.extract.mentions import Party, parties_per_sentence
from supplytrace.extract.relations import RawClaim
from supplytrace.extract.relations.words import (
    AGREEMENTS,
    BACKWARD,
    CONTAINING,
    FINDING,
    FORWARD,
    MAKING,
    MEANS,
    NOMINAL_BACKWARD,
    NOMINAL_FORWARD,
    SUPPLIER_NOUNS,
    USING,
)
from supplytrace.goods.gazetteer import Gazetteer

# Words that can carry a supply statement, by lemma. Broad on purpose: the scorer weighs them.
CUES = (
    FORWARD
    | BACKWARD
    | NOMINAL_FORWARD
    | NOMINAL_BACKWARD
    | SUPPLIER_NOUNS
    | AGREEMENTS
    | USING
    | FINDING
    | CONTAINING
    | MEANS
    | MAKING
    | {
        "come",
        "origin",
        "originate",
        "package",
        "pledge",
        "approve",
        "assistance",
        "donate",
        "donation",
        "commit",
        "dispatch",
        "trade",
        "transit",
        "seller",
        "buyer",
        "customer",
        "client",
        "hand",
        "lease",
        "loan",
        "importer",
        "made",
        "produced",
        "manufactured",
        "sourced",
        "shipping",
        "supplying",
        "deny",
        "circumvent",
        "evade",
        "reject",
        "refute",
        "dismiss",
        "allegation",
        "accusation",
        "accuse",
        "worth",
    }
)
ANAPHORS = {
    "it",
    "they",
    "its",
    "their",
    "company",
    "companies",
    "firm",
    "firms",
    "manufacturer",
    "maker",
    "entity",
    "entities",
    "supplier",
    "suppliers",
    "country",
    "network",
}
_MAX_MENTIONS_PER_NAME = 2


@dataclass(frozen=True)
class Slot:
    """A party in a candidate, with where it came from: a mention, an adjective, the previous
    sentence."""

    party: Party
    source: str  # "mention" | "adjective" | "entity" | "previous" | "document"

    @property
    def name(self) -> str:
        return self.party.name

    @property
    def kind(self) -> str:
        return "country" if self.party.kind == "group" else self.party.kind


@dataclass(frozen=True)
class Goods:
    """A goods phrase over tokens ``start``..``end`` whose head is ``root``."""

    start: int
    end: int
    root: int
    text: str
    category: str | None
    group: int  # the token that heads its coordination ("tools, chips and optics": one group)


def _coordination_head(tok: Token) -> int:
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.i


@dataclass
class Sentence:
    """One sentence with everything candidates are drawn from."""

    span: Span
    index: int  # the sentence's number in its document
    slots: list[Slot]
    goods: list[Goods]
    cues: list[Token]
    rules: list[RawClaim]
    pairs: list[tuple[Slot, Slot | None]] = field(default_factory=list)
    # per-sentence results reused by every pair (nearest cue of a token, stance of a cue)
    memo: dict[tuple[str, int], Any] = field(default_factory=dict)


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def cue_tokens(sent: Span) -> list[Token]:
    return [t for t in sent if _lemma(t) in CUES or t.lower_ in CUES]


def adjective_slots(sent: Span, parties: list[Party], gaz: Gazetteer) -> list[Slot]:
    """Country adjectives outside any party: "the Russian military", "Iranian drones"."""
    covered = {i for p in parties for i in range(p.start, p.end)}
    out = []
    for tok in sent:
        if tok.i in covered or tok.pos_ not in {"ADJ", "PROPN", "NOUN"}:
            continue
        country = gaz.country_of_adjective(tok.text)
        if country:
            out.append(Slot(Party(tok.i, tok.i + 1, country, "country", country), "adjective"))
    return out


def goods_phrases(sent: Span, parties: list[Party], gaz: Gazetteer) -> list[Goods]:
    """The sentence's noun phrases that are not parties, from the first content word."""
    party_tokens = {i for p in parties for i in range(p.start, p.end)}
    out = []
    for chunk in sentence_chunks(sent):
        root = chunk.root
        if root.i in party_tokens or root.pos_ == "PRON" or root.like_num:
            continue
        start = chunk.start
        while start < root.i and (
            chunk.doc[start].pos_ in {"DET", "PRON", "NUM", "PUNCT"}
            or chunk.doc[start].i in party_tokens
            or chunk.doc[start].tag_ == "POS"
        ):
            start += 1
        span = chunk.doc[start : chunk.end]
        text = span.text.strip(" ,;:\"'“”")
        if not text or not any(c.isalpha() for c in text):
            continue
        category = gaz.category(text)
        out.append(
            Goods(
                start,
                chunk.end,
                root.i,
                text,
                category.id if category else None,
                _coordination_head(root),
            )
        )
    return out


def entity_slots(sent: Span, taken: list[Party]) -> list[Slot]:
    """People and named groups the mention finder leaves out ("Maxim Teslenko", "Houthis")."""
    covered = {i for p in taken for i in range(p.start, p.end)}
    out = []
    for ent in sentence_ents(sent):
        if any(i in covered for i in range(ent.start, ent.end)):
            continue
        if ent.label_ == "PERSON" and len(ent) >= 2:
            out.append(Slot(Party(ent.start, ent.end, ent.text, "person"), "entity"))
        elif ent.label_ in {"NORP", "ORG"} and ent.text[:1].isupper():
            out.append(
                Slot(Party(ent.start, ent.end, ent.text.removeprefix("the "), "org"), "entity")
            )
    return out


def document_countries(parties: list[Party], top: int = 2) -> list[Party]:
    """The countries a document names most: the recipient a sentence may leave implicit."""
    counts: dict[str, list[Party]] = {}
    for p in parties:
        if p.kind in {"country", "group"}:
            counts.setdefault(p.name, []).append(p)
    ranked = sorted(counts.items(), key=lambda kv: (-len(kv[1]), kv[1][0].start))
    return [mentions[0] for _, mentions in ranked[:top]]


def _trim_mentions(slots: list[Slot]) -> list[Slot]:
    """At most two mentions of one name: the sentence's first ones."""
    seen: dict[str, int] = {}
    out = []
    for slot in slots:
        seen[slot.name] = seen.get(slot.name, 0) + 1
        if seen[slot.name] <= _MAX_MENTIONS_PER_NAME:
            out.append(slot)
    return out


def sentences(
    doc_sents: list[Span],
    parties: list[Party],
    rules: list[list[RawClaim]],
    gaz: Gazetteer,
) -> list[Sentence]:
    """Candidate sentences of a document: those with a cue word or a rule statement."""
    out = []
    previous: list[Slot] = []
    main = document_countries(parties)
    per_sentence = parties_per_sentence(doc_sents, parties)
    for index, sent in enumerate(doc_sents):
        own = [Slot(p, "mention") for p in per_sentence[index]]
        cues = cue_tokens(sent) if readable(sent) else []
        if cues or rules[index]:
            slots = own + adjective_slots(sent, [s.party for s in own], gaz)
            slots += entity_slots(sent, [s.party for s in slots])
            names = {s.name for s in slots}
            if any(t.lower_ in ANAPHORS for t in sent):
                slots += [
                    Slot(s.party, "previous")
                    for s in previous
                    if s.name not in names and s.source in {"mention", "entity"}
                ]
                names = {s.name for s in slots}
            recipients_only = [Slot(p, "document") for p in main if p.name not in names]
            slots = _trim_mentions(slots)
            item = Sentence(
                sent,
                index,
                slots,
                goods_phrases(sent, [s.party for s in own], gaz),
                cues,
                rules[index],
            )
            item.pairs = [
                (s, r)
                for s in slots
                for r in [None, *slots, *recipients_only]
                if r is None or (r.name != s.name and r.party.start != s.party.start)
            ]
            out.append(item)
        own = own + entity_slots(sent, [s.party for s in own])
        previous = own or previous
    return out
