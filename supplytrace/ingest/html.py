"""HTML pages: the article text without navigation, ads and comments.

trafilatura does the boilerplate removal, tuned for precision: a menu item read as a sentence
can become a false claim, while a lost paragraph is usually repeated elsewhere in the story.
When trafilatura finds no article (very short pages, fragments), the page's visible text is
used instead, so that no readable page is dropped. Nothing here touches the network.
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from typing import Any

import lxml.etree
import lxml.html
import trafilatura

from supplytrace.ingest.meta import normalise_meta

# trafilatura logs every page it finds nothing in; that is our fallback's business, not noise
# for the user.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head")
_BLANK_LINES_RE = re.compile(r"\n\s*\n+")
# Control characters are invalid in XML, and lxml refuses text holding them; in HTML they are
# invisible anyway, so they are dropped before parsing.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Parser failures on hostile or truncated markup. trafilatura and lxml raise several types;
# they all mean "no text from this route", never "stop the batch".
_PARSE_ERRORS = (ValueError, TypeError, AttributeError, lxml.etree.LxmlError)


def parse_html(html: str, url: str | None = None) -> tuple[str, dict[str, str]]:
    """(article text, metadata) of an HTML page. Never raises; may return an empty body."""
    html = _CONTROL_RE.sub("", html)
    try:
        body = trafilatura.extract(
            html, url=url, include_comments=False, favor_precision=True, include_tables=True
        )
    except _PARSE_ERRORS:
        body = None
    if not body or not body.strip():
        body = visible_text(html)
    return body.strip(), _metadata(html, url)


def _metadata(html: str, url: str | None) -> dict[str, str]:
    try:
        found: Any = trafilatura.extract_metadata(html, default_url=url)
    except _PARSE_ERRORS:
        return {}
    if found is None:
        return {}
    return normalise_meta(
        {
            "title": found.title,
            "url": found.url,
            "date": found.date,
            "author": found.author,
            "sitename": found.sitename,
            "language": getattr(found, "language", None),
        }
    )


def visible_text(html: str) -> str:
    """The text a reader would see, paragraphs kept apart: the fallback when no article is found.
    libxml2 gives up on markup nested thousands deep and returns nothing; the standard
    library's streaming parser, which keeps no tree, then reads the text."""
    html = _CONTROL_RE.sub("", html)
    try:
        text = _visible_text(lxml.html.fromstring(html))
    except _PARSE_ERRORS:
        text = ""
    return text or _streamed_text(html)


_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # how deep inside invisible elements (script, style, ...)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _INVISIBLE_TAGS:
            self.hidden += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLE_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _streamed_text(html: str) -> str:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = [" ".join(line.split()) for line in "".join(collector.parts).splitlines()]
    return _BLANK_LINES_RE.sub("\n", "\n".join(lines)).strip()


def _visible_text(root: lxml.html.HtmlElement) -> str:
    if not isinstance(root.tag, str) or root.tag in _INVISIBLE_TAGS:
        return ""  # a page that is only a comment, processing instruction or script
    for element in list(root.iter(*_INVISIBLE_TAGS)):
        element.drop_tree()
    for element in root.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"):
        element.tail = "\n" + (element.tail or "")
    text = root.text_content()
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return _BLANK_LINES_RE.sub("\n", "\n".join(lines)).strip()
