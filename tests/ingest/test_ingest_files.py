"""Folders, decoding and bad input: one bad file never stops a batch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from supplytrace.errors import UnreadableDocument
from supplytrace.ingest import read_file, read_paths
from supplytrace.model import Document, Skipped

GOOD = "title: A fine note\n---\nMachine tools were shipped.\n"


@pytest.fixture()
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b_empty.txt").write_text("  \n\t\n", encoding="utf-8")
    (folder / "c_binary.txt").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    )
    (folder / "d_latin1.txt").write_bytes("Exports to Türkiye rose.".encode("latin-1"))
    (folder / "e_noext").write_text("Drones were sold.\n", encoding="utf-8")
    (folder / "sub" / "f_nested.md").write_text("# Nested\n\nBody text.\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("secret", encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "config.txt").write_text("not a document", encoding="utf-8")
    return folder


def test_folder_reads_good_files_and_skips_bad_ones(mixed_folder: Path) -> None:
    given = str(mixed_folder)
    items = list(read_paths([given]))
    by_path = {item.source_path: item for item in items}
    assert list(by_path) == [
        os.path.join(given, name)
        for name in ("a_good.txt", "b_empty.txt", "c_binary.txt", "d_latin1.txt", "e_noext")
    ] + [os.path.join(given, "sub", "f_nested.md")]
    good = by_path[os.path.join(given, "a_good.txt")]
    assert isinstance(good, Document) and good.title == "A fine note"
    assert by_path[os.path.join(given, "b_empty.txt")] == Skipped(
        os.path.join(given, "b_empty.txt"), "empty document"
    )
    assert by_path[os.path.join(given, "c_binary.txt")].reason == "binary file, not text"  # type: ignore[union-attr]
    assert by_path[os.path.join(given, "d_latin1.txt")].reason == (  # type: ignore[union-attr]
        "not valid UTF-8 (byte 0xfc at offset 12)"
    )
    assert isinstance(by_path[os.path.join(given, "e_noext")], Document)
    nested = by_path[os.path.join(given, "sub", "f_nested.md")]
    assert isinstance(nested, Document) and nested.title == "Nested"


def test_order_is_deterministic(mixed_folder: Path) -> None:
    first = [item.source_path for item in read_paths([mixed_folder])]
    second = [item.source_path for item in read_paths([mixed_folder])]
    assert first == second


def test_missing_path_is_skipped() -> None:
    assert list(read_paths(["no/such/place.txt"])) == [
        Skipped("no/such/place.txt", "no such file or directory")
    ]


def test_mostly_binary_without_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(128, 256)) * 4)
    (item,) = read_paths([path])
    assert item == Skipped(str(path), "binary file, not text")


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbftitle: With BOM\n---\nBody.\n")
    (doc,) = read_file(path)
    assert doc.title == "With BOM" and doc.text == "Body."


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Exports to Türkiye rose.\n".encode("utf-16"))
    (doc,) = read_file(path)
    assert doc.text == "Exports to Türkiye rose."


def test_header_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "header_only.txt"
    path.write_text("title: Nothing else\n---\n\n", encoding="utf-8")
    with pytest.raises(UnreadableDocument, match="empty document"):
        read_file(path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_reports_os_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("words", encoding="utf-8")
    path.chmod(0)
    try:
        (item,) = read_paths([path])
    finally:
        path.chmod(0o600)
    assert isinstance(item, Skipped) and "Permission denied" in item.reason


def test_empty_jsonl_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "nothing.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert list(read_paths([path])) == [Skipped(str(path), "empty document")]


def test_binary_jsonl_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "blob.jsonl"
    path.write_bytes(b"\x00\x01\x02" * 100)
    assert list(read_paths([path])) == [Skipped(str(path), "binary file, not text")]


def test_os_error_while_reading_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("words", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert list(read_paths([path])) == [Skipped(str(path), "cannot read: Permission denied")]


def test_a_symbolic_link_loop_in_a_folder_is_skipped_and_the_rest_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "loops"
    folder.mkdir()
    (folder / "a").symlink_to(folder / "b")
    (folder / "b").symlink_to(folder / "a")
    (folder / "up").symlink_to(folder)  # a link back to the folder itself
    (folder / "note.txt").write_text(GOOD, encoding="utf-8")
    items = list(read_paths([folder]))
    skipped = {Path(s.source_path).name: s.reason for s in items if isinstance(s, Skipped)}
    assert "symbolic link that cannot be followed" in skipped["a"]
    assert "symbolic link that cannot be followed" in skipped["b"]
    assert skipped["up"] == "symbolic link to a folder, not followed"
    assert [d.title for d in items if isinstance(d, Document)] == ["A fine note"]


def test_a_few_nul_bytes_do_not_make_a_text_binary(tmp_path: Path) -> None:
    path = tmp_path / "pasted.txt"
    path.write_bytes(b"Machine tools\x00 were shipped to the buyer.\x00\n")
    (doc,) = list(read_paths([path]))
    assert isinstance(doc, Document)
    assert doc.text.startswith("Machine tools  were shipped")  # the NUL is a space
