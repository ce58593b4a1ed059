"""Records to plain JSON-able dicts and back.

The store keeps each review as the exact record the pipeline produced, so a report can be
rebuilt (and later stages re-run) without reading the source file again. dacite does the
typed rebuilding; ``cast=[tuple]`` turns JSON lists back into the tuples the records use.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

import dacite

T = TypeVar("T")

_CONFIG = dacite.Config(cast=[tuple], strict=True)


def to_dict(record: Any) -> dict[str, Any]:
    """A dataclass record as a dict of JSON types (tuples become lists on dump)."""
    return dataclasses.asdict(record)


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record of type ``cls`` from :func:`to_dict` output, strictly typed."""
    return dacite.from_dict(cls, data, config=_CONFIG)
