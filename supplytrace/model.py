"""The types that pass between the stages.

Every type is a frozen dataclass with ``to_dict``/``from_dict`` so that stages can hand
results to each other, to the store and to worker processes as plain JSON. Ids are
content hashes: the same input always gives the same id.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal, TypeVar

Polarity = Literal["asserted", "denied"]
MentionKind = Literal["org", "country", "group", "person", "other"]

T = TypeVar("T")


def stable_hash(*parts: object, length: int = 16) -> str:
    """Hex digest of the JSON form of ``parts``: stable across runs and machines."""
    payload = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:length]


def normalise_text(text: str) -> str:
    """The form a document id is computed from: NFC, unified newlines, trimmed lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def document_id(text: str) -> str:
    """A document's id: the hash of its normalised text, so a copy is stored once."""
    return stable_hash("doc", normalise_text(text))


class _Record:
    """Shared dict round-trip for the frozen dataclasses below."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload,no-any-return]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        kwargs = {}
        for key, value in data.items():
            if key in known:
                kwargs[key] = tuple(value) if isinstance(value, list) else value
        return cls(**kwargs)


@dataclass(frozen=True)
class Document(_Record):
    """One input text with its metadata. ``text`` is the body without any header block."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    byline: str | None = None
    language: str = "en"
    source_path: str | None = None

    @classmethod
    def create(cls, text: str, **meta: Any) -> Document:
        return cls(id=document_id(text), text=text, **meta)


@dataclass(frozen=True)
class Skipped(_Record):
    """A document that could not be read, and why."""

    source_path: str
    reason: str


@dataclass(frozen=True)
class Mention(_Record):
    """A party named in a document: ``text`` is ``document.text[start:end]``."""

    start: int
    end: int
    text: str
    kind: MentionKind
    name: str  # canonical name: "China" for "PRC", "Wuhan Tongsheng Technology" for "... Co Ltd"
    country: str | None = None


@dataclass(frozen=True)
class Claim(_Record):
    """One statement, in one sentence of one document, that a party supplies something."""

    id: str
    document_id: str
    sentence_span: tuple[int, int]
    evidence: str
    supplier: str
    supplier_kind: MentionKind
    item: str
    recipient: str | None
    recipient_kind: MentionKind | None = None
    item_category: str | None = None
    hs_codes: tuple[str, ...] = ()
    chpl_tiers: tuple[str, ...] = ()
    end_uses: tuple[str, ...] = ()
    end_use_categories: tuple[str, ...] = ()
    polarity: Polarity = "asserted"
    hedged: bool = False
    asserted_by: str = "the article"
    quantity: str | None = None
    period: str | None = None
    stated_on: str | None = None  # ISO date the statement was made ("said Friday" resolved)
    extractor: str = ""
    # how sure a learned extractor is (None: a rule made the claim, no score), and the
    # features that weighed most in its decision, as (feature, weight) pairs
    confidence: float | None = None
    decided_by: tuple[tuple[str, float], ...] = ()

    @staticmethod
    def make_id(
        document_id: str,
        span: tuple[int, int],
        supplier: str,
        item: str,
        recipient: str | None,
        polarity: str,
    ) -> str:
        return stable_hash("claim", document_id, list(span), supplier, item, recipient, polarity)


@dataclass(frozen=True)
class Extraction(_Record):
    """What the extractor found in one document."""

    document_id: str
    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = ()
    error: str | None = None  # why the document could not be read; then nothing else is set

    def organizations(self) -> list[str]:
        return _unique(m.name for m in self.mentions if m.kind == "org")

    def countries(self) -> list[str]:
        return _unique(m.name for m in self.mentions if m.kind == "country")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        return cls(
            document_id=data["document_id"],
            mentions=tuple(Mention.from_dict(m) for m in data.get("mentions", ())),
            claims=tuple(Claim.from_dict(c) for c in data.get("claims", ())),
            error=data.get("error"),
        )


@dataclass(frozen=True)
class StoryCluster(_Record):
    """Documents that are copies or rewrites of one story: one independent source."""

    id: str
    document_ids: tuple[str, ...]
    representative: str

    @classmethod
    def create(cls, document_ids: list[str] | tuple[str, ...]) -> StoryCluster:
        ids = tuple(sorted(document_ids))
        return cls(id=stable_hash("story", list(ids)), document_ids=ids, representative=ids[0])


@dataclass(frozen=True)
class DocumentPair(_Record):
    """A relation found between two documents by the dedup stage."""

    a: str
    b: str
    relation: Literal["near_duplicate", "same_event"]
    score: float


@dataclass(frozen=True)
class Entity(_Record):
    """A resolved party: every mention whose normalised name has ``key`` points here."""

    id: str
    name: str
    kind: MentionKind
    key: str
    country: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fact(_Record):
    """Claims aggregated on (supplier, goods key, recipient, polarity).

    ``item_key`` is the goods key (``supplytrace.goods``: the category and the end uses its
    modifiers name); ``item_category`` its taxonomy category (the key itself for goods outside
    the taxonomy)."""

    supplier: str
    item_category: str
    recipient: str | None
    polarity: Polarity
    items: tuple[str, ...] = ()
    claims: int = 0
    documents: int = 0
    stories: int = 0
    asserters: tuple[str, ...] = ()
    denials: int = 0
    hedged_share: float = 0.0
    end_uses: tuple[str, ...] = ()
    hs_codes: tuple[str, ...] = ()
    chpl_tiers: tuple[str, ...] = ()
    first_seen: str | None = None
    last_seen: str | None = None
    evidence: tuple[str, ...] = field(default=())
    # the surest of its claims a learned extractor scored; None when rules made them all
    confidence: float | None = None
    item_key: str = ""  # left out (a Fact made by hand): the category

    def __post_init__(self) -> None:
        if not self.item_key:
            object.__setattr__(self, "item_key", self.item_category)


def _unique(values: Any) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(value, None)
    return list(seen)
