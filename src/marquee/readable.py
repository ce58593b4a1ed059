"""What readers see of a review's identity: its heading and where it came from.

Shared by the terminal report and the web pages (both draw from ``review_json`` dicts),
so that neither shows a reader marquee's internals: a file name used as a title, a
path, ``rt300.csv#row=21``, or "Unknown critic".
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

SHAPES = {"csv": "a table", "jsonl": "a table", "html": "a web page", "markdown": "a Markdown file"}
_FILE_NAME = re.compile(r"^[\w.-]+\.(?:txt|md|markdown|html?|csv|tsv|jsonl?|xml)$", re.I)
QUOTE_HEADING = 90
"""Characters of a pull-quote used as a heading for a review with no title or byline."""


def safe_url(url: object) -> str | None:
    """A review's own link, only when it is http(s): a ``javascript:`` or ``data:`` URL in
    hostile metadata must never become a clickable link."""
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def source_name(source: object) -> str:
    """A review's input file by its name only (the server's paths are nobody's business).
    String splitting, not PurePath: a film page asks this of every review, twice."""
    text = str(source or "")
    return text.rstrip("/").rsplit("/", 1)[-1] or text


def provenance(review: Mapping[str, Any]) -> str:
    """Where a review came from, in words a reader can use: the site it was published
    on, else what kind of input it was read from ("a table, row 21"), never a path or a
    file name."""
    if link := safe_url(review.get("url")):
        return urlsplit(link).netloc.removeprefix("www.")
    source = str(review.get("source") or "")
    where = SHAPES.get(str(review.get("shape") or ""), "a file")
    if row := re.search(r"#row=(\d+)", source):
        return f"{where}, row {row[1]}"
    return where


def review_title(review: Mapping[str, Any]) -> str | None:
    """The review's own headline, unless it is only its file's name."""
    title = str(review.get("title") or "").strip()
    source = source_name(review.get("source"))
    stem = source.split("#", 1)[0].rsplit(".", 1)[0]
    if not title or _FILE_NAME.match(title) or title in (source, stem):
        return None
    return title


def review_heading(review: Mapping[str, Any], n: int, *, quote: bool = True) -> str:
    """What a review is called: its title, else its critic and outlet, else (``quote``)
    its pull-quote, else its number (``n`` counts from 0)."""
    if title := review_title(review):
        return title
    if byline := ", ".join(x for x in (review.get("critic"), review.get("outlet")) if x):
        return byline
    said = str((review.get("pull_quote") or {}).get("text") or "")
    if quote and said:
        return f"“{textwrap.shorten(said, QUOTE_HEADING, placeholder='…')}”"
    return f"Review {n + 1}"
