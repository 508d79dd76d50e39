"""Turning the roles found in one sentence into ``Claim`` records, one per supplier and item."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from supplytrace.extract.bodies import known_bodies
from supplytrace.extract.mentions import Party
from supplytrace.extract.relations import RawClaim
from supplytrace.extract.stance import SPEAKER_PRONOUNS, Stance
from supplytrace.goods.gazetteer import Gazetteer
from supplytrace.ingest.dates import find_dates
from supplytrace.model import Claim

RECEIVING = {
    "need",
    "use",
    "require",
    "receive",
    "get",
    "buy",
    "import",
    "obtain",
    "acquire",
    "procure",
    "rely",
    "depend",
    "deploy",
    "employ",
}
_CARRY_CHARS = 500  # about two sentences of news prose
_NOT_RECIPIENT_PREPS = {"in", "against", "on", "over", "across", "inside", "at", "near"}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_SPEAKER_NOISE = {"senior", "also", "the", "a", "an", "two", "three", "several", "some"}


@dataclass
class DocumentState:
    """What carries from one sentence to the next: the last speaker, for 'they said', and the
    claims made so far. An unresolved 'the company' does not carry: taking the last
    organisation of the previous sentence made the sanctioning EU a drone supplier."""

    speaker: str | None = None
    speaker_party: Party | None = None
    claims: list[Claim] = field(default_factory=list)


# A "sentence" longer than this is a table, a list or junk run together (a news sentence has
# a few dozen tokens): its parties are still found, but no relation is read from it, since
# reading one costs time quadratic in its length.
MAX_SENTENCE_TOKENS = 400


def readable(sent: Span) -> bool:
    """Whether relations are read from ``sent`` (see ``MAX_SENTENCE_TOKENS``)."""
    return len(sent) <= MAX_SENTENCE_TOKENS


def _maker_of(product: Token, earlier: list[Claim]) -> Party | None:
    """Who the document has said supplies a product ("the drone" -> the firm that delivers
    the Harpy drones): the last earlier claim whose goods share the product's head noun."""
    head = product.lemma_.lower()
    for claim in reversed(earlier):
        words = claim.item.lower().split()
        if words and words[-1].rstrip("s") == head.rstrip("s") and claim.supplier_kind == "org":
            return Party(product.i, product.i + 1, claim.supplier, "org")
    return None


def _antecedent(raw: RawClaim, parties: list[Party], stance: Stance) -> Party | None:
    """The organisation 'it' or 'the company' stands for: one named in the sentence's source
    ("an internal Kupol document showed it ..."), else the nearest one before it in the
    sentence, else none: a guess from the previous sentence invents links. News organisations
    report, so they are never the antecedent; nor is a recipient of the same statement."""
    doc = raw.trigger.doc
    pronoun = raw.supplier_pronoun
    assert pronoun is not None
    taken = {p.name for p in raw.recipients}
    media = known_bodies().media

    def usable(p: Party) -> bool:
        return p.kind == "org" and p.name not in media and p.name not in taken

    if stance.speaker_head is not None:
        source = {t.i for t in doc[stance.speaker_head].subtree}
        for party in parties:
            if party.start in source and usable(party):
                return party
    before = [p for p in parties if p.end <= pronoun.i and usable(p)]
    return before[-1] if before else None


def clean_speaker(text: str) -> str:
    words = [w for w in text.replace("U.S.", "US").split() if w.lower() not in _SPEAKER_NOISE]
    return " ".join(words) or text


def document_text(doc: Doc) -> str:
    """The document's text; spaCy rebuilds ``doc.text`` from the tokens on every call."""
    if not doc.has_extension("supplytrace_text"):
        Doc.set_extension("supplytrace_text", default=None)
    if doc._.supplytrace_text is None:
        doc._.supplytrace_text = doc.text
    return doc._.supplytrace_text  # type: ignore[no-any-return]


def sentence_ents(sent: Span) -> list[Span]:
    """The named entities inside a sentence. spaCy's ``Span.ents`` rebuilds every entity of
    the document on each call, which made long documents quadratic."""
    return _by_sentence(sent, "supplytrace_ents", lambda doc: doc.ents)


def sentence_chunks(sent: Span) -> list[Span]:
    """The noun chunks inside a sentence (``Span.noun_chunks`` walks the whole document)."""
    return _by_sentence(sent, "supplytrace_chunks", lambda doc: doc.noun_chunks)


