"""Normalise what a source's structure says into ``Document.meta``'s shared keys.

Front matter, HTML metadata and table columns all name the same facts differently
("author", "reviewer", "by"; "date", "published", "review_date").  Each source maps its
own names onto the normalised keys here, so later stages read one vocabulary.  Every
key not recognised is kept under its own name as a string, because another stage may
want it (front matter ``director:``/``screenplay:`` feed the film credits).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from dateutil import parser as dateparser

log = logging.getLogger(__name__)

# Normalised key -> names a front-matter block or an HTML page uses for it.  Here
# "title" is the review's own headline.
REVIEW_FIELDS: Mapping[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "critic": ("critic", "author", "reviewer", "by", "authors"),
    "outlet": ("outlet", "publisher", "publication", "site_name", "sitename", "site"),
    "published": ("published", "date", "pubdate", "date_published", "published_at"),
    "film": ("film", "movie", "movie_title", "film_title"),
    "year": ("year", "release_year"),
    "score": ("score", "rating", "grade", "stars", "review_score"),
    "verdict": ("verdict", "fresh"),
    "url": ("url", "link", "permalink", "canonical_url"),
    "description": ("description", "summary", "excerpt", "subtitle"),
}

# Normalised key -> column names a CSV/JSONL export uses.  Here "title" is the FILM.
# Besides the usual hand-made names, the two generations of Rotten Tomatoes critic-review
# exports as they are downloaded: snake_case (review_content, critic_name, publisher_name,
# review_type, review_score, top_critic, rotten_tomatoes_link) and camelCase (reviewText,
# criticName, publicationName, reviewState, scoreSentiment, originalScore, isTopCritic,
# creationDate, reviewUrl), compared in field_key's lower-case form.
TABLE_FIELDS: Mapping[str, tuple[str, ...]] = {
    "text": ("text", "review", "review_text", "content", "quote", "body", "review_content",
             "reviewtext", "review_body", "snippet", "excerpt", "comments",
             "full_review"),
    "critic": ("critic", "reviewer", "author", "critic_name", "criticname", "reviewed_by",
               "byline", "writer", "reviewer_name", "author_name"),
    "outlet": ("outlet", "publication", "publisher", "source", "publisher_name",
               "publicationname", "publicationame", "publication_name", "outlet_name",
               "newspaper", "magazine", "website", "site"),
    "published": ("published", "date", "review_date", "creationdate", "date_published",
                  "published_date", "publication_date", "pub_date"),
    "score": ("score", "rating", "review_score", "grade", "original_score", "originalscore",
              "stars", "mark"),
    "film": ("film", "title", "movie_title", "movie", "film_title", "movie_name",
             "film_name"),
    "film_id": ("rotten_tomatoes_link", "movie_id", "movieid", "rtid", "film_id", "imdb_id",
                "imdb"),
    "year": ("year", "release_year", "film_year"),
    "verdict": ("verdict", "fresh", "review_type", "reviewstate", "scoresentiment",
                "fresh_rotten", "recommended"),
    "top_critic": ("top_critic", "istopcritic"),
    "url": ("url", "link", "reviewurl", "review_url"),
}  # fmt: skip

LETTERBOXD_FIELDS: Mapping[str, tuple[str, ...]] = {
    **TABLE_FIELDS,
    "film": ("name",),
    "url": ("letterboxd_uri",),
    "published": ("watched_date", "date"),
    "score": ("rating",),
}
"""Letterboxd's review export (Date, Name, Year, Letterboxd URI, Rating, Rewatch, Review,
Tags, Watched Date): its "Name" is the film's, not a person's, and its "Rating" the member's
half-stars out of five, so it is read with its own vocabulary when its URI column is there."""


def table_fields(columns: Iterable[object]) -> Mapping[str, tuple[str, ...]]:
    """The vocabulary a table with these column names is read with: Letterboxd's export
    is recognised by its "Letterboxd URI" column, every other table by the usual names."""
    if "letterboxd_uri" in {field_key(c) for c in columns}:
        return LETTERBOXD_FIELDS
    return TABLE_FIELDS


_VERDICTS: Mapping[str, str] = {
    "fresh": "fresh",
    "rotten": "rotten",
    "true": "fresh",
    "false": "rotten",
    "1": "fresh",
    "0": "rotten",
    "positive": "fresh",  # RT's scoreSentiment
    "negative": "rotten",
    "yes": "fresh",  # a hand-made "recommended" column
    "no": "rotten",
}

# A date somewhere in a line: ISO, "8 September 2023", "September 8, 2023", "08/09/2023".
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_IN_TEXT = re.compile(
    rf"\d{{4}}-\d{{1,2}}-\d{{1,2}}(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.](?:\d{{4}}|\d{{2}}(?!\d))",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
"""Every way ``_DATE_IN_TEXT`` writes a date holds a digit (as its digit class reads one):
a text without one is passed over at once, not searched at each of its characters (~19 µs
a quote, three times a row; most one-line quotes hold no digit)."""
_DOTTED = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def as_text(value: object) -> str:
    """One string for any YAML/JSON value: lists joined with ", ", dates in ISO form.

    A mapping with a ``name`` (``author: {name: Jo March, twitter: …}``) is its name.
    """
    if type(value) is str:  # nearly every cell: none of the tests below is needed
        return value.strip()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        if "name" in value:
            return as_text(value["name"])
        return ", ".join(f"{k}: {as_text(v)}" for k, v in value.items())
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        return ", ".join(as_text(v) for v in value)
    if value is None:
        return ""
    return str(value).strip()


def find_date(text: str) -> re.Match[str] | None:
    """Where a date (day, month and year) is written in ``text``, if anywhere."""
    return _DATE_IN_TEXT.search(text) if _DIGIT.search(text) else None


def iso_date(value: object) -> str | None:
    """``YYYY-MM-DD`` for a date object or the first date written in a string, else None.

    Only a date with a day, month and year counts: "2025" alone is a year, not a date.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    match = find_date(str(value))
    return None if match is None else _parsed_date(match[0])


