"""Header dates, relative dates, and finding dates in text."""

from __future__ import annotations

from datetime import date

import pytest

from supplytrace.ingest.dates import find_dates, parse_date, resolve_relative

SATURDAY = date(2024, 4, 13)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-11-07", "2024-11-07"),
        ("Nov 09, 2024", "2024-11-09"),
        ("24 Jul 2025", "2025-07-24"),
        ("July 24, 2025", "2025-07-24"),
        ("2024-02-15T09:30:00Z", "2024-02-15"),
        ("2024-02-15 09:30:00+02:00", "2024-02-15"),
        ("Thursday, November 7, 2024", "2024-11-07"),
        ("Sept. 3, 2023", "2023-09-03"),
        ("3rd of March 2023", "2023-03-03"),
        ("Thu, 07 Nov 2024 10:00:00 GMT", "2024-11-07"),
        ("07.11.2024", "2024-11-07"),
        (date(2020, 1, 2), "2020-01-02"),
        ("", None),
        ("soon", None),
        ("2024-02-30", None),
        (None, None),
    ],
)
def test_parse_date(value: object, expected: str | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("said Friday", date(2024, 4, 12)),
        ("Friday", date(2024, 4, 12)),
        ("on Wednesday", date(2024, 4, 10)),
        ("Sunday", date(2024, 4, 7)),
        ("Saturday", SATURDAY),
        ("last Saturday", date(2024, 4, 6)),
        ("today", SATURDAY),
        ("yesterday", date(2024, 4, 12)),
        ("3 days ago", date(2024, 4, 10)),
        ("on April 12", date(2024, 4, 12)),
        ("12 April", date(2024, 4, 12)),
        ("on Dec. 30", date(2023, 12, 30)),
        ("April 13", SATURDAY),
        ("April 14", date(2023, 4, 14)),
        ("April 12, 2023", date(2023, 4, 12)),
        ("last week", None),
        ("earlier this week", None),
        ("February 30", None),
        ("", None),
    ],
)
def test_resolve_relative(expression: str, expected: date | None) -> None:
    assert resolve_relative(expression, SATURDAY) == expected


def test_find_dates_absolute_and_relative() -> None:
    text = (
        "Officials said Friday that shipments began on March 3, 2023 and resumed on April 2. "
        "They may report again today; the 2024-01-05 memo and 5 May 2022 filing agree."
    )
    found = [(text[start:end], iso) for start, end, iso in find_dates(text, SATURDAY)]
    assert found == [
        ("Friday", "2024-04-12"),
        ("March 3, 2023", "2023-03-03"),
        ("April 2", "2024-04-02"),
        ("today", "2024-04-13"),
        ("2024-01-05", "2024-01-05"),
        ("5 May 2022", "2022-05-05"),
    ]


def test_find_dates_without_anchor_keeps_only_absolute() -> None:
    text = "Sanctions announced Friday followed the July 24, 2025 report."
    assert [iso for _, _, iso in find_dates(text, None)] == ["2025-07-24"]


def test_find_dates_ignores_may_the_verb_and_month_year() -> None:
    text = "Exports may rise, as in February 2022, analysts said."
    assert find_dates(text, SATURDAY) == []
