"""One goods key: ``extract`` groups a document's relations on the same key the store's facts
use, so the two never disagree about what is one link (issue 12)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from supplytrace.goods import category_of_key, goods_key, goods_label
from supplytrace.goods.gazetteer import gazetteer
from supplytrace.pipeline import extract_records, ingest
from supplytrace.query import facts
from supplytrace.store import open_store

# Written for this test; the names are invented.
TEXT = """title: Kestrel Avionics and the Ruritanian programmes
published: 2025-03-04

Investigators said Kestrel Avionics supplied drone technology to Ruritania last year.
Kestrel Avionics also supplied missile technology to Ruritania, the investigators said.
Separately, Kestrel Avionics shipped drone engines to Ruritania in May.
A month later Kestrel Avionics shipped UAV engines to Ruritania again.
"""


def key(item: str) -> str:
    category = gazetteer().category(item)
    return goods_key(item, category.id if category else None)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("drone technology", "missile technology", False),
        ("drone technology", "UAV technology", True),
        ("drone engines", "UAV engines", True),
        ("tank engines", "truck engines", False),
        ("CNC machine tools", "machine tools", True),
        ("Optical components", "optical components", True),
    ],
)
def test_two_phrases_name_the_same_goods_or_not(a: str, b: str, same: bool) -> None:
    assert (key(a) == key(b)) is same


def test_a_key_reads_back_its_category_and_a_label() -> None:
    qualified = key("drone and missile technology")
    assert category_of_key(qualified) == "technology_transfer"
    assert goods_label(qualified) == "technology_transfer (drones_general, missiles_general)"
    assert category_of_key("machine_tools") == goods_label("machine_tools") == "machine_tools"
    assert category_of_key("optical components") == "optical components"  # outside the taxonomy


def _relations(path: Path) -> list[tuple[str, str, str | None, str]]:
    (record,) = extract_records([str(path)], mode="rules")
    return [
        (r["supplier"], key(r["item"]), r["recipient"], r["polarity"]) for r in record["supply"]
    ]


def test_extract_relations_and_store_facts_are_the_same_links(tmp_path: Path) -> None:
    path = tmp_path / "kestrel.txt"
    path.write_text(TEXT, encoding="utf-8")
    relations = _relations(path)
    goods = {k for _, k, _, _ in relations}
    assert goods == {
        "technology_transfer[drones_general]",
        "technology_transfer[missiles_general]",
        "uav_engines[drones_general]",
    }
    with open_store(tmp_path / "store.db") as store:
        ingest(store, [path], mode="rules")
        found = facts(store, supplier="Kestrel")
        links = [(f.supplier, f.item_key, f.recipient, f.polarity) for f in found]
        assert len(links) == len(relations) == 3  # drone and UAV engines: one link
        assert set(links) == set(relations)
        # the category filter finds a category's facts with and without end uses
        technology = facts(store, item="technology_transfer")
        assert {f.item_key for f in technology} == goods - {"uav_engines[drones_general]"}
        assert {f.item_category for f in technology} == {"technology_transfer"}


def test_a_store_keyed_by_category_only_is_rekeyed_on_opening(tmp_path: Path) -> None:
    """A store of the previous release (item key = category) migrates to the goods key."""
    path = tmp_path / "kestrel.txt"
    path.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "store.db"
    with open_store(db) as store:
        ingest(store, [path], mode="rules")
        before = {(f.item_key, f.claims) for f in facts(store)}
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("UPDATE claims SET item_key = item_category WHERE item_category IS NOT NULL")
    conn.execute("DELETE FROM fact_summary")
    conn.execute("DELETE FROM schema_version WHERE version >= 8")
    for column in ("size", "features"):  # migration 9's columns: the store is as 7 left it
        conn.execute(f"ALTER TABLE signatures DROP COLUMN {column}")
    conn.close()
    with open_store(db) as store:
        assert {(f.item_key, f.claims) for f in facts(store)} == before
    assert (tmp_path / "store.db.v7.bak").exists()
