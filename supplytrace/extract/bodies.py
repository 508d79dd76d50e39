"""Well-known bodies by name, short form or description: "E.U." -> European Union, "Ukraine's
military intelligence" -> Ukrainian Defence Intelligence (HUR), "REUTERS" -> Reuters.

The list is data (``data/organizations.yaml``). Matching is on tokens, longest alias first;
short all-capital aliases ("EU", "FT", "HUR") match only in capitals so that ordinary words
are never mistaken for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.tokens import Doc

from supplytrace.data import load_yaml


@dataclass(frozen=True)
class Body:
    name: str
    country: str | None
    kind: str = "body"


def _norm(text: str) -> str:
    return text.replace("’", "'").replace(".", "")


def _is_abbreviation(alias: str) -> bool:
    letters = alias.replace(".", "").replace("-", "")
    return len(letters) <= 5 and letters.isupper()


class KnownBodies:
    """Token-sequence index over the names and aliases of known bodies."""

    def __init__(self, entries: list[dict[str, object]]) -> None:
        tokenizer = spacy.blank("en").tokenizer
        self.exact: dict[tuple[str, ...], Body] = {}
        self.folded: dict[tuple[str, ...], Body] = {}
        self.longest = 1
        self.starts: set[str] = set()  # first words of aliases, as written and lower case
        self.media: set[str] = set()
        for entry in entries:
            body = Body(
                str(entry["name"]),
                entry.get("country"),  # type: ignore[arg-type]
                str(entry.get("kind", "body")),
            )
            if body.kind == "media":
                self.media.add(body.name)
            aliases = [body.name, *entry.get("aliases", ())]  # type: ignore[misc]
            for alias in aliases:
                text = str(alias)
                if text.lower().startswith("the "):
                    text = text[4:]
                key = tuple(_norm(t.text) for t in tokenizer(text) if _norm(t.text))
                if not key:
                    continue
                self.longest = max(self.longest, len(key))
                self.starts.update((key[0], key[0].lower()))
                if _is_abbreviation(text):
                    self.exact.setdefault(key, body)
                else:
                    self.folded.setdefault(tuple(k.lower() for k in key), body)

    def find(self, doc: Doc) -> list[tuple[int, int, Body]]:
        """Non-overlapping matches, longest first, left to right."""
        words = [_norm(t.text) for t in doc]
        found = []
        i = 0
        while i < len(doc):
            hit = None
            if words[i] not in self.starts and words[i].lower() not in self.starts:
                i += 1
                continue
            for size in range(min(self.longest, len(doc) - i), 0, -1):
                window = words[i : i + size]
                if not window[0] or not window[-1]:
                    continue
                key = tuple(w for w in window if w)
                body = self.exact.get(key) or self.folded.get(tuple(w.lower() for w in key))
                if body is not None:
                    hit = (i, i + size, body)
                    break
            if hit is None:
                i += 1
                continue
            found.append(hit)
            i = hit[1]
        return found


@lru_cache(maxsize=1)
def known_bodies() -> KnownBodies:
    return KnownBodies(load_yaml("organizations.yaml")["organizations"])
