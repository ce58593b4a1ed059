"""schema.org ``Review`` data from a page: JSON-LD blocks, and microdata via extruct.

Sites that publish structured review data state the critic, outlet, date and rating
more reliably than anything read from prose, so when a page has it, it wins.

Each JSON-LD block is parsed on its own, under the depth bound every JSON input has: a
malformed or absurdly nested block is skipped (and logged at debug level) without costing
the page's other blocks, which extruct's all-or-nothing JSON-LD pass would, with a
traceback in the log.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

import extruct
from lxml import etree

from marquee.documents.fields import as_text, iso_date, year_of
from marquee.documents.limits import load_json

log = logging.getLogger(__name__)

_JSON_LD = "application/ld+json"
_COMMENT_LINE = re.compile(r"^\s*(?://.*|<!--.*-->)\s*$", re.MULTILINE)
"""HTML or JavaScript comment lines some sites leave around JSON-LD (extruct drops them too)."""

_REVIEW_TYPES = frozenset({"Review", "CriticReview", "UserReview"})
_FILM_DATES = ("dateCreated", "datePublished", "releaseDate", "copyrightYear")


def review_meta(root: etree._Element) -> dict[str, str]:
    """Normalised meta from the first schema.org Review on the page ({} if none)."""
    items = [*_json_ld(root), *_microdata(root)]
    review = next(_reviews(items), None)
    return {} if review is None else _meta_of(review)


def _json_ld(root: etree._Element) -> Iterator[Any]:
    """The items of every readable JSON-LD block, in page order."""
    for script in root.iter("script"):
        if str(script.get("type", "")).strip().lower() != _JSON_LD:
            continue
        text = script.text or ""
        try:
            data = load_json(text, strict=False)
        except ValueError:
            try:
                data = load_json(_COMMENT_LINE.sub("", text), strict=False)
            except ValueError as err:
                log.debug("skipping a malformed JSON-LD block: %s", err)
                continue
        yield from data if isinstance(data, list) else [data]


def _microdata(root: etree._Element) -> list[Any]:
    try:
        data = extruct.extract(root, syntaxes=["microdata"], uniform=True, errors="strict")
    except (ValueError, TypeError, RecursionError, etree.LxmlError) as err:
        log.debug("no microdata: %s", err)
        return []
    items: list[Any] = data.get("microdata", [])
    return items


def _reviews(
    items: list[Any], reviewed: Mapping[str, Any] | None = None
) -> Iterator[dict[str, Any]]:
    """Every Review, also inside ``@graph`` or a Movie's ``review``, with its film attached."""
    for item in items:
        if not isinstance(item, dict):
            continue
        if _types(item) & _REVIEW_TYPES:
            yield (
                item
                if "itemReviewed" in item or reviewed is None
                else {
                    **item,
                    "itemReviewed": reviewed,
                }
            )
        for key in ("@graph", "review", "reviews", "mainEntity"):
            nested = item.get(key)
            if nested is not None:
                parent = item if key in {"review", "reviews"} else reviewed
                yield from _reviews(nested if isinstance(nested, list) else [nested], parent)


def _types(item: Mapping[str, Any]) -> set[str]:
    kind = item.get("@type", ())
    names = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    return {str(name).rsplit("/", 1)[-1] for name in names}


def _meta_of(review: Mapping[str, Any]) -> dict[str, str]:
    film = review.get("itemReviewed")
    film = film[0] if isinstance(film, list) and film else film
    film = film if isinstance(film, dict) else {}
    candidates = {
        "title": as_text(review.get("name") or review.get("headline")),
        "critic": _name(review.get("author")),
        "outlet": _name(review.get("publisher") or review.get("sourceOrganization")),
        "published": iso_date(review.get("datePublished") or review.get("dateCreated") or ""),
        "url": as_text(review.get("url")),
        "description": as_text(review.get("description")),
        "film": as_text(film.get("name")),
        "year": next((y for d in _FILM_DATES if (y := year_of(film.get(d)))), None),
        "director": _name(film.get("director"), every=True),
        **_rating(review.get("reviewRating")),
    }
    return {key: value for key, value in candidates.items() if value}


def _name(value: Any, *, every: bool = False) -> str:
    """The name of a Person/Organization (or the first, or all of a list of them)."""
    values = value if isinstance(value, list) else [value]
    names = [as_text(v.get("name")) if isinstance(v, dict) else as_text(v) for v in values if v]
    names = [name for name in names if name]
    if not names:
        return ""
    return ", ".join(names) if every else names[0]


def _rating(value: Any) -> dict[str, str]:
    """``{"score": "4/5"}`` from reviewRating; a non-zero worstRating kept beside it.

    schema.org's default scale is 1–5; a value above 5 without a bestRating is read
    as out of 10 or 100 rather than producing an impossible "8/5".
    """
    rating = value[0] if isinstance(value, list) and value else value
    if not isinstance(rating, dict):
        return {}
    raw = _number(rating.get("ratingValue"))
    if raw is None:
        return {}
    best = _number(rating.get("bestRating"))
    if best is None:
        best = 5.0 if raw <= 5 else 10.0 if raw <= 10 else 100.0
    meta = {"score": f"{_plain(raw)}/{_plain(best)}"}
    worst = _number(rating.get("worstRating"))
    if worst:
        meta["score_worst"] = _plain(worst)
    return meta


def _number(value: Any) -> float | None:
    try:
        number = float(as_text(value).replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _plain(number: float) -> str:
    return str(int(number)) if number.is_integer() else str(number)
