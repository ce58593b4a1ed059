"""The score a document's structure states: front matter, JSON-LD, a CSV score column.

Apart from finding a score in the text because structure is a label in itself: a bare
number is read here (on the best/worst rating the other fields declare, or the scale its
size implies), which the text readers never accept unlabelled, and a printed value that
cannot be read is named rather than dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from marquee.records import Score
from marquee.scores import _grammar as g

META_NUMBER: Final = re.compile(
    r"\s*(?P<value>\d{1,3}(?:\.\d{1,2})?)\s*(?:(?:/|out\s+of)\s*(?P<best>\d{1,3}(?:\.\d{1,2})?))?\s*",
    re.IGNORECASE,
)

_META_VALUE = ("score", "rating", "grade", "reviewscore", "ratingvalue", "reviewrating")
_META_BEST = ("bestrating", "scorebest", "ratingbest", "best")
_META_WORST = ("worstrating", "scoreworst", "ratingworst", "worst")


def from_meta(meta: Mapping[str, str]) -> Score | None:
    """The score the structure states: front matter, JSON-LD (with best/worst), a CSV column.

    Structure is a label in itself, so a bare number is read here, on the scale the meta
    declares (JSON-LD bestRating/worstRating) or else the one its size implies.
    """
    fields = {re.sub(r"[^a-z]", "", str(k).lower()): str(v).strip() for k, v in meta.items()}
    stated = (_meta_value(fields[key], fields) for key in _META_VALUE if fields.get(key))
    return next((score for score in stated if score is not None), None)


def unread_score(meta: Mapping[str, str]) -> str | None:
    """The score the structure prints (a score column, front matter) when none of it can
    be read ("4 thumbs", "see text"): listed in the add summary, never silently dropped."""
    fields = {re.sub(r"[^a-z]", "", str(k).lower()): str(v).strip() for k, v in meta.items()}
    printed = [fields[key] for key in _META_VALUE if fields.get(key)]
    return printed[0] if printed and from_meta(meta) is None else None


def _meta_value(text: str, fields: Mapping[str, str]) -> Score | None:
    """One meta value as a score, on the best/worst rating the other fields declare."""
    if len(text) > g.MAX_EXPRESSION:
        return None
    numeric = META_NUMBER.fullmatch(text)
    if numeric is None:
        reading = g.read_at(text, 0)
        complete = reading is not None and not text[reading.end :].strip(" .")
        return g.as_score(reading) if reading is not None and complete else None
    value = float(numeric["value"])
    best = numeric["best"] or next((fields[k] for k in _META_BEST if fields.get(k)), None)
    worst = g.number(next((fields[k] for k in _META_WORST if fields.get(k)), "0")) or 0.0
    top = g.number(best) if best is not None else g.bare_scale(value)
    placed = None if top is None else g.on_scale(value, g.Scale(best=top, worst=worst))
    return None if placed is None else Score(value=round(placed, 2), raw=text)
