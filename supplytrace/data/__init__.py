"""Packaged reference data (goods taxonomy, CHPL, end uses, legal forms, country aliases), loaded as data."""

from __future__ import annotations

import csv
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from supplytrace.errors import ReferenceDataError


def read_text(name: str) -> str:
    try:
        return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ReferenceDataError(
            f"packaged data file {name!r} is missing; reinstall supplytrace"
        ) from exc


@cache
def load_yaml(name: str) -> Any:
    try:
        return yaml.safe_load(read_text(name))
    except yaml.YAMLError as exc:
        raise ReferenceDataError(f"packaged data file {name!r} is not valid YAML: {exc}") from exc


def read_lines(name: str, stop_at: str | None = None) -> list[str]:
    """Non-comment lines of a text list, up to a line starting with ``stop_at``."""
    lines = []
    for line in read_text(name).splitlines():
        if stop_at and line.startswith(stop_at):
            break
        line = line.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


@lru_cache(maxsize=1)
def chpl_tiers() -> dict[str, str]:
    """HS-6 code ("8542.31") -> CHPL tier ("1")."""
    rows = [
        line for line in read_text("chpl.csv").splitlines() if line and not line.startswith("#")
    ]
    return {row["hs_code"]: row["tier"] for row in csv.DictReader(rows)}
