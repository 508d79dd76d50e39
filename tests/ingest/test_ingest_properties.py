"""Property tests: ids depend only on normalised text; parsers never raise."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from supplytrace.errors import UnreadableDocument
from supplytrace.ingest import read_text
from supplytrace.ingest.dates import find_dates, parse_date, resolve_relative
from supplytrace.ingest.html import parse_html
from supplytrace.ingest.markdown import parse_markdown
from supplytrace.ingest.text import parse_text
from supplytrace.model import document_id, normalise_text

words = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1).filter(
    lambda text: bool(normalise_text(text))
)
header_like = st.lists(
    st.one_of(
        st.sampled_from(["title: T", "date:", "date: 2024-01-02", "---", "", "url: u", "x: y"]),
        st.text(max_size=40),
    ),
    max_size=8,
).map("\n".join)


@given(words)
def test_id_is_stable(text: str) -> None:
    doc = read_text(text)
    assert doc.id == read_text(text).id == document_id(doc.text)


@given(words, st.sampled_from(["\n", "\r\n", "\r"]), st.text(" \t", max_size=3))
def test_id_ignores_line_endings_and_padding(text: str, newline: str, pad: str) -> None:
    lines = text.split("\n")
    variant = newline.join(pad + line + pad for line in lines)
    assert document_id(variant) == document_id(text)


@given(header_like)
def test_header_parsing_never_raises(text: str) -> None:
    body, meta = parse_text(text)
    assert isinstance(body, str)
    assert set(meta) <= {"title", "outlet", "url", "published", "byline", "language"}
    parse_markdown(text)


@given(st.text())
def test_read_text_raises_only_unreadable_document(text: str) -> None:
    try:
        doc = read_text(text)
    except UnreadableDocument as error:
        assert error.reason == "empty document"
    else:
        assert doc.text == doc.text.strip() and doc.text


@given(st.text(), st.one_of(st.none(), st.dates()))
def test_dates_never_raise(text: str, anchor: date | None) -> None:
    parse_date(text)
    for start, end, iso in find_dates(text, anchor):
        assert 0 <= start < end <= len(text) and len(iso) == 10


@given(
    st.from_regex(r"(on |last )?(Monday|Friday|April [0-9]{1,2}|today)", fullmatch=True), st.dates()
)
def test_relative_dates_are_never_after_the_anchor(expression: str, anchor: date) -> None:
    resolved = resolve_relative(expression, anchor)
    assert resolved is None or resolved <= anchor


markup = st.lists(
    st.one_of(
        st.sampled_from(
            ["<html>", "<p>", "</p>", "<script>", "<!--", "-->", "<title>", "</title>", "<br/>"]
            + ["<?xml version='1.0' encoding='latin-1'?>", "<![CDATA[", "&#0;", "\x0c", "<body>"]
        ),
        st.text(max_size=20),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(markup)
def test_html_parsing_never_raises(html: str) -> None:
    body, _ = parse_html(html)
    assert isinstance(body, str)