@lru_cache(maxsize=4096)
def _parsed_date(written: str) -> str | None:
    """A written date (it has a day, a month and a year, so nothing is taken from today)
    as ``YYYY-MM-DD``; remembered, since an export's rows share a few hundred dates and
    dateutil's parse costs more than the rest of reading a row's date."""
    day_first = bool(_DOTTED.fullmatch(written))  # 14.07.2023 is European: day first
    try:
        return dateparser.parse(written, dayfirst=day_first).date().isoformat()
    except (ValueError, OverflowError) as err:
        log.debug("not a date %r: %s", written, err)
        return None


def year_of(value: object) -> str | None:
    """The four-digit year in a date or string ("2023-01-21" -> "2023")."""
    match = _YEAR.search(as_text(value))
    return match[1] if match else None


def verdict_of(value: object) -> str | None:
    """The verdict, fresh or rotten, an export's verdict or fresh column states, else None."""
    return _VERDICTS.get(as_text(value).lower())


def normalise(raw: Mapping[str, object], fields: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Map a source's keys onto normalised ones; keep every other key as a string.

    Keys match case-insensitively and with spaces or dashes read as underscores.
    The first alias present wins; a later alias stays under its own name.  Dates are
    turned into ISO form, verdicts into fresh/rotten; empty values are dropped.
    """
    keys = {k: field_key(k) for k in raw}
    by_key = {key: k for k, key in keys.items()}
    meta: dict[str, str] = {}
    used: set[str] = set()
    for field, aliases in fields.items():
        for alias in _alias_keys(tuple(aliases)):
            original = by_key.get(alias)
            if original is None or original in used:
                continue
            normalised = _field_value(field, raw[original])
            if normalised:
                meta[field] = normalised
                used.add(original)
                break
    for original, value in raw.items():
        text = as_text(value)
        if original not in used and text and keys[original] not in meta:
            meta[str(original)] = text
    return meta


@lru_cache(maxsize=256)
def _alias_keys(aliases: tuple[str, ...]) -> tuple[str, ...]:
    """A field's aliases as :func:`field_key` compares them, worked out once: a table row
    asked for some 70 of them (the vocabularies' every alias, each row)."""
    return tuple(field_key(alias) for alias in aliases)


def field_key(name: object) -> str:
    """How a key or column name is compared: "Review Text" and "review-text" -> "review_text"."""
    return _key(str(name))


_SEPARATORS = re.compile(r"[\s-]+")


@lru_cache(maxsize=1024)
def _key(name: str) -> str:
    """Remembered: a table asks for the same few column names and aliases some 40 times
    a row (43 calls a row, 87,019 on 2,000 RT quotes), each a regular-expression pass."""
    return _SEPARATORS.sub("_", name.strip().strip("\ufeff\"'").strip().lower())


def _field_value(field: str, value: object) -> str | None:
    if field == "published":
        return iso_date(value)
    if field == "verdict":
        return verdict_of(value)
    if field == "year":
        return year_of(value)
    return as_text(value) or None
