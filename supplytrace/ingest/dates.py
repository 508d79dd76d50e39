"""Dates as news text writes them, turned into ISO ``YYYY-MM-DD``.

Three jobs, all pure standard library so that workers need nothing else:

* :func:`parse_date` reads a header or metadata value ("Nov 09, 2024", ISO datetimes).
* :func:`resolve_relative` turns a relative expression ("said Friday") into a date, given the
  date of the story it appears in.
* :func:`find_dates` locates absolute and relative date expressions in a body, so that the
  extractor can date the claims it finds.

An expression that cannot be pinned to one day ("last week", "earlier this week") gives
``None``: a wrong date is worse than no date for first-seen / last-seen figures.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_MONTH_ABBREVIATIONS = {name[:3]: number for name, number in MONTHS.items()} | {"sept": 9}

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

# Month names as they appear in running text: full names or abbreviations, with an optional
# dot ("Nov. 9"). Alternation is longest-first so "September" is not read as "Sep".
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"

_ISO_RE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?\s*$")
_DMY_NUMERIC_RE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_MDY_RE = re.compile(rf"^\s*(?:{_WEEKDAY},?\s+)?({_MONTH})\s+({_DAY}),?\s+({_YEAR})\b", re.I)
_DMY_RE = re.compile(
    rf"^\s*(?:{_WEEKDAY},?\s+)?({_DAY})\s+(?:of\s+)?({_MONTH}),?\s+({_YEAR})\b", re.I
)


def month_number(name: str) -> int | None:
    """1-12 for a month name or abbreviation in any case ("Nov.", "november"), else None."""
    key = name.strip().rstrip(".").lower()
    return MONTHS.get(key) or _MONTH_ABBREVIATIONS.get(key)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_number(token: str) -> int:
    return int(re.sub(r"\D", "", token))


def parse_date(value: object) -> str | None:
    """ISO ``YYYY-MM-DD`` for a date written in a header or in metadata, else None.

    Never raises: header values are free text written by people and scrapers, and an
    unreadable date must not cost us the document.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    found = _parse_date_text(text)
    return found.isoformat() if found else None


def _parse_date_text(text: str) -> date | None:
    if match := _ISO_RE.match(text):
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _DMY_NUMERIC_RE.match(text):
        return _safe_date(int(match[3]), int(match[2]), int(match[1]))
    if match := _MDY_RE.match(text):
        month = month_number(match[1])
        return _safe_date(int(match[3]), month, _day_number(match[2])) if month else None
    if match := _DMY_RE.match(text):
        month = month_number(match[2])
        return _safe_date(int(match[3]), month, _day_number(match[1])) if month else None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def resolve_relative(expression: str, anchor: date) -> date | None:
    """The day a relative expression names, in a story published on ``anchor``.

    A bare weekday is the most recent such day before the anchor ("said Friday" in a story of
    Saturday 2024-04-13 is 2024-04-12); when it is the anchor's own weekday it is the anchor
    itself, as wire style names the day of publication by its weekday ("The U.S. on Friday
    sanctioned..." in a story dated Friday). "last Friday" is always strictly before.
    A month and day without a year ("on April 12") is in the anchor's year, or the year before
    when that would fall after the anchor. Vague spans ("last week") give None.
    """
    words = re.sub(r"[^\w\s]", " ", expression.lower()).split()
    while words and words[0] in {"on", "said", "says", "since", "by", "until", "from"}:
        words = words[1:]
    if not words:
        return None
    phrase = " ".join(words)
    if phrase == "today":
        return anchor
    if phrase == "yesterday":
        return anchor - timedelta(days=1)
    if phrase == "tomorrow":
        return anchor + timedelta(days=1)
    if match := re.fullmatch(r"(\d{1,3}) days? ago", phrase):
        return anchor - timedelta(days=int(match[1]))
    if len(words) <= 2 and words[-1] in WEEKDAYS:
        return _resolve_weekday(words[0] if len(words) == 2 else None, WEEKDAYS[words[-1]], anchor)
    return _resolve_month_day(words, anchor)


def _resolve_weekday(modifier: str | None, weekday: int, anchor: date) -> date | None:
    back = (anchor.weekday() - weekday) % 7
    if modifier is None:
        return anchor - timedelta(days=back)
    if modifier == "last":
        return anchor - timedelta(days=back or 7)
    if modifier == "next":
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    return None


def _resolve_month_day(words: list[str], anchor: date) -> date | None:
    """ "april 12", "12 april", "april 12th", with an optional year."""
    if len(words) not in (2, 3):
        return None
    if month_number(words[0]) and re.fullmatch(_DAY, words[1], re.I):
        month, day = month_number(words[0]), _day_number(words[1])
    elif re.fullmatch(_DAY, words[0], re.I) and month_number(words[1]):
        month, day = month_number(words[1]), _day_number(words[0])
    else:
        return None
    assert month is not None
    if len(words) == 3:
        return _safe_date(int(words[2]), month, day) if re.fullmatch(_YEAR, words[2]) else None
    found = _safe_date(anchor.year, month, day)
    if found is None or found > anchor:
        found = _safe_date(anchor.year - 1, month, day)
    return found


# Absolute forms first: at one position the longest, most specific match wins.
_ABSOLUTE_RE = re.compile(
    rf"\b(?:(?P<iso>(?:19|20)\d{{2}}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))(?![\d-])"
    rf"|(?P<mdy>{_MONTH}\s+{_DAY},?\s+{_YEAR})(?!\d)"
    rf"|(?P<dmy>{_DAY}\s+{_MONTH},?\s+{_YEAR})(?!\d))"
)
_RELATIVE_RE = re.compile(
    rf"\b(?:(?:[Ll]ast|[Nn]ext)\s+)?{_WEEKDAY}\b"
    rf"|\b(?:[Tt]oday|[Yy]esterday)\b"
    rf"|\b{_MONTH}\s+{_DAY}\b(?![,\s]*\d)"
    rf"|\b{_DAY}\s+{_MONTH}(?![,\s]*\d)"
)


def find_dates(text: str, anchor: date | None) -> list[tuple[int, int, str]]:
    """(start, end, iso) for each date expression in ``text``, in order, without overlaps.

    Absolute dates are found always; relative ones only with an ``anchor`` (the story's
    publication date), since without it they name no day. Month names are matched only when
    capitalised, so the verb "may" is not a month.
    """
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for match in _ABSOLUTE_RE.finditer(text):
        iso = parse_date(match.group(0))
        if iso:
            found.append((match.start(), match.end(), iso))
            taken.append((match.start(), match.end()))
    if anchor is not None:
        for match in _RELATIVE_RE.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            resolved = resolve_relative(match.group(0), anchor)
            if resolved is not None:
                found.append((start, end, resolved.isoformat()))
    return sorted(found)
