"""The story diff: for the documents of one story, what each shares with the others and what
is its own, sentence by sentence, and which claims only one version makes.

"004 adds Hikvision; 000 adds nitrocellulose": an analyst reading a cluster wants to see what a
rewrite added or dropped without reading every version. Sentences are compared as in
``align`` (a sentence is shared when some other version has a counterpart at the ``SHARED``
similarity); claims are compared on their fact key, which the caller supplies (the pipeline
uses resolved supplier and recipient entities, item category and polarity), so that "Wuhan
Tongsheng Technology Co Ltd" in one version and "Wuhan Tongsheng Technology" in another are
one claim.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from supplytrace.dedup.align import SHARED, Span, align_sentences
from supplytrace.dedup.events import named_sentences
from supplytrace.model import Claim, Document


@dataclass(frozen=True)
class SentenceDiff:
    """One sentence of one version, and the other versions that have a counterpart of it."""

    document_id: str
    span: Span
    text: str
    shared_with: tuple[str, ...]

    @property
    def status(self) -> str:
        return "shared" if self.shared_with else "own"


@dataclass(frozen=True)
class ClaimDiff:
    """A claim with the other versions that make the same claim (by fact key)."""

    claim: Claim
    also_in: tuple[str, ...]

    @property
    def status(self) -> str:
        return "shared" if self.also_in else "only_here"


@dataclass(frozen=True)
class StoryDiff:
    story_id: str
    document_ids: tuple[str, ...]
    sentences: tuple[SentenceDiff, ...]
    claims: tuple[ClaimDiff, ...]

    def own_sentences(self, document_id: str) -> list[SentenceDiff]:
        return [s for s in self.sentences if s.document_id == document_id and not s.shared_with]

    def claims_only_in(self, document_id: str) -> list[Claim]:
        return [
            c.claim for c in self.claims if c.claim.document_id == document_id and not c.also_in
        ]


def diff_story(
    story_id: str,
    documents: Sequence[Document],
    claims: Sequence[Claim],
    claim_key: Callable[[Claim], Hashable],
) -> StoryDiff:
    """Compare every version of a story with every other (a story has few versions)."""
    docs = sorted(documents, key=lambda d: d.id)
    split = {doc.id: named_sentences(doc.text) for doc in docs}
    shared: dict[tuple[str, Span], set[str]] = {
        (doc.id, (s.start, s.end)): set() for doc in docs for s in split[doc.id]
    }
    for a, b in itertools.combinations(docs, 2):
        alignment = align_sentences(a.id, split[a.id], b.id, split[b.id])
        for doc_id, other, matches in (
            (a.id, b.id, alignment.a_matches),
            (b.id, a.id, alignment.b_matches),
        ):
            for match in matches:
                if match.score >= SHARED:
                    shared[(doc_id, match.span)].add(other)
    text = {doc.id: doc.text for doc in docs}
    sentence_rows = tuple(
        SentenceDiff(doc_id, span, text[doc_id][span[0] : span[1]], tuple(sorted(others)))
        for (doc_id, span), others in shared.items()
    )
    holders: dict[Hashable, set[str]] = {}
    for claim in claims:
        holders.setdefault(claim_key(claim), set()).add(claim.document_id)
    claim_rows = tuple(
        ClaimDiff(claim, tuple(sorted(holders[claim_key(claim)] - {claim.document_id})))
        for claim in sorted(claims, key=lambda c: (c.document_id, c.sentence_span, c.id))
    )
    return StoryDiff(story_id, tuple(d.id for d in docs), sentence_rows, claim_rows)
