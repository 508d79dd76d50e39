"""Write the hostile and malformed inputs of issue 12 into a folder (nothing binary is committed).

    python tests/bad_inputs/make_cases.py OUT_DIR

Each case is one file (or link) named after what it tests. ``tests/ingest/test_ingest_bad_inputs.py``
ingests the folder and checks that every case ends as a stored document or a skip with a reason,
and that no case crashes, hangs or exhausts memory.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import sys
import zipfile
from pathlib import Path

HEADER = "title: {title}\nurl: {url}\ndate: 2025-03-04\n---\n"
SENTENCE = "Orbel Trading shipped bearings to the Kestrov plant in March, the ledger shows. "


def _text(title: str, body: str, url: str = "https://example.org/a") -> str:
    # the title ends the body too, so no two cases are one document (identical texts are stored once)
    return HEADER.format(title=title, url=url) + body + f"\n\nThis was the {title} case.\n"


def cases() -> dict[str, bytes]:
    rng = random.Random(12)

    def good(case: str) -> str:
        return _text(f"plain report {case}", SENTENCE * 3)

    nested = "<div>" * 10_000 + "<p>" + SENTENCE + "Deeply nested.</p>" + "</div>" * 10_000
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
            for i in range(1, 10)
        )
        + "]><html><body><p>&lol9;</p><p>"
        + SENTENCE
        + "With entities.</p></body></html>"
    )
    zeros = b"\0" * 50_000_000
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("inner.txt", zeros)
    out: dict[str, bytes] = {
        "01-plain.txt": good("01").encode(),
        "02-empty.txt": b"",
        "03-whitespace-only.txt": b" \n\t\n   \n",
        "04-header-only.txt": HEADER.format(title="x", url="https://e.org").encode(),
        "05-random-binary.txt": rng.randbytes(20_000),
        "06-random-binary.bin": rng.randbytes(5_000),
        "07-pdf-header.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + rng.randbytes(4_000),
        "08-two-nul-bytes.txt": good("08").replace("shipped", "ship\0ped\0").encode(),
        "09-all-nul.txt": b"\0" * 10_000,
        "10-invalid-utf8.txt": good("10").encode()[:60]
        + b"\xff\xfe\xfa"
        + good("10").encode()[60:],
        "11-latin1.txt": _text(
            "Rapport", "La soci\xe9t\xe9 Orbel a livr\xe9 des roulements."
        ).encode("latin-1"),
        "12-cp1252-quotes.txt": _text(
            "Quotes", "\u201cOrbel\u201d sold bearings \u2013 the ledger."
        ).encode("cp1252"),
        "13-mixed-encodings.txt": good("13").encode()
        + "Caf\xe9 M\xfcller".encode("latin-1")
        + "Caf\xe9".encode(),
        "14-utf16le-bom.txt": b"\xff\xfe" + good("14").encode("utf-16-le"),
        "15-utf16be-bom.txt": b"\xfe\xff" + good("15").encode("utf-16-be"),
        "16-utf16le-no-bom.txt": good("16").encode("utf-16-le"),
        "17-utf8-bom.txt": b"\xef\xbb\xbf" + good("17").encode(),
        "18-html-nested-10000.html": nested.encode(),
        "19-html-scripts.html": (
            "<html><head><title>t</title><script>alert(1)</script></head><body>"
            '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a><p>'
            + SENTENCE
            + "With scripts.</p></body></html>"
        ).encode(),
        "20-html-billion-laughs.html": laughs.encode(),
        "21-html-is-binary.html": rng.randbytes(3_000),
        "22-one-megabyte-line.txt": _text("One line", (SENTENCE.strip() + " ") * 12_000)
        .replace(". ", "; ")
        .encode(),
        "23-two-megabyte-document.txt": _text("Long", (SENTENCE + "\n\n") * 25_000).encode(),
        "24-100k-token-sentence.txt": _text(
            "No stops", " ".join(["bearings"] * 100_000) + "."
        ).encode(),
        "25-half-megabyte-word.txt": _text("One word", "x" * 500_000).encode(),
        "26-tiny-sentences.txt": _text("Tiny", "A. " * 20_000).encode(),
        "27-many-names.txt": _text(
            "Names",
            " ".join(
                f"Zorvek{i} Trading Ltd shipped valves to Kestrov{i} Plant." for i in range(1000)
            ),
        ).encode(),
        "28-control-chars.txt": _text(
            "Controls", SENTENCE + "\x07\x08\x1b[31m" + SENTENCE
        ).encode(),
        "29-bidi-and-zero-width.txt": _text(
            "Bidi", "Or\u200bbel \u202eTrading\u202c shipped bearings to Kestrov."
        ).encode(),
        "30-emoji-astral.txt": _text(
            "Emoji \U0001f680", "Orbel \U0001f4e6 shipped bearings \U00010348 to Kestrov."
        ).encode(),
        "31-script-url-header.txt": _text(
            "Script url", SENTENCE, url="javascript:alert(document.domain)"
        ).encode(),
        "32-data-url-header.txt": _text(
            "Data url", SENTENCE, url="data:text/html,<script>alert(1)</script>"
        ).encode(),
        "33-huge-header-line.txt": ("title: " + "T" * 200_000 + "\n---\n" + SENTENCE).encode(),
        "34-broken-lines.jsonl": b"\n".join(
            [
                json.dumps({"text": SENTENCE + "First line.", "title": "ok"}).encode(),
                b'{"text": "unterminated',
                b"[1, 2, 3]",
                b'{"title": "no text"}',
                b'{"text": ""}',
                b"\xff\xfe not utf8",
                json.dumps({"text": SENTENCE + " again", "url": "javascript:x"}).encode(),
            ]
        ),
        "35-deeply-nested.jsonl": (
            b'{"text": "a", "x": '
            + b"[" * 100_000
            + b"]" * 100_000
            + b"}\n"
            + json.dumps({"text": SENTENCE}).encode()
        ),
        "36-empty.jsonl": b"",
        "37-gzip-bomb.txt.gz": gzip.compress(zeros, compresslevel=9),
        "38-zip-bomb.zip": zipped.getvalue(),
        "39-markdown-html-inside.md": (
            "# Heading\n\n<script>alert(1)</script>\n\n" + SENTENCE
        ).encode(),
        "40-crlf-and-cr.txt": _text(
            "Line ends", SENTENCE.replace(". ", ".\r\n") + "\r" + SENTENCE
        ).encode(),
        "41-only-punctuation.txt": _text("Punct", "!?.,;:" * 5_000).encode(),
        "42-name with spaces & ünïcode.txt": good("42").encode(),
    }
    return out


def write_cases(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in cases().items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    loop = folder / "43-loop"
    loop.mkdir(exist_ok=True)
    os.symlink("../43-loop", loop / "self")  # a link to its own folder
    os.symlink("a-link-b", folder / "44-link-a.txt")  # two links pointing at each other
    os.symlink("44-link-a.txt", folder / "a-link-b")
    os.symlink("does-not-exist.txt", folder / "45-dangling.txt")
    unreadable = folder / "46-unreadable.txt"
    unreadable.write_text(_text("Locked", SENTENCE))
    unreadable.chmod(0)
    os.mkfifo(folder / "47-named-pipe.txt")
    return paths


if __name__ == "__main__":
    write_cases(Path(sys.argv[1]))