def _by_sentence(sent: Span, name: str, spans_of: Callable[[Doc], Iterable[Span]]) -> list[Span]:
    """The spans ``spans_of`` gives for the whole document that lie in ``sent``, grouped by
    sentence once per document (kept on the doc under ``name``)."""
    doc = sent.doc
    if not doc.has_extension(name):
        Doc.set_extension(name, default=None)
    grouped: dict[int, list[Span]] | None = getattr(doc._, name)
    if grouped is None:
        grouped = {}
        # each span's sentence by a binary search over the sentence starts (``Token.sent``
        # walks its whole sentence: quadratic in a sentence of thousands of tokens)
        starts = [s.start for s in doc.sents]
        for span in spans_of(doc):
            start = starts[bisect.bisect_right(starts, span.start) - 1]
            grouped.setdefault(start, []).append(span)
        setattr(doc._, name, grouped)
    return [span for span in grouped.get(sent.start, []) if span.end <= sent.end]


def sentence_span(sent: Span) -> tuple[int, int]:
    """Character span of a sentence without surrounding whitespace."""
    text = document_text(sent.doc)
    start, end = sent.start_char, sent.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _quantity(raw: RawClaim, sent: Span) -> str | None:
    top = raw.trigger
    for _ in range(3):  # "90% of Russia's chip imports": the share sits a few heads up
        if top.head.i == top.i or top.head.pos_ in {"VERB", "AUX"}:
            break
        top = top.head
    subtree = {t.i for t in top.subtree} | {t.i for t in raw.trigger.head.subtree}
    for ent in sentence_ents(sent):
        if ent.label_ in {"PERCENT", "MONEY", "QUANTITY"} and ent.start in subtree:
            return ent.text
    return None


def _period(sent: Span) -> str | None:
    for ent in sentence_ents(sent):
        if ent.label_ == "DATE":
            match = _YEAR.search(ent.text)
            if match:
                return match.group(0)
    return None


def build_claims(
    doc: Doc,
    document_id: str,
    sent: Span,
    raw: RawClaim,
    stance: Stance,
    parties: list[Party],
    state: DocumentState,
    gaz: Gazetteer,
    extractor: str,
) -> list[Claim]:
    speaker = stance.asserted_by
    speaker_party = next(
        (
            p
            for p in parties
            if stance.speaker_head is not None and p.start <= stance.speaker_head < p.end
        ),
        None,
    )
    if speaker in SPEAKER_PRONOUNS:
        speaker, speaker_party = state.speaker, state.speaker_party
    suppliers = list(raw.suppliers)
    if not suppliers and raw.supplier_pronoun is not None:
        # "the embassy said it has not provided ...": the speaker speaks for its state
        if speaker_party is None or raw.supplier_pronoun.lower_ not in SPEAKER_PRONOUNS:
            found = _antecedent(raw, parties, stance)
            suppliers = [found] if found is not None else []
        elif speaker_party is not None:
            country = speaker_party.country
            suppliers = [
                Party(speaker_party.start, speaker_party.end, country, "country", country)
                if country
                else speaker_party
            ]
    if not suppliers:
        return []
    recipients = list(raw.recipients)
    if not recipients and raw.product is not None:
        maker = _maker_of(raw.product, state.claims)
        if maker is not None:
            recipients = [maker]
    if not recipients:
        recipients = _fallback_recipients(raw, parties, suppliers, stance, gaz)
    start, end = sentence_span(sent)
    evidence = document_text(doc)[start:end]
    out = []
    for item, item_uses in raw.items:
        category = gaz.category(item)
        uses = list(dict.fromkeys(item_uses + raw.end_uses))
        use_ids = list(dict.fromkeys(u for u in (gaz.end_use(x) for x in uses) if u))
        for supplier in suppliers:
            targets: list[Party | None] = list(recipients) or [None]
            for recipient in targets:
                if recipient is not None and recipient.name == supplier.name:
                    continue
                recipient_name = recipient.name if recipient else None
                out.append(
                    Claim(
                        id=Claim.make_id(
                            document_id,
                            (start, end),
                            supplier.name,
                            item,
                            recipient_name,
                            stance.polarity,
                        ),
                        document_id=document_id,
                        sentence_span=(start, end),
                        evidence=evidence,
                        supplier=supplier.name,
                        supplier_kind="country" if supplier.kind == "group" else supplier.kind,
                        item=item,
                        recipient=recipient_name,
                        recipient_kind=("country" if recipient.kind == "group" else recipient.kind)
                        if recipient
                        else None,
                        item_category=category.id if category else None,
                        hs_codes=category.hs_codes if category else (),
                        chpl_tiers=category.chpl_tiers() if category else (),
                        end_uses=tuple(uses),
                        end_use_categories=tuple(use_ids),
                        polarity=stance.polarity,
                        hedged=stance.hedged,
                        asserted_by=clean_speaker(speaker) if speaker else "the article",
                        quantity=_quantity(raw, sent),
                        period=_period(sent),
                        extractor=extractor,
                    )
                )
    return out


