"""Markdown, HTML and JSON Lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from supplytrace.errors import UnreadableDocument
from supplytrace.ingest import read_file, read_paths, read_text
from supplytrace.ingest.markdown import strip_markdown
from supplytrace.model import Document, Skipped

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"


def test_markdown_front_matter_and_prose() -> None:
    (doc,) = read_file(FIXTURES / "article.md")
    assert doc.title == "Bearings through a third country"
    assert doc.published == "2022-12-01"
    assert doc.outlet == "Example Weekly"
    assert (
        "Reports say Acme Bearings sold precision bearings to\nOrbital Works last winter."
        in doc.text
    )
    for syntax in ("**", "](", "https://", "![", "```", "# ", "> "):
        assert syntax not in doc.text
    assert "“We sell only civilian goods,” a spokesperson said." in doc.text
    assert "first point with inline code" in doc.text
    assert "fenced words stay" in doc.text
    assert "\n\n\n" not in doc.text


def test_markdown_title_from_first_heading() -> None:
    (doc,) = read_file(FIXTURES / "heading_title.md")
    assert doc.title == "Lathes Keep Arriving"
    assert "machine tools keep arriving" in doc.text


def test_strip_markdown_keeps_underscores_inside_words() -> None:
    prose, heading = strip_markdown("snake_case_name and __bold__ and ~~gone~~ words")
    assert prose == "snake_case_name and bold and gone words"
    assert heading is None


def test_html_boilerplate_removed_and_metadata_read() -> None:
    (doc,) = read_file(FIXTURES / "article.html")
    assert "Bluefield Optics Co shipped thermal imaging modules" in doc.text
    for boilerplate in ("Subscribe now", "Cookie settings", "do not read me"):
        assert boilerplate not in doc.text
    assert doc.title == "Optics maker named in export case"
    assert doc.published == "2024-02-15"
    assert doc.url == "https://example.org/tribune/optics-case"
    assert doc.byline == "Jonas Whitfield"


def test_html_fragment_falls_back_to_visible_text() -> None:
    (doc,) = read_file(FIXTURES / "fragment.html")
    assert doc.text == "Tiny page about valves."


def test_html_from_memory() -> None:
    doc = read_text("<html><body><p>Short note on pumps.</p></body></html>", fmt="html")
    assert "Short note on pumps." in doc.text


def test_xhtml_with_encoding_declaration() -> None:
    page = (
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>Valves went east.</p></body></html>'
    )
    assert read_text(page, fmt="html").text == "Valves went east."


def test_unknown_format_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        read_text("x", fmt="pdf")


def test_jsonl_bad_lines_are_skipped_and_the_rest_read() -> None:
    path = str(FIXTURES / "records.jsonl")
    items = list(read_paths([path]))
    docs = [item for item in items if isinstance(item, Document)]
    skipped = [item for item in items if isinstance(item, Skipped)]
    assert [doc.source_path for doc in docs] == [f"{path}#L1", f"{path}#L2", f"{path}#L7"]
    assert [s.source_path for s in skipped] == [f"{path}#L3", f"{path}#L4", f"{path}#L6"]
    assert "malformed JSON" in skipped[0].reason
    assert "JSON object" in skipped[1].reason
    assert "no text" in skipped[2].reason
    first, second, third = docs
    assert (first.title, first.url, first.published, first.outlet, first.byline) == (
        "Pumps",
        "https://example.org/a",
        "2021-05-04",
        "Example Wire",
        "Sam Ortiz",
    )
    assert second.text == "A second record uses body and date."
    assert second.published == "2021-05-04"
    assert third.text == "The third good record uses content."


def test_read_file_is_strict_about_a_bad_jsonl_line() -> None:
    with pytest.raises(UnreadableDocument) as raised:
        read_file(FIXTURES / "records.jsonl")
    assert raised.value.source.endswith("records.jsonl#L3")


def test_jsonl_invalid_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "good"}\n{"text": "caf\xe9"}\n{"text": "also good"}\n')
    items = list(read_paths([path]))
    assert [type(item).__name__ for item in items] == ["Document", "Skipped", "Document"]
    assert items[1].reason == "not valid UTF-8 (byte 0xe9 at offset 13)"  # type: ignore[union-attr]


def test_html_nested_ten_thousand_deep_keeps_its_text(tmp_path: Path) -> None:
    page = (
        "<html><body>"
        + "<div>" * 10_000
        + "<p>Kestrel Avionics shipped navigation modules.</p><script>alert(1)</script>"
        + "</div>" * 10_000
        + "</body></html>"
    )
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    (doc,) = list(read_paths([path]))
    assert isinstance(doc, Document)
    assert doc.text == "Kestrel Avionics shipped navigation modules."
