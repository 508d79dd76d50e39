"""Plain text: the header block form, the seed form, and bodies kept exactly."""

from __future__ import annotations

from pathlib import Path

from supplytrace.ingest import read_file, read_text
from supplytrace.ingest.text import parse_text, split_byline, split_header

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"


def test_header_block_gives_metadata_and_body() -> None:
    (doc,) = read_file(FIXTURES / "header_form.txt")
    assert doc.title == "Harbour records show valve shipments to a tractor plant"
    assert doc.url == "https://example.org/news/valve-shipments"
    assert doc.outlet == "Example Gazette"
    assert doc.published == "2023-03-03"
    assert doc.byline == "Mira Kowalczyk"
    assert doc.language == "en"
    assert doc.text.startswith("Customs filings reviewed")
    assert "---" not in doc.text and "url:" not in doc.text


def test_body_keeps_original_characters() -> None:
    (doc,) = read_file(FIXTURES / "header_form.txt")
    assert "“several occasions”" in doc.text
    assert "shipped\nhydraulic" in doc.text


def test_empty_header_value_means_none() -> None:
    (doc,) = read_file(FIXTURES / "header_empty_date.txt")
    assert doc.published is None
    assert doc.title == "An undated note about bearings"


def test_seed_form_date_and_byline_are_removed_from_text() -> None:
    (doc,) = read_file(FIXTURES / "seed_form.txt")
    assert doc.published == "2023-06-10"
    assert doc.byline == "Ana Lucia Ferreira"
    assert doc.text.startswith("RIVERTON - Officials said Thursday")
    assert doc.text.endswith("on June 8.")
    assert doc.title is None


def test_seed_form_byline_with_particles() -> None:
    (doc,) = read_file(FIXTURES / "seed_byline_only.txt")
    assert doc.byline == "Tomas de la Vega"
    assert doc.published is None
    assert doc.text.endswith("“baseless.”")


def test_source_path_is_the_path_as_given() -> None:
    given = str(FIXTURES / "seed_form.txt")
    (doc,) = read_file(given)
    assert doc.source_path == given


def test_read_text_without_header() -> None:
    doc = read_text("  Plain words about turbines.\n", source_path="memo")
    assert doc.text == "Plain words about turbines."
    assert doc.source_path == "memo"
    assert doc.title is None and doc.published is None and doc.byline is None


def test_last_sentence_is_not_a_byline() -> None:
    body = "Officials spoke.\n\nThe shipments Continued Apace."
    assert split_byline(body) == (body, None)
    body = "Officials spoke.\n\nJames Example, deputy minister,"
    assert split_byline(body) == (body, None)


def test_one_line_text_is_not_its_own_byline() -> None:
    assert split_byline("Steve Example") == ("Steve Example", None)


def test_by_prefix_is_dropped_from_byline() -> None:
    body, byline = split_byline("Text of the story.\nBy Jane Q. Example")
    assert byline == "Jane Q. Example"
    assert body == "Text of the story."


def test_header_needs_a_known_key_and_a_closing_line() -> None:
    assert split_header("Note: this is prose\n---\nmore") is None
    assert split_header("title: unterminated\nbody text") is None
    assert split_header("WASHINGTON - a sentence.\n---\n") is None
    header = split_header("---\ntitle: Fenced\n---\nBody.")
    assert header == ("Body.", {"title": "Fenced"})


def test_header_with_crlf_line_endings() -> None:
    body, meta = parse_text(
        "title: Windows\r\ndate: 2020-01-02\r\n---\r\nLine one.\r\nLine two.\r\n"
    )
    assert meta == {"title": "Windows", "published": "2020-01-02"}
    assert body == "Line one.\r\nLine two."


def test_seed_date_followed_by_newline() -> None:
    body, meta = parse_text("date 2022-02-02\nBody on the next line.")
    assert meta == {"published": "2022-02-02"}
    assert body == "Body on the next line."
