"""Persisted MinHash signatures and LSH band keys: the store's side of incremental clustering.

New documents are related to stored ones by looking their band keys up in ``band_keys`` (an
index lookup per key) and comparing their signatures with the stored signatures of the matches;
stored documents are never re-read or re-hashed for that. The tables know nothing of how
signatures are made: a scheme is a name (see ``dedup.signatures.Scheme``).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from supplytrace.model import DocumentPair
from supplytrace.store import rows as r
from supplytrace.store.database import Database

_CHUNK = 500


@dataclass(frozen=True)
class SchemeRows:
    """Signatures and band keys of a batch under one scheme, rows in document order."""

    signature_key: str
    band_key: str
    signatures: npt.NDArray[np.uint32]
    band_keys: npt.NDArray[np.uint64]
    # How many features each document has, and (for schemes that keep them) the features.
    sizes: Sequence[int] | None = None
    features: Sequence[frozenset[str]] | None = None


@dataclass(frozen=True)
class StoredSignature:
    """A stored signature with its feature count and, where kept, its features (None for
    rows signed before they were kept)."""

    signature: npt.NDArray[np.uint32]
    size: int | None
    features: frozenset[str] | None


def encode_signature(signature: npt.NDArray[np.uint32]) -> str:
    return base64.b64encode(signature.astype("<u4").tobytes()).decode("ascii")


def decode_signature(text: str) -> npt.NDArray[np.uint32]:
    return np.frombuffer(base64.b64decode(text), dtype="<u4").astype(np.uint32)


class SignatureTables:
    """The ``signatures`` and ``band_keys`` tables of one store."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def unsigned_documents(
        self, signature_keys: Sequence[str], limit: int, after: str = ""
    ) -> list[str]:
        """Up to ``limit`` ids, in order and greater than ``after``, of documents lacking a
        signature under any of the keys (paging on ``after`` keeps a full pass linear)."""
        sql = (
            "SELECT id FROM documents d WHERE id > ? AND (SELECT COUNT(*) FROM signatures s "
            f"WHERE s.document_id = d.id AND s.scheme IN ({r.placeholders(len(signature_keys))})) "
            "< ? ORDER BY id LIMIT ?"
        )
        params = (after, *signature_keys, len(signature_keys), limit)
        return [row[0] for row in self._db.rows(sql, params)]

    def signed_ids(self, signature_key: str) -> list[str]:
        sql = "SELECT document_id FROM signatures WHERE scheme = ? ORDER BY document_id"
        return [row[0] for row in self._db.rows(sql, (signature_key,))]

    def band_matches(
        self, band_key: str, document_ids: Sequence[str], keys: npt.NDArray[np.uint64]
    ) -> set[tuple[str, str]]:
        """(new document, stored document) for every stored band key equal to one of ``keys``."""
        owners: dict[int, list[str]] = {}
        for doc_id, row in zip(document_ids, keys.tolist(), strict=True):
            for key in row:
                owners.setdefault(int(key), []).append(doc_id)
        wanted = list(owners)
        found: set[tuple[str, str]] = set()
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            sql = (
                "SELECT band_key, document_id FROM band_keys "
                f"WHERE band_key IN ({r.placeholders(len(chunk))}) AND scheme = ?"
            )
            for key, stored in self._db.rows(sql, (*chunk, band_key)):
                found.update((new, stored) for new in owners[int(key)] if new != stored)
        return found

    def signatures(
        self, signature_key: str, ids: Sequence[str]
    ) -> dict[str, npt.NDArray[np.uint32]]:
        """Stored signatures of ``ids`` under ``signature_key`` (absent ids are left out)."""
        return {doc_id: row.signature for doc_id, row in self.stored(signature_key, ids).items()}

    def stored(self, signature_key: str, ids: Sequence[str]) -> dict[str, StoredSignature]:
        """``signatures`` with each one's feature count and kept features."""
        found: dict[str, StoredSignature] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = list(ids[i : i + _CHUNK])
            sql = (
                "SELECT document_id, signature, size, features FROM signatures "
                f"WHERE scheme = ? AND document_id IN ({r.placeholders(len(chunk))})"
            )
            for doc_id, text, size, features in self._db.rows(sql, (signature_key, *chunk)):
                kept = frozenset(json.loads(features)) if features is not None else None
                found[doc_id] = StoredSignature(decode_signature(text), size, kept)
        return found

    def iter_signatures(
        self, signature_key: str, chunk: int = 5000
    ) -> Iterator[tuple[list[str], npt.NDArray[np.uint32]]]:
        """Every stored signature under ``signature_key``, in chunks of (ids, matrix)."""
        sql = "SELECT document_id, signature FROM signatures WHERE scheme = ? ORDER BY document_id"
        ids: list[str] = []
        rows: list[npt.NDArray[np.uint32]] = []
        for doc_id, text in self._db.rows(sql, (signature_key,)):
            ids.append(doc_id)
            rows.append(decode_signature(text))
            if len(ids) == chunk:
                yield ids, np.vstack(rows)
                ids, rows = [], []
        if ids:
            yield ids, np.vstack(rows)

    def add(
        self,
        document_ids: Sequence[str],
        schemes: Sequence[SchemeRows],
        pairs: Sequence[DocumentPair],
    ) -> None:
        """Store a batch's signatures, band keys and the pairs found for it, atomically.

        Idempotent: a document signed again under a scheme replaces its rows, and a pair
        already stored is kept as it is.
        """
        with self._db.transaction():
            for scheme in schemes:
                self._delete(document_ids, "signatures", scheme.signature_key)
                self._delete(document_ids, "band_keys", scheme.band_key)
                n = len(document_ids)
                sizes = scheme.sizes if scheme.sizes is not None else [None] * n
                kept = (
                    [json.dumps(sorted(f), ensure_ascii=False) for f in scheme.features]
                    if scheme.features is not None
                    else [None] * n
                )
                self._db.executemany(
                    "INSERT INTO signatures (document_id, scheme, signature, size, features) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (
                        (doc_id, scheme.signature_key, encode_signature(sig), size, features)
                        for doc_id, sig, size, features in zip(
                            document_ids, scheme.signatures, sizes, kept, strict=True
                        )
                    ),
                )
                self._insert_band_keys(scheme.band_key, document_ids, scheme.band_keys)
            self._db.executemany(
                "INSERT INTO document_pairs (a, b, relation, score) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (a, b, relation) DO NOTHING",
                ((p.a, p.b, p.relation, p.score) for p in pairs),
            )

    def has_band_keys(self, band_key: str) -> bool:
        sql = "SELECT 1 FROM band_keys WHERE scheme = ? LIMIT 1"
        return bool(list(self._db.rows(sql, (band_key,))))

    def band_schemes(self, prefix: str) -> list[str]:
        """Band-key schemes stored under ``prefix`` (a signature key), e.g. older bandings."""
        sql = "SELECT DISTINCT scheme FROM band_keys WHERE scheme LIKE ?"
        return sorted(row[0] for row in self._db.rows(sql, (prefix + "/%",)))

    def rebuild_band_keys(
        self,
        band_key: str,
        stale: Sequence[str],
        chunks: Iterable[tuple[Sequence[str], npt.NDArray[np.uint64]]],
    ) -> None:
        """Replace the band keys of the ``stale`` schemes by ``band_key`` rows, atomically."""
        with self._db.transaction():
            for scheme in (*stale, band_key):
                self._db.execute("DELETE FROM band_keys WHERE scheme = ?", (scheme,))
            for ids, keys in chunks:
                self._insert_band_keys(band_key, ids, keys)

    def _delete(self, document_ids: Sequence[str], table: str, scheme: str) -> None:
        for i in range(0, len(document_ids), _CHUNK):
            chunk = list(document_ids[i : i + _CHUNK])
            self._db.execute(
                f"DELETE FROM {table} WHERE scheme = ? "
                f"AND document_id IN ({r.placeholders(len(chunk))})",
                (scheme, *chunk),
            )

    def _insert_band_keys(
        self, band_key: str, document_ids: Sequence[str], keys: npt.NDArray[np.uint64]
    ) -> None:
        self._db.executemany(
            "INSERT INTO band_keys (band_key, scheme, document_id) VALUES (?, ?, ?)",
            (
                (int(key), band_key, doc_id)
                for doc_id, row in zip(document_ids, keys.tolist(), strict=True)
                for key in row
            ),
        )
