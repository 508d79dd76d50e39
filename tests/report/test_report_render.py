"""Reports: HTML rendered in headless Chromium (Debian's ``chromium``), and Markdown."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from supplytrace.query import FactFilter
from supplytrace.report import ReportError, write_report
from supplytrace.store import Store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOT = Path("/tmp/supplytrace-report.png")


def test_html_is_self_contained_with_marks_and_dashed_denials(
    dev_store: Store, tmp_path: Path
) -> None:
    out = write_report(dev_store, tmp_path / "china.html", entity="China")
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and 'src="http' not in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="network"' in html
    assert 'class="edge denied"' in html and "stroke-dasharray" in html
    assert "<mark>machine tools</mark>" in html
    assert "Chinese Foreign Ministry Spokesperson Lin Jian" in html  # an asserter


def test_markdown_report(dev_store: Store, tmp_path: Path) -> None:
    out = write_report(dev_store, tmp_path / "optics.md", flt=FactFilter(item="optics"))
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Supply facts")
    assert "```mermaid" in text and "Wuhan Tongsheng Technology" in text
    assert "**optical components**" in text  # the supporting words, bold


def test_unknown_suffix(dev_store: Store, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"\.html or \.md"):
        write_report(dev_store, tmp_path / "report.pdf")


@pytest.mark.slow
@pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)"
)
def test_html_renders_in_headless_chromium(dev_store: Store, tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    out = write_report(dev_store, tmp_path / "report.html", entity="China")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 1000})
            page.goto(out.as_uri())
            page.screenshot(path=str(SCREENSHOT), full_page=True)
            svg = page.locator("svg.network")
            assert svg.count() == 1
            box = svg.bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 100
            assert page.locator("svg.network g.node").count() >= 3
            assert page.locator("svg.network g.edge.denied").count() >= 1
            marks = page.locator(".evidence mark")
            assert marks.count() > 10
            assert marks.first.is_visible()
            assert page.locator("table tr").count() > 10
        finally:
            browser.close()
    assert SCREENSHOT.stat().st_size > 10_000
