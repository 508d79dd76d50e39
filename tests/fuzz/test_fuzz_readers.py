"""Property tests at high example counts on everything that reads text written by others:
header parsing, date resolution, name keys, the JSONL document reader, the CSV and
FollowTheMoney list readers, and the story diff.

Each test draws ``EXAMPLES`` cases (300 in CI; ``SUPPLYTRACE_FULL_TESTS=1``: 5,000, the figure
``docs/reliability.md`` reports). The promise is the same everywhere: a reader returns what its
contract says or fails with its documented error, never anything else, and deterministically.
"""

from __future__ import annotations

import json
import os
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supplytrace.dedup.diff import diff_story
from supplytrace.errors import UnreadableDocument
from supplytrace.ingest import read_text
from supplytrace.ingest.dates import parse_date, resolve_relative
from supplytrace.ingest.jsonl import parse_jsonl
from supplytrace.model import Document, Skipped
from supplytrace.names import entity_key, fold, name_key
from supplytrace.names.normalise import normalise
from supplytrace.resolve.lists import ListFormatError, parse_csv, parse_ftm

EXAMPLES = 5000 if os.environ.get("SUPPLYTRACE_FULL_TESTS") else 300
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# text as scrapers and hostile writers produce it: any code point, with the characters that
# carry structure (header separators, line breaks, quotes, BOMs, invisibles) drawn often
STRUCTURE = st.sampled_from(
    [
        "\n",
        "\r\n",
        ":",
        "---",
        "# ",
        "title:",
        "date:",
        "url:",
        '"',
        ",",
        "\ufeff",
        "\u200b",
        "\x00",
        "javascript:",
        "<p>",
        "2024-02-30",
        "Jan 5",
        "{",
        "}",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=30), STRUCTURE), max_size=25).map("".join)


@SETTINGS
@given(TEXT, st.sampled_from(["text", "markdown", "html"]))
def test_headers_give_a_document_or_say_it_is_unreadable(text: str, fmt: str) -> None:
    try:
        doc = read_text(text, "fuzz.txt", fmt)
    except UnreadableDocument as exc:
        assert str(exc)
        return
    assert doc.text.strip()
    assert doc.published is None or date.fromisoformat(doc.published)
    assert doc == read_text(text, "fuzz.txt", fmt)  # deterministic


@SETTINGS
@given(st.one_of(TEXT, st.from_regex(r"\d{1,4}[-/. ]\d{1,2}[-/. ]\d{1,4}", fullmatch=True)))
def test_dates_are_valid_or_none(value: str) -> None:
    found = parse_date(value)
    assert found is None or date.fromisoformat(found).isoformat() == found


@SETTINGS
@given(TEXT, st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_relative_dates_resolve_to_a_date_or_none(expression: str, anchor: date) -> None:
    found = resolve_relative(expression, anchor)
    assert found is None or isinstance(found, date)


@SETTINGS
@given(TEXT)
def test_name_keys_are_stable(name: str) -> None:
    assert fold(fold(name)) == fold(name)
    key = name_key(name)
    assert key == name_key(name)
    for kind in ("org", "country", "person"):
        assert isinstance(entity_key(name, kind), str)  # type: ignore[arg-type]
    normalise(name)


@SETTINGS
@given(
    st.lists(
        st.one_of(
            TEXT,
            st.builds(
                lambda t, extra: json.dumps({"text": t, **extra}),
                TEXT,
                st.dictionaries(
                    st.sampled_from(["title", "url", "published", "date", "outlet", "id"]),
                    st.one_of(TEXT, st.integers(), st.none(), st.lists(st.integers(), max_size=3)),
                ),
            ),
        ),
        max_size=8,
    )
)
def test_jsonl_gives_one_result_per_non_blank_line(lines: list[str]) -> None:
    flat = [part for line in lines for part in line.splitlines() or [line]]
    out = list(parse_jsonl(flat, "fuzz.jsonl"))
    # blank: whitespace only, after the byte order mark that may open the file
    text = [line.removeprefix("\ufeff") if n == 0 else line for n, line in enumerate(flat)]
    assert len(out) == sum(1 for line in text if line.strip())
    for item in out:
        assert isinstance(item, (Document, Skipped))
        if isinstance(item, Skipped):
            assert item.reason


@SETTINGS
@given(TEXT)
def test_list_readers_read_or_refuse(text: str) -> None:
    for parse in (parse_csv, parse_ftm):
        try:
            parsed = parse(text, "fuzz list")
        except ListFormatError as exc:
            assert str(exc)
            continue
        for entry in parsed.entries:
            assert any(n.strip() for n in entry.names)
        for error in parsed.errors:
            assert error.reason


SENTENCE = st.sampled_from(
    [
        "Acme Kogyo shipped bearings to Vostok Trade.",
        "Officials in Lumeria denied it.",
        "The Borealis Institute sold lenses to Zarya.",
        "Nothing else was said.",
        "Acme Kogyo shipped bearings to Vostok Trade in May.",
    ]
)


@SETTINGS
@given(st.lists(st.lists(SENTENCE, min_size=1, max_size=5).map(" ".join), min_size=1, max_size=4))
def test_story_diff_accounts_for_every_sentence(texts: list[str]) -> None:
    docs = [Document.create(t, source_path=f"v{n}.txt") for n, t in enumerate(texts)]
    docs = list({d.id: d for d in docs}.values())
    diff = diff_story("s", docs, [], lambda c: (c.supplier, c.item))
    assert set(diff.document_ids) == {d.id for d in docs}
    for s in diff.sentences:
        doc = next(d for d in docs if d.id == s.document_id)
        assert doc.text[s.span[0] : s.span[1]] == s.text
        assert set(s.shared_with) <= {d.id for d in docs} - {s.document_id}
    assert diff == diff_story("s", docs, [], lambda c: (c.supplier, c.item))
