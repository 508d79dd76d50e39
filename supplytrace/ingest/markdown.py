"""Markdown: metadata from YAML front matter, prose without the markup.

The extractor reads sentences, so markup that is not prose (heading hashes, emphasis markers,
link targets, images, code fences) is dropped while every word of the text is kept. This is a
line-by-line reduction, not a full CommonMark parser: robust on any input, and good enough for
articles, which use little of Markdown.
"""

from __future__ import annotations

import re

import yaml

from supplytrace.ingest.meta import normalise_meta
from supplytrace.ingest.text import split_header

_FRONT_MATTER_RE = re.compile(
    r"\A\ufeff?\s*---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*$\r?\n?", re.S | re.M
)
_FENCE_RE = re.compile(r"^\s*(```|~~~)")
_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT_RE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE_RE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_LINK_DEFINITION_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_BLOCKQUOTE_RE = re.compile(r"^\s{0,3}(?:>\s?)+")
_LIST_MARKER_RE = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])\s+")
# Dropped images and fences leave runs of blank lines; one blank line still ends a paragraph.
_EXTRA_BLANK_LINES_RE = re.compile(r"\n(?:[ \t]*\n){2,}")

_INLINE_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"!\[[^\]]*\]\[[^\]]*\]"), ""),  # reference images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # <https://autolink>
    (re.compile(r"`([^`]+)`"), r"\1"),  # inline code
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # *emphasis*
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),  # _emphasis_
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),  # strikethrough
]


def parse_markdown(text: str) -> tuple[str, dict[str, str]]:
    """(prose, metadata) of a Markdown document. Never raises.

    Metadata comes from YAML front matter, or failing that a ``key: value`` header ended by
    ``---``; the title, when none is given, is the first level-one heading.
    """
    meta: dict[str, str] = {}
    body = text
    if match := _FRONT_MATTER_RE.match(text):
        meta = _front_matter(match[1])
        body = text[match.end() :]
    elif (header := split_header(text)) is not None:
        body, meta = header
    prose, first_heading = strip_markdown(body)
    if "title" not in meta and first_heading:
        meta["title"] = first_heading
    return prose, meta


def _front_matter(block: str) -> dict[str, str]:
    """Metadata from a front-matter block; YAML first, ``key: value`` lines when not YAML."""
    try:
        loaded = yaml.safe_load(block)
    except yaml.YAMLError:
        loaded = None
    if isinstance(loaded, dict):
        return normalise_meta(loaded)
    header = split_header(block + "\n---\n")
    return header[1] if header else {}


def strip_markdown(text: str) -> tuple[str, str | None]:
    """(prose, first level-one heading): the words of ``text`` without Markdown syntax."""
    lines: list[str] = []
    first_heading: str | None = None
    for line in text.splitlines():
        if _FENCE_RE.match(line) or _RULE_RE.match(line) or _LINK_DEFINITION_RE.match(line):
            continue
        if _SETEXT_RE.match(line) and lines and lines[-1].strip():
            continue
        if heading := _HEADING_RE.match(line):
            line = heading[2]
            if first_heading is None and len(heading[1]) == 1:
                first_heading = _strip_inline(line).strip() or None
        line = _BLOCKQUOTE_RE.sub("", line)
        line = _LIST_MARKER_RE.sub(r"\1", line)
        lines.append(_strip_inline(line).rstrip())
    prose = _EXTRA_BLANK_LINES_RE.sub("\n\n", "\n".join(lines))
    return prose.strip(), first_heading


def _strip_inline(line: str) -> str:
    for pattern, replacement in _INLINE_RULES:
        line = pattern.sub(replacement, line)
    return line
