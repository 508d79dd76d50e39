"""Read the shared seed and dev documents as ``Document``s, independent of the ingest stage.

The dev files carry a ``key: value`` header ended by ``---``; the seeds may start with
``date YYYY-MM-DD``. Only what dedup needs (body text and date) is parsed here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from supplytrace.model import Document

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
_SEED_DATE = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s+")


def read_document(path: Path) -> Document:
    """A ``Document`` for one shared file: header stripped, date kept as ``published``."""
    raw = path.read_text(encoding="utf-8")
    published: str | None = None
    head, sep, body = raw.partition("\n---\n")
    if sep and all(re.match(r"^[a-z_]+:", line) for line in head.splitlines() if line.strip()):
        for line in head.splitlines():
            key, _, value = line.partition(":")
            if key == "date" and value.strip():
                published = value.strip()
        text = body
    else:
        text = raw
        found = _SEED_DATE.match(raw)
        if found:
            published = found.group(1)
            text = raw[found.end() :]
    return Document.create(text, published=published, source_path=path.name)


def load_corpus() -> tuple[list[Document], set[frozenset[str]], set[frozenset[str]]]:
    """Seed and dev documents, with the gold near-duplicate and same-event pairs (by file name)."""
    docs: list[Document] = []
    near: set[frozenset[str]] = set()
    same: set[frozenset[str]] = set()
    for folder, gold in (
        (DATA / "seeds", DATA / "seeds" / "gold.jsonl"),
        (DATA / "dev" / "corpus", DATA / "dev" / "gold.jsonl"),
    ):
        docs.extend(read_document(p) for p in sorted(folder.glob("*.txt")))
        for line in gold.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            for other in row.get("near_duplicate_of", []):
                near.add(frozenset((row["doc"], other)))
            for other in row.get("same_event_as", []):
                same.add(frozenset((row["doc"], other)))
    return docs, near, same
