"""Party mentions in a parsed document: organisations, countries and country-tied groups.

spaCy's small English model finds most names; the rules here repair what it misses in this
domain: company names ending in legal forms or descriptor words, government bodies named by
a demonym ("the Chinese embassy in the US"), groups tied to a country ("Chinese firms"), and
capital-city metonyms ("Moscow") that stand for a state.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from supplytrace.extract.bodies import known_bodies
from supplytrace.extract.products import Products
from supplytrace.goods.gazetteer import Gazetteer
from supplytrace.model import Mention, MentionKind
from supplytrace.names.keys import display_name
from supplytrace.names.normalise import normalise

# Words that end the name of a company or institution ("... Technology", "... Institute of X").
ORG_ENDINGS = {
    "technology",
    "technologies",
    "group",
    "co",
    "co.",
    "company",
    "ltd",
    "ltd.",
    "limited",
    "corp",
    "corp.",
    "corporation",
    "inc",
    "inc.",
    "llc",
    "jsc",
    "pjsc",
    "ooo",
    "ao",
    "institute",
    "industries",
    "industry",
    "electronics",
    "trading",
    "trade",
    "bank",
    "holding",
    "holdings",
    "plant",
    "factory",
    "works",
    "bureau",
    "enterprise",
    "enterprises",
    "systems",
    "engineering",
    "academy",
    "university",
    "agency",
    "fze",
    "fzco",
    "gmbh",
    "plc",
    "partners",
    "service",
    "services",
    "development",
    "export",
    "management",
    "aviation",
    "electro-optics",
    "optics",
    "sensor",
    "materials",
    "machinery",
    "instruments",
    "laboratory",
}
# Nouns that turn a demonym into a government body ("Chinese embassy", "Russian Foreign Ministry").
GOV_BODIES = {"embassy", "ministry", "government", "consulate", "mission", "office", "department"}
# Nouns for an unnamed set of parties tied to a country ("Chinese companies").
GROUP_NOUNS = {
    "company",
    "companies",
    "firm",
    "firms",
    "entity",
    "entities",
    "supplier",
    "suppliers",
    "manufacturer",
    "manufacturers",
    "producer",
    "producers",
    "exporter",
    "exporters",
    "business",
    "businesses",
    "vendor",
    "vendors",
    "enterprise",
    "enterprises",
    "maker",
    "makers",
    "trader",
    "traders",
    "distributor",
    "distributors",
    "corporation",
    "corporations",
}
_TITLES = {
    "mayor",
    "president",
    "minister",
    "governor",
    "secretary",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "ambassador",
    "chairman",
    "senator",
}
_REGIONS = {"africa", "asia", "europe", "america", "americas", "east", "caucasus", "balkans"}
_LIST_VERBS = {"are", "were", "include", "includes", "included"}
_LOCATED = {"base", "locate", "headquarter", "register", "incorporate", "domicile"}
_LOCATED_PREPS = {"in", "across", "throughout"}
_NOT_ORGS = {
    "cnc",
    "state",
    "llc",
    "ltd",
    "co",
    "details",
    "addition",
    "blog",
    "banner",
    # kinds of goods the model takes for names
    "uav",
    "uavs",
    "gps",
    "gnss",
    "glonass",
    "fpv",
    "ics",
    "pcb",
    "pcbs",
}
_ORG_LABELS = {"ORG"}
_NAME_LABELS = {"ORG", "PERSON", "GPE", "NORP", "FAC", "PRODUCT", "LOC", "WORK_OF_ART"}


@dataclass
class Party:
    """A mention over tokens ``start``..``end`` (exclusive) of the spaCy doc."""

    start: int
    end: int
    name: str
    kind: MentionKind
    country: str | None = None
    metonym: bool = False

    def head(self, doc: Doc) -> Token:
        return doc[self.start : self.end].root

    def to_mention(self, doc: Doc) -> Mention:
        span = doc[self.start : self.end]
        return Mention(
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            kind=self.kind,
            name=self.name,
            country=self.country,
        )


def parties_per_sentence(sents: Sequence[Span], parties: list[Party]) -> list[list[Party]]:
    """Each sentence's parties (those starting in it), in the order of ``parties``: one pass
    with a binary search, where a scan per sentence made long documents quadratic."""
    starts = [sent.start for sent in sents]
    out: list[list[Party]] = [[] for _ in starts]
    for party in parties:
        at = bisect.bisect_right(starts, party.start) - 1
        if at >= 0 and party.start < sents[at].end:
            out[at].append(party)
    return out


def _trim(span: Span) -> Span:
    """Drop a leading article and trailing possessive or punctuation from a name span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    abbreviations = {"co", "ltd", "inc", "corp"}
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        last = doc[end - 1]
        if last.text == ")" or (last.text == "." and doc[end - 2].lower_ in abbreviations):
            break
        end -= 1
    return doc[start:end]


