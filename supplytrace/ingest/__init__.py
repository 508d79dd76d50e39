"""Ingest: files and texts -> :class:`~supplytrace.model.Document`.

Entry points:

* :func:`read_paths` streams Documents from files and folders, with one
  :class:`~supplytrace.model.Skipped` (path and reason) per file or line that cannot be read;
  it never raises for a bad document, so one broken file does not stop a batch.
* :func:`read_file` reads one file strictly, raising :class:`UnreadableDocument`.
* :func:`read_text` reads a text already in memory.

Formats: plain text (with a ``key: value`` header ended by ``---``, or the seed form with a
leading ``date YYYY-MM-DD`` and a byline), Markdown, HTML, JSON Lines.
"""

from __future__ import annotations

import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from supplytrace.errors import UnreadableDocument
from supplytrace.ingest.dates import find_dates, parse_date, resolve_relative
from supplytrace.ingest.files import decode, detect_format, expand_paths, sniff_binary
from supplytrace.ingest.html import parse_html
from supplytrace.ingest.jsonl import bounded_lines, parse_jsonl
from supplytrace.ingest.markdown import parse_markdown
from supplytrace.ingest.meta import build_document
from supplytrace.ingest.text import parse_text
from supplytrace.model import Document, Skipped

__all__ = [
    "FORMATS_READ_AS_ONE",
    "find_dates",
    "parse_date",
    "read_file",
    "read_paths",
    "read_text",
    "resolve_relative",
]

# A file read as one document is read whole: beyond this it is refused rather than read into
# memory (the extractor takes at most extract.MAX_CHARS characters of a document anyway).
MAX_FILE_BYTES = 32_000_000
# Formats holding one document per file, as read_text accepts them.
FORMATS_READ_AS_ONE = ("text", "markdown", "html")


def read_paths(paths: Iterable[str | Path]) -> Iterator[Document | Skipped]:
    """Documents from files and folders, in a deterministic order, with a Skipped per bad input.

    Folders are expanded recursively (sorted; hidden entries skipped). A JSON Lines file yields
    one item per line. Each item's ``source_path`` is the path as given (joined under a given
    folder), with ``#L<n>`` for a JSON line.
    """
    for item in expand_paths(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        name, path = item
        try:
            yield from _iter_file(name, path)
        except UnreadableDocument as error:
            yield Skipped(error.source, error.reason)


def read_file(path: str | Path) -> list[Document]:
    """Every document in one file; raises UnreadableDocument for the file or its first bad line.

    Strict where :func:`read_paths` is lenient: a caller asking for one file should hear about
    any part of it that could not be read rather than get fewer documents silently.
    """
    name = str(path)
    documents: list[Document] = []
    for item in _iter_file(name, Path(path)):
        if isinstance(item, Skipped):
            raise UnreadableDocument(item.source_path, item.reason)
        documents.append(item)
    return documents


def read_text(text: str, source_path: str | None = None, fmt: str = "text") -> Document:
    """The Document of a text in memory, in one of :data:`FORMATS_READ_AS_ONE`.

    Raises UnreadableDocument when nothing but a header (or nothing at all) is left.
    """
    text = text.removeprefix("\ufeff")
    if fmt == "text":
        body, meta = parse_text(text)
    elif fmt == "markdown":
        body, meta = parse_markdown(text)
    elif fmt == "html":
        body, meta = parse_html(text)
    else:
        raise ValueError(
            f"unknown format {fmt!r}; expected one of {', '.join(FORMATS_READ_AS_ONE)}"
        )
    return build_document(body, meta, source_path)


def _iter_file(name: str, path: Path) -> Iterator[Document | Skipped]:
    """The documents of one file; raises UnreadableDocument when the file as a whole is bad."""
    fmt = detect_format(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            # reading a named pipe or a device would wait forever or never end
            raise UnreadableDocument(name, "not a regular file (a pipe, socket or device)")
        if fmt == "jsonl":
            sniff_binary(path, name)
            with path.open("rb") as handle:
                yield from _nonempty_jsonl(parse_jsonl(bounded_lines(handle), name), name)
            return
        if info.st_size > MAX_FILE_BYTES:
            raise UnreadableDocument(
                name,
                f"{info.st_size / 1e6:.0f} MB is larger than the {MAX_FILE_BYTES / 1e6:.0f} MB "
                f"a single document may have; split it, or give it as JSON Lines",
            )
        data = path.read_bytes()
    except IsADirectoryError:
        raise UnreadableDocument(name, "is a folder, not a file") from None
    except OSError as error:
        raise UnreadableDocument(name, f"cannot read: {error.strerror or error}") from None
    if not data.strip():
        raise UnreadableDocument(name, "empty document")
    yield read_text(decode(data, name), source_path=name, fmt=fmt)


def _nonempty_jsonl(items: Iterator[Document | Skipped], name: str) -> Iterator[Document | Skipped]:
    """The items of a JSON Lines file, or an 'empty document' error if it has no records."""
    empty = True
    for item in items:
        empty = False
        yield item
    if empty:
        raise UnreadableDocument(name, "empty document")
