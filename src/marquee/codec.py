"""Records to plain JSON-able dicts and back.

The store keeps each review as the exact record the pipeline produced, so a report can be
rebuilt (and later stages re-run) without reading the source file again. dacite does the
typed rebuilding; ``cast=[tuple]`` turns JSON lists back into the tuples the records use.
"""

from __future__ import annotations

import dataclasses
import json
from functools import lru_cache
from typing import Any, TypeVar

import dacite

from marquee.records import FilmFacts

T = TypeVar("T")

_CONFIG = dacite.Config(cast=[tuple], strict=True)


def to_dict(record: Any) -> dict[str, Any]:
    """A dataclass record as a dict of JSON types (tuples become lists on dump)."""
    return dataclasses.asdict(record)


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record of type ``cls`` from :func:`to_dict` output, strictly typed."""
    return dacite.from_dict(cls, data, config=_CONFIG)


def facts_from_dict(data: dict[str, Any]) -> FilmFacts:
    """:func:`from_dict` for film facts, remembered by content: adding a review to a film
    re-merges every review's facts, so the same few hundred records are rebuilt on every
    add, and dacite's checked rebuild costs ten times the JSON text it is keyed by.
    FilmFacts is frozen, so one instance can serve every caller."""
    return _facts(json.dumps(data, sort_keys=True, ensure_ascii=False))


@lru_cache(maxsize=65536)
def _facts(text: str) -> FilmFacts:
    return from_dict(FilmFacts, json.loads(text))