def _unify_short_forms(parties: list[Party]) -> list[Party]:
    """'IEMZ Kupol' ... 'Kupol', 'Herbarium Office Management' ... 'Herbarium': a short form of
    one organisation named in full elsewhere in the document takes the full name. Only when
    exactly one full name contains it and it keeps a distinctive word of that name."""
    orgs = [p for p in parties if p.kind == "org"]
    forms = {p.name: normalise(p.name) for p in orgs}
    full: dict[str, str] = {}
    for name, form in forms.items():
        short = set(form.tokens)
        if not short:
            continue
        longer = {
            other
            for other, longform in forms.items()
            if other != name and short < set(longform.tokens) and short & set(longform.distinctive)
        }
        if len(longer) == 1:
            full[name] = longer.pop()
    if not full:
        return parties
    return [
        replace(p, name=full[p.name], country=p.country)
        if p.kind == "org" and p.name in full
        else p
        for p in parties
    ]


def _is_person_or_place(span: Span, surnames: set[str]) -> bool:
    """What the model labels as an organisation but is not one: "Kharkiv Mayor Ihor Terekhov"
    (a title before a name), "Starmer" (a person named in full elsewhere), "Sub-Saharan Africa"."""
    words = [t.text for t in span]
    if any(w.lower() in _TITLES for w in words[:-1]):
        return True
    if len(words) == 1 and words[0] in surnames:
        return True
    return words[-1].lower() in _REGIONS


def _is_org_name(span: Span) -> bool:
    """A proper-noun span whose last word is a company or institution ending."""
    words = [t for t in span if not t.is_punct]
    if len(words) < 2:
        return False
    last = words[-1].lower_
    if last not in ORG_ENDINGS:
        return False
    return any(t.text[:1].isupper() for t in words[:-1])


