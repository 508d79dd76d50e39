from __future__ import annotations

from supplytrace.dedup.text import content_tokens, split_sentences


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_abbreviations_and_initialisms_do_not_end_sentences() -> None:
    text = "Officials of Wuhan Optics Co. met U.S. envoys on Friday. Mr. Li left early."
    assert _sentences(text) == [
        "Officials of Wuhan Optics Co. met U.S. envoys on Friday.",
        "Mr. Li left early.",
    ]


def test_quotes_stay_with_their_sentence() -> None:
    text = '"We deny it," she said. "It is false." The ministry agreed!\nNext line'
    assert _sentences(text) == [
        '"We deny it," she said.',
        '"It is false."',
        "The ministry agreed!",
        "Next line",
    ]


def test_spans_index_the_original_text() -> None:
    text = "  First one here.   Second one here.\n\n Third.  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["First one here.", "Second one here.", "Third."]


def test_spelling_variants_and_inflections_meet() -> None:
    british = content_tokens("The armoured vehicles' defence suppliers labelled 6,000 parts")
    american = content_tokens("The armored vehicle defense supplier labeled 6000 part")
    assert british == american


def test_numbers_are_kept_and_stopwords_dropped() -> None:
    tokens = content_tokens("Shipments rose by 90 per cent to $68 million in July")
    assert {"90", "68", "million"} <= tokens
    assert not {"by", "per", "cent", "to", "in"} & tokens
