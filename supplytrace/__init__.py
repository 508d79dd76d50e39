"""supplytrace: who supplies what to whom, for which military end use, from the documents that say so."""

from __future__ import annotations

from pathlib import Path as _Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supplytrace.api import Supplytrace

__version__ = "0.5.0"


def open(db: str | _Path) -> Supplytrace:  # noqa: A001 - sqlite3.connect-style entry point
    """Open the store at ``db``: ``with supplytrace.open("cases.db") as st: st.facts(...)``.

    Imported lazily so that ``import supplytrace`` stays cheap for the CLI.
    """
    from supplytrace.api import open_db

    return open_db(db)