def _extend_org(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Grow an ORG span over trailing legal forms and "of X" tails the model cut off."""
    while end < len(doc) and doc[end].lower_.rstrip(".") in {
        "co",
        "ltd",
        "inc",
        "llc",
        "corp",
        "limited",
        "jsc",
    }:
        end += 1
        if end < len(doc) and doc[end].text == ".":
            end += 1
    if (
        end + 1 < len(doc)
        and doc[end].lower_ == "of"
        and doc[end - 1].lower_ in ORG_ENDINGS
        and doc[end + 1].text[:1].isupper()
    ):
        stop = end + 1
        while (
            stop < len(doc)
            and (doc[stop].text[:1].isupper() or doc[stop].text == "-")
            and not doc[stop].is_sent_start
        ):
            stop += 1
        end = stop
    # leading capitalised words of the same name ("North China Research Institute")
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].text[:1].isupper()
        and doc[start - 1].ent_type_ in {"", "ORG", "GPE"}
        and not doc[start - 1].is_sent_start
        and doc[start - 1].lower_ not in {"the"}
    ):
        start -= 1
    return start, end


class MentionFinder:
    """Finds the parties of one parsed document."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer

    def find(self, doc: Doc, products: Products | None = None) -> list[Party]:
        self._products = products or Products()
        taken = [False] * len(doc)
        parties: list[Party] = []

        groups: dict[tuple[int, int], list[str]] = {}

        def claim(start: int, end: int, party: Party) -> None:
            if party.kind == "group" and party.name in groups.get((start, end), []):
                return
            if party.kind == "group" and (start, end) in groups:
                # "Chinese and Turkish firms": one group per country over the same words
                groups[(start, end)].append(party.name)
                parties.append(party)
                return
            if start >= end or any(taken[start:end]):
                return
            if party.kind == "group":
                groups[(start, end)] = [party.name]
            for i in range(start, end):
                taken[i] = True
            parties.append(party)

        for start, end, body in known_bodies().find(doc):
            claim(start, end, Party(start, end, body.name, "org", country=body.country))
        for start, end, party in self._government_bodies(doc):
            claim(start, end, party)
        for start, end, party in self._organisations(doc):
            claim(start, end, party)
        for start, end, party in self._groups(doc):
            claim(start, end, party)
        for start, end, party in self._list_members(doc, taken):
            claim(start, end, party)
        for start, end, party in self._countries(doc):
            claim(start, end, party)
        parties.sort(key=lambda p: p.start)
        return _unify_short_forms(parties)

    def _government_bodies(self, doc: Doc) -> list[tuple[int, int, Party]]:
        """'the Chinese embassy in the US', 'China's Foreign Ministry', 'Russian Ministry of Defense'."""
        found = []
        for token in doc:
            if token.lower_ not in GOV_BODIES:
                continue
            start = token.i
            country = None
            j = token.i - 1
            while (
                j >= 0
                and (
                    doc[j].pos_ in {"ADJ", "PROPN"}
                    or doc[j].tag_ == "POS"
                    or (doc[j].dep_ == "compound" and doc[j].head.i == token.i)  # defence ministry
                )
                and token.i - j <= 4
            ):
                text = doc[j].text
                hit = self.gaz.country_of_adjective(text) or self.gaz.country(text)
                if hit:
                    country, start = hit, j
                    break
                j -= 1
            if country is None:
                continue
            end = token.i + 1
            if end + 1 < len(doc) and doc[end].lower_ in {"in", "of", "for"}:
                k = end + 1
                if doc[k].lower_ == "the":
                    k += 1
                stop = k
                while (
                    stop < len(doc)
                    and doc[stop].text[:1].isupper()
                    and doc[stop].pos_ in {"PROPN", "NOUN", "ADJ"}
                ):
                    stop += 1
                if stop > k:
                    end = stop
            text = doc[start:end].text
            if start + 1 < end and doc[start + 1].tag_ == "POS":
                # "China's Foreign Ministry" is named "Chinese Foreign Ministry"
                text = f"{_demonym(self.gaz, country)} {doc[start + 2 : end].text}"
            name = display_name(text)
            found.append((start, end, Party(start, end, name, "org", country=country)))
        return found

    def _organisations(self, doc: Doc) -> list[tuple[int, int, Party]]:
        found = []
        surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
        for ent in doc.ents:
            if ent.label_ not in _NAME_LABELS:
                continue
            span = _trim(ent)
            if not len(span):
                continue
            if _is_person_or_place(span, surnames):
                continue
            country = self.gaz.country(span.text) or self.gaz.country_of_adjective(span.text)
            if country or self.gaz.country_of_metonym(span.text):
                continue  # "Kazakh" labelled as an organisation is a demonym
            if span.text.lower().split("-")[0] in self._products:
                continue  # "Garpiya-A1" is a drone, not a company
            is_org = ent.label_ in _ORG_LABELS or _is_org_name(span)
            if (
                not is_org
                or span.text.lower() in _NOT_ORGS
                or not any(c.isalpha() for c in span.text)
            ):
                continue
            if ent.label_ == "ORG" and len(span) == 1 and span[0].pos_ not in {"PROPN", "NOUN"}:
                continue
            start, end = _extend_org(doc, span.start, span.end)
            span = doc[start:end]
            found.append((start, end, Party(start, end, display_name(span.text), "org")))
        # names the model did not label: capitalised runs ending in a company word
        i = 0
        while i < len(doc):
            if (
                doc[i].lower_ in ORG_ENDINGS
                and doc[i].text[:1].isupper()
                and doc[i].ent_type_ == ""
            ):
                start = i
                while (
                    start > 0
                    and doc[start - 1].text[:1].isupper()
                    and doc[start - 1].pos_ == "PROPN"
                ):
                    start -= 1
                if start < i:
                    s, e = _extend_org(doc, start, i + 1)
                    found.append((s, e, Party(s, e, display_name(doc[s:e].text), "org")))
            i += 1
        return found

    def _groups(self, doc: Doc) -> list[tuple[int, int, Party]]:
        """'Chinese companies', 'PRC entities', 'a Chinese firm' -> the country as a group."""
        found = []
        for token in doc:
            if token.lower_ not in GROUP_NOUNS:
                continue
            countries = []
            start = token.i
            # "Chinese firms", "Chinese and Turkish firms", "Chinese machine tool suppliers"
            modifiers = [
                m
                for child in token.lefts
                if child.dep_ in {"amod", "compound", "nmod"}
                for m in child.subtree
                if m.dep_ in {"amod", "compound", "nmod"} and m.i < token.i
            ]
            for child in modifiers:
                if child.dep_ in {"amod", "compound", "nmod"}:
                    for word in [child, *child.conjuncts]:
                        hit = self.gaz.country_of_adjective(word.text) or self.gaz.country(
                            word.text
                        )
                        if hit:
                            countries.append(hit)
                            start = min(start, word.i, child.i)
            end = token.i + 1
            located = self._located_countries(token)
            if not countries and located:
                start = token.i
            countries += located
            if not countries:
                continue
            for country in dict.fromkeys(countries):
                found.append((start, end, Party(start, end, country, "group", country=country)))
        return found

    def _located_countries(self, noun: Token) -> list[str]:
        """'entities based in China and Turkey', 'companies from the UAE' -> those countries.

        The small model often hangs 'based in ...' on the last noun of a long phrase ("suppliers
        of chips to Russia's industry based across China"); a location phrase further down the
        noun's own phrase counts too, except for a country the phrase already names (Russia's).
        """
        out: list[str] = []
        named_below: set[str] = set()
        for tok in noun.subtree:
            if tok.i == noun.i:
                continue
            hit = self.gaz.country(tok.text)
            if tok.dep_ in {"poss", "compound", "amod"} and hit:
                named_below.add(hit)
        for tok in noun.subtree:
            direct = tok.head.i == noun.i
            if tok.dep_ == "pobj" and tok.lower_ == "origin" and tok.head.head.i == noun.i:
                # "corporations of Chinese origin"
                out.extend(
                    c for c in (self.gaz.country_of_adjective(m.text) for m in tok.lefts) if c
                )
                continue
            if tok.dep_ == "prep" and tok.lower_ == "from" and direct:
                preps = [tok]
            elif (
                tok.dep_ == "acl"
                and tok.lemma_.lower() in _LOCATED
                and (direct or self._nominal_path(tok, noun))
            ):
                preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in _LOCATED_PREPS]
            else:
                continue
            for prep in preps:
                for obj in (g for g in prep.children if g.dep_ == "pobj"):
                    for word in [obj, *obj.conjuncts]:
                        name = " ".join(
                            [t.text for t in word.lefts if t.dep_ == "compound"] + [word.text]
                        )
                        hit = self.gaz.country(name) or self.gaz.country(word.text)
                        if hit and (direct or hit not in named_below):
                            out.append(hit)
        return out

    @staticmethod
    def _nominal_path(tok: Token, noun: Token) -> bool:
        """Only nouns and prepositions between ``tok`` and ``noun``: one noun phrase."""
        cur = tok.head
        while cur.i != noun.i:
            if cur.pos_ not in {"NOUN", "PROPN", "ADP"} or cur.head.i == cur.i:
                return False
            cur = cur.head
        return True

    def _list_members(self, doc: Doc, taken: list[bool]) -> list[tuple[int, int, Party]]:
        """Unlabelled names in 'companies such as A, B and C' lists are organisations too."""
        found = []
        for token in doc:
            if token.lower_ not in GROUP_NOUNS:
                continue
            i = token.i + 1
            if i + 1 < len(doc) and doc[i].lower_ == "such" and doc[i + 1].lower_ == "as":
                i += 2
            elif i < len(doc) and doc[i].lower_ in {"including", "like"}:
                i += 1
            else:
                # "Among the sanctioned firms ... are A, B and C", "The companies include A, B"
                verb = next(
                    (
                        t
                        for t in doc[token.i + 1 : min(len(doc), token.i + 10)]
                        if t.lower_ in _LIST_VERBS or t.text == ":"
                    ),
                    None,
                )
                if verb is None or verb.sent != token.sent or verb.i + 1 >= len(doc):
                    continue
                if (
                    not doc[verb.i + 1].text[:1].isupper()
                    or "," not in doc[verb.i : verb.sent.end].text
                ):
                    continue
                i = verb.i + 1
            while i < len(doc):
                start = i
                while (
                    i < len(doc)
                    and (doc[i].text[:1].isupper() or doc[i].text in {"-", "&"})
                    and doc[i].pos_ in {"PROPN", "NOUN", "PUNCT", "ADJ"}
                    and doc[i].text not in {",", "."}
                ):
                    i += 1
                if (
                    i > start
                    and not any(taken[start:i])
                    and not self.gaz.country(doc[start:i].text)
                ):
                    found.append(
                        (start, i, Party(start, i, display_name(doc[start:i].text), "org"))
                    )
                if i < len(doc) and (doc[i].text == "," or doc[i].lower_ in {"and", "or"}):
                    i += 1
                    continue
                if i < len(doc) and taken[i]:
                    while i < len(doc) and taken[i]:
                        i += 1
                    continue
                break
        return found

    def _countries(self, doc: Doc) -> list[tuple[int, int, Party]]:
        found = []
        for ent in doc.ents:
            if ent.label_ not in {"GPE", "ORG", "NORP", "LOC", "FAC"}:
                continue
            span = _trim(ent)
            if not len(span):
                continue
            if ent.label_ != "NORP":
                country = self.gaz.country(span.text)
                if country:
                    found.append(
                        (
                            span.start,
                            span.end,
                            Party(span.start, span.end, country, "country", country),
                        )
                    )
                    continue
            metonym = self.gaz.country_of_metonym(span.text)
            if (
                metonym and ent.label_ != "NORP" and not span.text.isupper()
            ):  # "WASHINGTON -" is a dateline
                found.append(
                    (
                        span.start,
                        span.end,
                        Party(span.start, span.end, metonym, "country", metonym, metonym=True),
                    )
                )
        return found


def _demonym(gaz: Gazetteer, country: str) -> str:
    adjectives = gaz.countries[country].adjectives if country in gaz.countries else ()
    return adjectives[0] if adjectives else country
