"""JSON Lines: one document per line, read as a stream so a large dump needs little memory.

A bad line (not JSON, not an object, no text) is reported as :class:`Skipped` under the name
``{path}#L{lineno}`` and the lines after it are still read: one broken record in a crawl of
thousands must not cost the rest.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from supplytrace.errors import UnreadableDocument
from supplytrace.ingest.meta import build_document, normalise_meta
from supplytrace.model import Document, Skipped

TEXT_KEYS = ("text", "body", "content")


def line_source(path: str, lineno: int) -> str:
    """The source_path of one line: ``corpus.jsonl#L12`` (1-based, like an editor)."""
    return f"{path}#L{lineno}"


# A line longer than this is skipped (its rest read past in pieces), not held in memory.
MAX_LINE_BYTES = 32_000_000


class LongLine(bytes):
    """The start of a line that was longer than ``MAX_LINE_BYTES``."""


def bounded_lines(handle: BinaryIO, limit: int = MAX_LINE_BYTES) -> Iterator[bytes]:
    """The lines of a binary stream, none held longer than ``limit`` bytes: a longer line is
    yielded as a ``LongLine`` of its start, and the rest of it is read past."""
    while line := handle.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while (rest := handle.readline(limit)) and not rest.endswith(b"\n"):
            pass
        yield LongLine(line[:100])


def parse_jsonl(lines: Iterable[bytes | str], path: str) -> Iterator[Document | Skipped]:
    """One Document or Skipped per non-blank line of a JSON Lines stream."""
    for lineno, raw in enumerate(lines, start=1):
        source = line_source(path, lineno)
        if isinstance(raw, LongLine):
            yield Skipped(source, f"line longer than {MAX_LINE_BYTES / 1e6:.0f} MB")
            continue
        if isinstance(raw, bytes):
            if lineno == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                byte = raw[error.start]
                yield Skipped(
                    source, f"not valid UTF-8 (byte 0x{byte:02x} at offset {error.start})"
                )
                continue
        else:
            line = raw.removeprefix("\ufeff") if lineno == 1 else raw
        if not line.strip():
            continue
        try:
            yield parse_record(line, source)
        except UnreadableDocument as error:
            yield Skipped(error.source, error.reason)


def parse_record(line: str, source: str) -> Document:
    """The Document of one JSON line; raises UnreadableDocument naming what is wrong with it."""
    try:
        record: Any = json.loads(line.rstrip())
    except RecursionError:
        raise UnreadableDocument(source, "JSON nested too deeply to read") from None
    except json.JSONDecodeError as error:
        raise UnreadableDocument(
            source, f"malformed JSON ({error.msg} at column {error.colno})"
        ) from None
    if not isinstance(record, dict):
        raise UnreadableDocument(source, f"expected a JSON object, got {type(record).__name__}")
    text = next((record[key] for key in TEXT_KEYS if key in record), None)
    if not isinstance(text, str) or not text.strip():
        raise UnreadableDocument(source, "no text (expected a non-empty 'text' field)")
    return build_document(text, normalise_meta(record), source)
