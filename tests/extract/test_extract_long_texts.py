"""A text too long for one parse is parsed in parts and joined: its claims and spans stay true
(issue 12: a 1.2-million-character text used to cost its whole batch)."""

from __future__ import annotations

import random

import pytest

import supplytrace.extract as extract
from supplytrace.extract import Extractor, split_text
from supplytrace.model import Document

# Written for this test; the names are invented.
FIRMS = ["Kestrel Avionics", "Varno Metals", "Orion Vision", "Talvik Precision"]
GOODS = ["navigation modules", "machine tools", "bearings", "thermal cameras"]


def _text(paragraphs: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    out = []
    for _ in range(paragraphs):
        said = [
            f"{rng.choice(FIRMS)} shipped {rng.choice(GOODS)} to Iran in "
            f"{rng.randint(2019, 2024)}, officials said."
            for _ in range(3)
        ]
        out.append(" ".join([*said, "The ministry published its annual report on exports."]))
    return "\n\n".join(out)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("one.\n\ntwo three.\n\nfour five six.\n\n" * 40, 50),
        ("a sentence. " * 300, 100),
        ("line\n" * 500, 64),
        ("x" * 1000, 64),  # no place to cut: cut at the size
        ("short", 64),
    ],
)
def test_parts_join_back_into_the_text(text: str, size: int) -> None:
    parts = split_text(text, size)
    assert "".join(parts) == text
    assert all(0 < len(p) <= size for p in parts)


def test_a_cut_falls_after_a_paragraph_break_when_there_is_one() -> None:
    parts = split_text(("word " * 30 + "\n\n") * 10, 400)
    assert all(p.endswith("\n\n") for p in parts[:-1])


def test_a_text_parsed_in_parts_gives_true_spans_and_the_same_statements(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = _text(60)
    document = Document.create(text)
    extractor = Extractor(mode="rules")
    whole = extractor.extract(document)
    monkeypatch.setattr(extract, "MAX_CHARS", 3_000)
    monkeypatch.setattr(extract, "PART_CHARS", 1_500)
    parts = extractor.extract(document)
    assert parts.error is None and len(text) > 5 * 3_000
    for claim in parts.claims:
        start, end = claim.sentence_span
        assert text[start:end] == claim.evidence
    for mention in parts.mentions:
        assert text[mention.start : mention.end] == mention.text
    statements = {(c.supplier, c.item, c.recipient) for c in parts.claims}
    # nothing the whole parse finds is lost (here the parts find one statement more: parsed
    # whole, spaCy misreads a sentence of this text)
    assert statements >= {(c.supplier, c.item, c.recipient) for c in whole.claims}
    assert len(parts.claims) >= len(whole.claims) > 20


def test_a_text_over_the_hard_limit_gets_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUPPLYTRACE_MAX_CHARS", "1000")
    (long, short) = Extractor(mode="rules").extract_many(
        [
            Document.create(_text(20)),
            Document.create("Kestrel Avionics shipped navigation modules to Iran in 2024."),
        ]
    )
    assert long.error and "SUPPLYTRACE_MAX_CHARS" in long.error and not long.claims
    assert short.error is None and short.claims
