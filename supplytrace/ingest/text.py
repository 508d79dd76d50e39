"""Plain text with an optional header, in the two forms the corpora use.

* A header block: ``key: value`` lines (url, title, outlet, date, ...) ended by a line ``---``.
* The lighter seed form: an optional leading ``date YYYY-MM-DD`` on the first line, followed by
  the text on the same line, and a byline (a person's name) as the last line.

The body is sliced out of the original string, never rewritten, so that evidence spans found
later index the text exactly as it was published.
"""

from __future__ import annotations

import re

from supplytrace.ingest.meta import is_known_key, normalise_meta

_HEADER_LINE_RE = re.compile(r"^\s*([A-Za-z][\w -]{0,30}?)\s*:(?:\s(.*)|)$")
_HEADER_END = "---"
_MAX_HEADER_LINES = 40

_SEED_DATE_RE = re.compile(r"\A\s*date:?[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)

# A byline word: capitalised name ("Holland", "O'Brien", "Jean-Luc"), or an initial ("J.").
_NAME_WORD_RE = re.compile(r"^(?:[A-Z][a-z]*\.|[A-Z][\w'’-]*)$")
_NAME_PARTICLES = {"de", "van", "von", "der", "den", "da", "del", "di", "la", "le", "al", "bin"}
_SENTENCE_PUNCTUATION = set(',;:!?"“”()[]')
# Last lines that look like names but are page furniture.
_NOT_BYLINES = {
    "read more",
    "related articles",
    "related stories",
    "share this",
    "all rights reserved",
}


def parse_text(text: str) -> tuple[str, dict[str, str]]:
    """(body, metadata) of a plain-text document in either header form, or none.

    Never raises: any text at all is a body, a header is only recognised when it is certain.
    """
    header = split_header(text)
    if header is not None:
        return header
    meta: dict[str, str] = {}
    body = text
    if match := _SEED_DATE_RE.match(body):
        meta = normalise_meta({"date": match[1]})
        body = body[match.end() :]
    body, byline = split_byline(body)
    if byline:
        meta["byline"] = byline
    return body.strip(), meta


def split_header(text: str) -> tuple[str, dict[str, str]] | None:
    """(body, metadata) when ``text`` opens with a ``key: value`` block ended by ``---``.

    The block may itself open with ``---`` (front-matter style) and may hold blank lines and
    unknown keys, but at least one key must name a Document field; anything else before the
    ``---`` means this is prose, and None is returned.
    """
    lines = text.splitlines(keepends=True)
    raw: dict[str, object] = {}
    offset = 0
    seen_key = False
    for index, line in enumerate(lines[: _MAX_HEADER_LINES + 2]):
        stripped = line.strip()
        offset += len(line)
        if stripped == _HEADER_END:
            if not seen_key and not raw and index == _first_content_line(lines):
                continue  # an opening fence, as in front matter
            if any(is_known_key(key) for key in raw):
                return text[offset:].strip(), normalise_meta(raw)
            return None
        if not stripped:
            continue
        match = _HEADER_LINE_RE.match(line.rstrip("\r\n"))
        if match is None:
            return None
        seen_key = True
        raw.setdefault(match[1], (match[2] or "").strip())
    return None


def _first_content_line(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        if line.strip():
            return index
    return -1


def split_byline(body: str) -> tuple[str, str | None]:
    """(body without its last line, byline) if the last line is a name, else (body, None).

    A byline is a short last line of two to four capitalised words with no sentence punctuation
    ("Steve Holland", "By Jane Q. Doe"); the body must have other lines, so a one-line text is
    never mistaken for its own byline.
    """
    trimmed = body.rstrip()
    cut = max(trimmed.rfind("\n"), trimmed.rfind("\r"))
    if cut < 0:
        return body, None
    rest, last = trimmed[:cut], trimmed[cut + 1 :].strip()
    if not rest.strip() or not _is_byline(last):
        return body, None
    name = re.sub(r"^[Bb]y\s+", "", last)
    return rest, name


def _is_byline(line: str) -> bool:
    if not line or len(line) > 60 or _SENTENCE_PUNCTUATION & set(line):
        return False
    if line.lower() in _NOT_BYLINES:
        return False
    words = line.split()
    if words and words[0].lower() == "by":
        words = words[1:]
    if words and words[-1].endswith("."):
        # A last word ending in a full stop ends a sentence ("It Was Over.") unless an initial.
        if not re.fullmatch(r"[A-Z]\.", words[-1]):
            return False
    names = [word for word in words if word not in _NAME_PARTICLES]
    if not 2 <= len(words) <= 4 or len(names) < 2:
        return False
    return all(_NAME_WORD_RE.match(word) for word in names)
