"""Typed exceptions. Messages name the object and the fix; only the CLI maps them to exit codes."""

from __future__ import annotations


class SupplytraceError(Exception):
    """Base class of every error the library raises on purpose."""


class UnreadableDocument(SupplytraceError):
    """A document that cannot be ingested; the batch records the reason and goes on."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(SupplytraceError):
    """The store cannot be opened, migrated or written."""


class ReferenceDataError(SupplytraceError):
    """Packaged reference data is missing or malformed (a broken installation)."""
