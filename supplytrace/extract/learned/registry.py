"""Registered, versioned scorer components: a saved model names the component that reads it.

As spaCy registers ``"spacy.Tokenizer.v1"``, a scorer registers under a versioned name with
what it reads and what it assigns; a model file's ``component`` field picks the class that
loads it, so a claim's ``extractor`` can always be traced to the code and the weights.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Registration:
    name: str
    factory: Any
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


_COMPONENTS: dict[str, Registration] = {}


def register(name: str, requires: tuple[str, ...], assigns: tuple[str, ...]) -> Callable[[T], T]:
    def decorate(cls: T) -> T:
        if name in _COMPONENTS and _COMPONENTS[name].factory is not cls:
            raise ValueError(f"component {name!r} is registered twice")
        _COMPONENTS[name] = Registration(name, cls, requires, assigns)
        return cls

    return decorate


def registration(name: str) -> Registration:
    try:
        return _COMPONENTS[name]
    except KeyError:
        known = ", ".join(sorted(_COMPONENTS)) or "none"
        raise ValueError(f"no scorer component {name!r} is registered (known: {known})") from None


def registered() -> list[Registration]:
    return [_COMPONENTS[n] for n in sorted(_COMPONENTS)]
