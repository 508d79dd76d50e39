"""Property: documents and claims come back from the store exactly as they went in."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supplytrace.model import Claim, Document, Extraction, MentionKind, Polarity
from supplytrace.store import open_store

_optional_text = st.none() | st.text(max_size=20)
_codes = st.lists(st.text(min_size=1, max_size=8), max_size=3).map(tuple)
_kinds: st.SearchStrategy[MentionKind] = st.sampled_from(
    ["org", "country", "group", "person", "other"]
)
_polarities: st.SearchStrategy[Polarity] = st.sampled_from(["asserted", "denied"])


@st.composite
def documents_with_claims(draw: st.DrawFn) -> tuple[Document, list[Claim]]:
    text = draw(st.text(min_size=1, max_size=200))
    document = Document.create(
        text,
        title=draw(_optional_text),
        outlet=draw(_optional_text),
        url=draw(_optional_text),
        published=draw(st.none() | st.dates().map(str)),
        byline=draw(_optional_text),
        language=draw(st.sampled_from(["en", "fr", "uk"])),
        source_path=draw(_optional_text),
    )
    claims = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        supplier = draw(st.text(min_size=1, max_size=30))
        item = draw(st.text(min_size=1, max_size=30))
        recipient = draw(st.none() | st.text(min_size=1, max_size=30))
        polarity = draw(_polarities)
        claims.append(
            Claim(
                id=Claim.make_id(document.id, (start, end), supplier, item, recipient, polarity),
                document_id=document.id,
                sentence_span=(start, end),
                evidence=text[start:end],
                supplier=supplier,
                supplier_kind=draw(_kinds),
                item=item,
                recipient=recipient,
                recipient_kind=draw(st.none() | _kinds),
                item_category=draw(st.none() | st.sampled_from(["optics", "bearings"])),
                hs_codes=draw(_codes),
                chpl_tiers=draw(_codes),
                end_uses=draw(_codes),
                end_use_categories=draw(_codes),
                polarity=polarity,
                hedged=draw(st.booleans()),
                asserted_by=draw(st.text(max_size=20)),
                quantity=draw(_optional_text),
                period=draw(_optional_text),
                extractor=draw(st.text(max_size=20)),
                confidence=draw(st.none() | st.floats(0, 1)),
                decided_by=tuple(
                    sorted(
                        draw(
                            st.dictionaries(st.text(max_size=8), st.floats(-5, 5), max_size=3)
                        ).items(),
                        key=lambda kw: (-abs(kw[1]), kw[0]),
                    )
                ),
            )
        )
    return document, claims


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents_with_claims())
def test_documents_and_claims_round_trip(case: tuple[Document, list[Claim]]) -> None:
    document, claims = case
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "s.db") as store:
        store.write_batch([document], [Extraction(document.id, claims=tuple(claims))])
        stored = store.document(document.id)
        assert stored is not None
        assert Document.from_dict(stored.to_dict()) == document
        expected: dict[str, Claim] = {}
        for claim in claims:  # a claim id already stored is not written again: first one wins
            expected.setdefault(claim.id, claim)
        back = {c.id: c for c in store.claims(document.id)}
        assert {k: c.to_dict() for k, c in back.items()} == {
            k: c.to_dict() for k, c in expected.items()
        }
        assert all(Claim.from_dict(c.to_dict()) == c for c in back.values())
