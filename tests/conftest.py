"""Shared fixtures: the rule extractor (loaded once) and the shared data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def extractor():  # type: ignore[no-untyped-def]
    """The rules alone: the tests of constructions and golden files pin what the rules do.
    The default (hybrid) extractor is tested through the CLI and ``test_extract_learned``."""
    from supplytrace.extract import Extractor

    return Extractor(mode="rules")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared/data is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def dev_store_path(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once from the seed and dev documents (a few seconds), for read tests."""
    from supplytrace.pipeline import ingest
    from supplytrace.store import open_store

    path = tmp_path_factory.mktemp("dev_store") / "dev.db"
    sources = sorted((shared_data / "seeds").glob("*.txt")) + [shared_data / "dev" / "corpus"]
    with open_store(path) as store:
        ingest(store, sources)
    return path


@pytest.fixture
def dev_store(dev_store_path: Path):  # type: ignore[no-untyped-def]
    from supplytrace.store import open_store

    with open_store(dev_store_path) as store:
        yield store