def _fallback_recipients(
    raw: RawClaim, parties: list[Party], suppliers: list[Party], stance: Stance, gaz: Gazetteer
) -> list[Party]:
    """Countries named around the statement ('for use in Russian systems') when no object names one."""
    doc = raw.trigger.doc
    supplier_names = {p.name for p in suppliers}
    speaker_tokens: set[int] = set()
    if stance.speaker_head is not None:
        speaker_tokens = {t.i for t in doc[stance.speaker_head].subtree}
    sent = raw.trigger.sent
    scope = [t for t in sent if t.i not in speaker_tokens and t.i > raw.trigger.i]
    item_heads = {phrase.split()[-1] for phrase, _ in raw.items}
    # the first country named after the statement, as a name or an adjective ("Russian
    # drones"), that is not where something happens ("used in Ukraine") or another actor
    for tok in scope:
        for party in parties:
            if (
                party.start == tok.i
                and party.kind in {"country", "group"}
                and party.name not in supplier_names
                and _may_receive(party.head(doc))
                and not _is_place(party.head(doc))
            ):
                return [party]
        country = gaz.country_of_adjective(tok.text)
        if (
            country
            and country not in supplier_names
            and tok.pos_ in {"ADJ", "PROPN"}
            and tok.dep_ in {"amod", "compound"}
            and tok.head.text not in item_heads
            and not any(p.start <= tok.i < p.end for p in parties)
        ):
            return [Party(tok.i, tok.i + 1, country, "country", country)]
    return []


def _is_place(tok: Token) -> bool:
    """'used in Ukraine', 'the war against Ukraine': a place or target, not a recipient."""
    return tok.dep_ == "pobj" and tok.head.lower_ in _NOT_RECIPIENT_PREPS


def _may_receive(tok: Token) -> bool:
    """The subject of another clause is an actor ("goods the US deems high priority"), unless
    that clause is about getting or using the goods ("all of which Russia needs")."""
    if tok.dep_ not in {"nsubj", "nsubjpass"}:
        return True
    return tok.head.lemma_.lower() in RECEIVING


def date_claim(claim: Claim, published: str | None) -> Claim:
    """The day a statement was made: a date in its sentence ("said Friday", resolved against
    the story's date), else the story's publication date."""
    anchor = date.fromisoformat(published) if published else None
    found = find_dates(claim.evidence, anchor)
    days = [iso for _, _, iso in found if len(iso) == 10]
    return replace(claim, stated_on=days[0] if days else published)


def carry_recipients(claims: list[Claim]) -> list[Claim]:
    """A claim with no recipient takes the one its supplier last supplied in the document:
    'X signed a contract with the ministry to produce drones. X had delivered 1,500 by April.'"""
    last: dict[tuple[str, str], tuple[str, str | None, int]] = {}
    out = []
    for claim in claims:
        key = (claim.supplier, claim.polarity)
        start, end = claim.sentence_span
        if claim.recipient is None and key in last and start - last[key][2] <= _CARRY_CHARS:
            recipient, kind, _ = last[key]
            claim = _with_recipient(claim, recipient, kind)
        elif claim.recipient is not None and claim.recipient_kind != "other":
            last[key] = (claim.recipient, claim.recipient_kind, end)
        out.append(claim)
    return out


def _with_recipient(claim: Claim, recipient: str, kind: str | None) -> Claim:
    return replace(
        claim,
        recipient=recipient,
        recipient_kind=kind,  # type: ignore[arg-type]
        id=Claim.make_id(
            claim.document_id,
            claim.sentence_span,
            claim.supplier,
            claim.item,
            recipient,
            claim.polarity,
        ),
    )


def fill_document_recipients(claims: list[Claim]) -> list[Claim]:
    """Claims with no recipient, or an open one ("to any of the parties"), take the recipient
    the document's other claims name most often: a blanket denial covers that state too."""
    counts = Counter(c.recipient for c in claims if c.recipient and c.recipient_kind == "country")
    if not counts:
        return claims
    default = counts.most_common(1)[0][0]
    out = []
    for claim in claims:
        if (claim.recipient is None or claim.recipient_kind == "other") and (
            claim.supplier != default
        ):
            claim = _with_recipient(claim, default, "country")
        out.append(claim)
    return out
