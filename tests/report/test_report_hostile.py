"""Documents are written by anyone: their header URLs and text never become live links or
formulas in what supplytrace writes for a person to open."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from support import build_claim as claim

from supplytrace.export import export, spreadsheet_safe
from supplytrace.model import Document, Extraction
from supplytrace.report import write_report
from supplytrace.report.content import link_target
from supplytrace.store import Store, open_store

TEXT = '=HYPERLINK("http://bad.example") Varno Metals sells bearings; valves to Ruritania.'


def _store(tmp_path: Path, url: str) -> Store:
    doc = Document.create(TEXT, url=url, title="-2+3 a title", published="2024-03-01")
    made = claim(doc, TEXT, "Varno Metals", "bearings; valves")
    store = open_store(tmp_path / "s.db")
    store.write_batch([doc], [Extraction(doc.id, claims=(made,))])
    return store


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://news.example/a", True),
        ("http://news.example/a", True),
        ("/archive/a.html", True),
        ("javascript:alert(document.domain)", False),
        (" JavaScript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("file:///etc/passwd", False),
        ("//evil.example/x", False),
        ("vbscript:msgbox(1)", False),
    ],
)
def test_only_http_and_relative_urls_become_links(url: str, linked: bool) -> None:
    assert (link_target(url) == url) is linked


def test_a_script_url_in_a_header_is_shown_as_text_in_both_reports(tmp_path: Path) -> None:
    with _store(tmp_path, "javascript:alert(document.domain)") as store:
        write_report(store, tmp_path / "r.html")
        write_report(store, tmp_path / "r.md")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "javascript:" not in html and "<script" not in html.lower()
    assert "javascript:" not in (tmp_path / "r.md").read_text(encoding="utf-8")


def test_csv_cells_a_spreadsheet_would_evaluate_are_quoted(tmp_path: Path) -> None:
    assert spreadsheet_safe("=1+1") == "'=1+1" and spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_safe("plain") == "plain" and spreadsheet_safe(-2.5) == -2.5
    with _store(tmp_path, "https://news.example/a") as store:
        export(store, "csv", tmp_path / "csv")
    cells = [
        cell
        for name in ("claims", "documents", "facts")
        for row in csv.reader((tmp_path / "csv" / f"{name}.csv").read_text("utf-8").splitlines())
        for cell in row
    ]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert not [c for c in cells if c[:1] in {"=", "+", "@"} or c.startswith("-2")]


def test_neo4j_lists_keep_an_item_that_contains_the_old_separator(tmp_path: Path) -> None:
    with _store(tmp_path, "https://news.example/a") as store:
        export(store, "neo4j", tmp_path / "neo4j")
    lines = (tmp_path / "neo4j" / "facts.csv").read_text("utf-8").splitlines()
    (row,) = list(csv.DictReader(lines))
    assert row["items"].split("\x1f") == ["bearings; valves"]
    script = (tmp_path / "neo4j" / "load.cypher").read_text(encoding="utf-8")
    assert "split(row.items, '\\u001F')" in script
