"""Files on disk: walking folders, telling formats apart, decoding bytes to text.

Decoding is deliberately strict. Text is UTF-8 (a byte-order mark is dropped) or UTF-16 with a
byte-order mark; anything else is reported with the offending byte rather than guessed at,
because a wrong guess silently corrupts names ("Türkiye") that entity resolution depends on.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from supplytrace.errors import UnreadableDocument
from supplytrace.model import Skipped

FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"
_SNIFF_BYTES = 8192
# Share of control characters or undecodable bytes above which a file is data, not text.
_BINARY_SHARE = 0.10
_TEXT_CONTROLS = {"\t", "\n", "\r", "\f", "\v", "\x1b"}


def detect_format(path: str | Path) -> str:
    """The format a file is read as, from its extension; unknown extensions are tried as text."""
    return FORMATS.get(Path(path).suffix.lower(), "text")


def decode(data: bytes, source: str) -> str:
    """The text of a file's bytes; raises UnreadableDocument saying why it is not text."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableDocument(
                source, "not valid UTF-16 despite its byte-order mark"
            ) from None
    data = data.removeprefix(_UTF8_BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if _mostly_undecodable(data):
            raise UnreadableDocument(source, "binary file, not text") from None
        byte = data[error.start]
        raise UnreadableDocument(
            source, f"not valid UTF-8 (byte 0x{byte:02x} at offset {error.start})"
        ) from None
    if _mostly_controls(text[:_SNIFF_BYTES]):
        raise UnreadableDocument(source, "binary file, not text")
    # a stray NUL (a paste from a PDF, a bad copy) is a space: the text stays the same length,
    # and a few of them do not make a text binary (its share of control characters does)
    return text.replace("\x00", " ")


def _mostly_undecodable(data: bytes) -> bool:
    sample = data[:_SNIFF_BYTES].decode("utf-8", errors="replace")
    bad = sum(1 for char in sample if char == "\ufffd" or _is_control(char))
    return bad > _BINARY_SHARE * max(len(sample), 1)


def _mostly_controls(sample: str) -> bool:
    controls = sum(1 for char in sample if _is_control(char))
    return controls > _BINARY_SHARE * max(len(sample), 1)


def _is_control(char: str) -> bool:
    return char < " " and char not in _TEXT_CONTROLS


def sniff_binary(path: Path, source: str) -> None:
    """Raise UnreadableDocument when a file's first bytes show it is not text.

    For formats read as a stream (JSON Lines), where the whole file is never decoded at once.
    """
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if head.startswith(_UTF16_BOMS):
        raise UnreadableDocument(source, "UTF-16 JSON Lines are not supported; convert to UTF-8")
    if head and _mostly_undecodable(head):
        raise UnreadableDocument(source, "binary file, not text")


def expand_paths(paths: Iterable[str | Path]) -> Iterator[tuple[str, Path] | Skipped]:
    """(path as given or joined under a given folder, Path) per file, or Skipped per bad path.

    Folders are walked recursively in sorted order, so a run is reproducible; hidden files and
    folders (``.git``, ``.DS_Store``) are skipped inside folders, but a hidden path given
    explicitly is read. Symbolic links to folders are not followed, so a link cycle cannot
    loop forever.
    """
    for given in paths:
        name = str(given)
        path = Path(given)
        if path.is_dir():
            yield from _walk(name, path)
        elif path.exists() or path.is_symlink():
            yield name, path
        else:
            yield Skipped(name, "no such file or directory")


def _walk(name: str, folder: Path) -> Iterator[tuple[str, Path] | Skipped]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield Skipped(name, f"cannot list folder: {error.strerror or error}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = os.path.join(name, entry.name)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            # a link to a folder, or a link that loops (its target cannot be resolved)
            linked_dir = not is_dir and entry.is_symlink() and _points_to_folder(entry)
        except OSError as error:
            yield Skipped(child, f"cannot read: {error.strerror or error}")
            continue
        if is_dir:
            yield from _walk(child, Path(entry.path))
        elif linked_dir:
            yield Skipped(child, "symbolic link to a folder, not followed")
        else:
            yield child, Path(entry.path)


def _points_to_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError as error:
        raise OSError(
            error.errno, f"symbolic link that cannot be followed ({error.strerror})"
        ) from None
