"""How deeply a structured input may nest, whatever its shape.

Parsers, and the code that walks what they return, recurse once per level: one JSONL line
of 100,000 ``[`` is a ``RecursionError`` in ``json.loads``, and a few hundred levels that
parse are one later, in whichever stage walks them. Review data nests a handful of levels
(a JSON-LD ``@graph`` of reviews about six, front matter two or three), so the bound sits
far above that and far below Python's recursion limit. A value nested deeper is refused as
malformed (:class:`TooDeep` is a ``ValueError``, which every JSON reader already reports).

HTML and rendered Markdown need no bound here: libxml2 keeps at most 256 levels of
elements, however deep the markup, and markdown-it caps its own nesting.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 64
"""Levels of lists and mappings a JSON value or YAML front matter may nest."""


class TooDeep(ValueError):
    """A value nested deeper than :data:`MAX_DEPTH`."""

    def __init__(self) -> None:
        super().__init__(f"nested deeper than {MAX_DEPTH} levels")


def load_json(text: str, *, strict: bool = True) -> Any:
    """``json.loads``, refusing with :class:`TooDeep` a value nested deeper than
    :data:`MAX_DEPTH` (``strict=False`` allows control characters inside strings)."""
    try:
        value = json.loads(text, strict=strict)
    except RecursionError:
        raise TooDeep() from None
    check_depth(value)
    return value


def check_depth(value: object) -> None:
    """Raise :class:`TooDeep` if lists or dicts nest deeper than :data:`MAX_DEPTH` in
    ``value``; walks it with a stack, so the check itself cannot overflow."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > MAX_DEPTH:
            raise TooDeep()
        stack.extend((child, depth + 1) for child in children)
