"""Reference lists in FtM JSON lines and CSV: bad lines reported by number, the rest loads."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from supplytrace.resolve.lists import ListFormatError, read_list

LISTS = Path(__file__).parent.parent / "fixtures" / "lists"


def test_ftm_jsonl_loads_names_aliases_countries_and_reports_bad_lines() -> None:
    parsed = read_list(LISTS / "watch.jsonl", "wl")
    assert [e.entry_id for e in parsed.entries] == [
        "wl-0001",
        "wl-0002",
        "wl-0003",
        "wl-0005",
        "wl-0007",
    ]
    first = parsed.entries[0]
    assert first.caption == "Zarnitsa Optika"
    assert "ООО «Зарница Оптика»" in first.names and first.countries == ("ru",)
    assert [e.line for e in parsed.errors] == [4, 6]
    assert "not JSON" in str(parsed.errors[0])


def test_csv_loads_aliases_split_on_semicolons_and_reports_bad_lines() -> None:
    parsed = read_list(LISTS / "watch.csv", "wl")
    assert [e.entry_id for e in parsed.entries] == ["csv-1", "csv-2", "csv-5"]
    assert parsed.entries[1].names == (
        "Beltrax Import & Export Co. Ltd",
        "Beltrax Imp. & Exp.",
        "Beltraks",
    )
    assert parsed.entries[1].countries == ("cn", "hk")
    assert [(e.line, e.reason) for e in parsed.errors] == [
        (4, "5 fields, the header has 4"),
        (5, "empty name"),
    ]


def test_csv_without_a_name_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("id,title\n1,x\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match="no 'name' column"):
        read_list(path, "bad")


def test_csv_with_old_mac_line_endings_and_a_broken_row_is_read(tmp_path: Path) -> None:
    # found by tests/fuzz: a bare "\r" used to crash the reader with csv.Error
    path = tmp_path / "list.csv"
    big = "x" * 200_000  # over the csv module's field limit: that row alone is reported
    path.write_bytes(
        f'name,country\rOrion Vale Trading,cn\r"{big}",ru\rKestrel Dynamics,tr\r'.encode()
    )
    # the csv module's default limit (other libraries raise it for the whole process)
    previous = csv.field_size_limit(131_072)
    try:
        parsed = read_list(path, "watch")
    finally:
        csv.field_size_limit(previous)
    assert [e.caption for e in parsed.entries] == ["Orion Vale Trading", "Kestrel Dynamics"]
    assert len(parsed.errors) == 1 and "unreadable row" in parsed.errors[0].reason
