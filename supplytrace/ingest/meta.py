"""Metadata keys as sources write them, mapped onto :class:`~supplytrace.model.Document` fields.

Every format (header block, YAML front matter, JSON Lines, HTML metadata) names the same few
fields differently; mapping them in one place keeps the formats consistent with each other.
"""

from __future__ import annotations

from collections.abc import Mapping

from supplytrace.errors import UnreadableDocument
from supplytrace.ingest.dates import parse_date
from supplytrace.model import Document

# Lower-cased key as written -> Document field. The first alias present wins.
FIELD_ALIASES: dict[str, str] = {
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "site": "outlet",
    "sitename": "outlet",
    "site_name": "outlet",
    "url": "url",
    "link": "url",
    "source_url": "url",
    "canonical": "url",
    "date": "published",
    "published": "published",
    "published_at": "published",
    "pubdate": "published",
    "byline": "byline",
    "author": "byline",
    "authors": "byline",
    "by": "byline",
    "language": "language",
    "lang": "language",
}


def is_known_key(key: str) -> bool:
    """Whether ``key`` names a Document field, so a run of such lines is a header, not prose."""
    return _canonical_key(key) in FIELD_ALIASES


def _canonical_key(key: str) -> str:
    return key.strip().lower().replace("-", "_").replace(" ", "_")


def normalise_meta(raw: Mapping[str, object]) -> dict[str, str]:
    """Document field -> value, from metadata under any known alias.

    Empty values mean "not given" and are dropped, so ``date:`` with nothing after it gives no
    date rather than an empty string. A date that cannot be read is dropped too.
    """
    meta: dict[str, str] = {}
    for key, value in raw.items():
        field = FIELD_ALIASES.get(_canonical_key(str(key)))
        if field is None or field in meta or value is None:
            continue
        if field == "published":
            parsed = parse_date(value)
            if parsed:
                meta[field] = parsed
            continue
        if isinstance(value, list | tuple):
            value = ", ".join(str(item) for item in value if item)
        text = str(value).strip()
        if text:
            meta[field] = text.lower() if field == "language" else text
    return meta


def build_document(body: str, meta: Mapping[str, str], source_path: str | None) -> Document:
    """A Document with ``body`` trimmed at both ends only, so character offsets stay true."""
    text = body.strip()
    if not text:
        raise UnreadableDocument(source_path or "<text>", "empty document")
    return Document.create(text, source_path=source_path, **meta)
