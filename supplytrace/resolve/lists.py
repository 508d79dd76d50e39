"""Reference lists (sanctions, watch lists) read from the formats people publish them in.

* FollowTheMoney / OpenSanctions entity JSON lines: ``{"id", "schema", "caption"?,
  "properties": {"name": [...], "alias": [...], "weakAlias": [...], "previousName": [...],
  "country": [...], "jurisdiction": [...]}}``, one entity a line.
* CSV with a header row: ``name`` (required), ``alias`` / ``aliases`` (several separated by
  ``;`` or ``|``), ``country`` / ``countries``, ``id`` (else the row number), ``schema``.

A line that cannot be read is reported with its line number and the rest still loads.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from supplytrace.errors import SupplytraceError
from supplytrace.store.resolution import ListEntry

_NAME_PROPS = ("name", "alias", "previousName", "weakAlias")
_COUNTRY_PROPS = ("country", "jurisdiction", "nationality", "citizenship")
_SPLIT = re.compile(r"\s*[;|]\s*")


class ListFormatError(SupplytraceError):
    """A list file that cannot be read at all (unknown format, no name column)."""


@dataclass(frozen=True)
class LineError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class ParsedList:
    entries: list[ListEntry] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)


def read_list(path: Path, name: str) -> ParsedList:
    """Entries of the list file at ``path`` (format from the extension or the first byte)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ListFormatError(f"{path}: cannot read ({exc}); pass a UTF-8 text file") from exc
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json", ".ndjson", ".ftm") or text.lstrip().startswith("{"):
        return parse_ftm(text, name)
    if suffix in (".csv", ".tsv", ".txt"):
        return parse_csv(text, name, delimiter="\t" if suffix == ".tsv" else ",")
    raise ListFormatError(
        f"{path}: unknown list format {suffix!r}; use FtM JSON lines (.jsonl) or CSV (.csv)"
    )


def _values(props: dict[str, Any], keys: tuple[str, ...]) -> list[str]:
    found: list[str] = []
    for key in keys:
        value = props.get(key) or []
        for item in [value] if isinstance(value, str) else value:
            if isinstance(item, str) and item.strip() and item.strip() not in found:
                found.append(item.strip())
    return found


def parse_ftm(text: str, list_name: str) -> ParsedList:
    parsed = ParsedList()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            parsed.errors.append(LineError(number, f"not JSON ({exc.msg})"))
            continue
        if not isinstance(record, dict) or not record.get("id"):
            parsed.errors.append(LineError(number, "not an entity object with an 'id'"))
            continue
        props = record.get("properties") or {}
        if not isinstance(props, dict):
            parsed.errors.append(LineError(number, "'properties' is not an object"))
            continue
        names = _values(props, _NAME_PROPS)
        caption = record.get("caption") if isinstance(record.get("caption"), str) else None
        if caption and caption not in names:
            names.insert(0, caption)
        if not names:
            parsed.errors.append(LineError(number, f"entity {record['id']} has no name"))
            continue
        parsed.entries.append(
            ListEntry(
                list_name,
                str(record["id"]),
                str(record.get("schema") or "LegalEntity"),
                caption or names[0],
                tuple(names),
                tuple(c.lower() for c in _values(props, _COUNTRY_PROPS)),
                record,
            )
        )
    return parsed


def _column(header: Sequence[str], *names: str) -> str | None:
    lowered = {h.strip().lower(): h for h in header}
    return next((lowered[n] for n in names if n in lowered), None)


def _rows(reader: csv.DictReader[str], parsed: ParsedList) -> Iterator[dict[str, Any]]:
    """The reader's rows; a row the csv module cannot read (a field over its size limit)
    becomes a line error and the next row is read."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            parsed.errors.append(LineError(reader.line_num, f"unreadable row ({exc})"))
            continue
        yield row


def parse_csv(text: str, list_name: str, delimiter: str = ",") -> ParsedList:
    parsed = ParsedList()
    # newline="": the csv module reads line endings itself ("\r", "\r\n" and newlines inside
    # quoted fields), as its documentation requires
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise ListFormatError(f"the CSV header cannot be read ({exc}); check its quoting") from exc
    name_col = _column(header, "name", "caption", "entity", "full_name")
    if name_col is None:
        raise ListFormatError(f"CSV header {header!r} has no 'name' column; add one")
    alias_col = _column(header, "alias", "aliases", "other_names")
    country_col = _column(header, "country", "countries", "country_code")
    id_col = _column(header, "id", "entity_id", "uid")
    schema_col = _column(header, "schema", "type")
    for row in _rows(reader, parsed):
        number = reader.line_num
        if None in row:
            parsed.errors.append(
                LineError(
                    number,
                    f"{len(header) + len(row[None])} fields, "  # type: ignore[index]
                    f"the header has {len(header)}",
                )
            )
            continue
        name = (row.get(name_col) or "").strip()
        if not name:
            parsed.errors.append(LineError(number, "empty name"))
            continue
        aliases = [a for a in _SPLIT.split(row.get(alias_col or "", "") or "") if a]
        countries = [c.lower() for c in _SPLIT.split(row.get(country_col or "", "") or "") if c]
        entry_id = (row.get(id_col or "") or "").strip() or f"row-{number}"
        parsed.entries.append(
            ListEntry(
                list_name,
                entry_id,
                (row.get(schema_col or "") or "").strip() or "LegalEntity",
                name,
                tuple(dict.fromkeys([name, *aliases])),
                tuple(countries),
                {k: v for k, v in row.items() if k is not None},
            )
        )
    return parsed
