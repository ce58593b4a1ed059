"""Which shape a document is, judged from its content; the file name only breaks ties.

People save Markdown and HTML as ``.txt`` and paste pages into ``.md`` files, so the
content decides: front matter or Markdown syntax means Markdown, a page skeleton means
HTML, one JSON object per line means JSONL, a header row with a review-text column
means CSV.  A page copied from a browser keeps stray ``![img](...)`` lines and dashes,
so those alone do not make Markdown.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import PurePath

from marquee.documents.fields import TABLE_FIELDS, field_key
from marquee.documents.limits import load_json
from marquee.documents.markdown import has_front_matter
from marquee.documents.tables import _DELIMITERS, sniff_delimiter
from marquee.errors import ParseError
from marquee.records import Shape

_HTML_PAGE = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|a|br|h[1-6]|li|ul|ol|em|strong|article|section)\b[^>]*>", re.I
)
_MIN_HTML_TAGS = 6  # a fragment such as "<h2>…</h2><p>…</p><p>…</p>" with its closing tags
_STRONG_MARKDOWN = re.compile(r"^(?:#{1,6}\s+\S|```|~~~)", re.MULTILINE)
_MARKDOWN_MARKS = re.compile(
    r"(?=[*_\[><\s])"  # what every mark opens on: the engine gives up at once elsewhere
    r"(?:\*\*[^*\n]+\*\*|__[^_\n]+__|(?<!!)\[[^\]\n]+\]\([^)\s]+\)|^>\s|"
    r"^\s*<(?:figure|div|p|table|iframe|img|blockquote|ul|ol|section|video|h[1-6])\b)",
    re.MULTILINE | re.IGNORECASE,
)
_MIN_MARKS = 2
_FEED = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss\b|rdf:RDF\b|feed\s[^>]*xmlns=[\"']http://www\.w3\.org/2005/Atom)",
    re.DOTALL,
)
_PRETTY_JSON = re.compile(r'\{\s*\n\s*"[^"\n]+"\s*:')
"""An object opened alone on its line, then a quoted key: JSON, not prose in braces."""
_SAMPLE = 20_000  # shape shows in the first pages; never scan megabytes to decide
_MAX_HEADER_CELL = 40
_TIE_BREAKERS: dict[str, Shape] = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".csv": "csv",
    ".tsv": "csv",
}


def detect_shape(text: str, source: str, columns: Iterable[str] = ()) -> Shape:
    """The shape of ``text``; ``columns`` are extra column names that mark a CSV header.

    Raises :class:`~marquee.errors.ParseError` for a saved RSS or Atom feed: its entries
    only link to the reviews, which ``marquee add --feed URL`` fetches."""
    sample = text[:_SAMPLE]
    if _FEED.match(sample):
        raise ParseError(
            f"{source}: an RSS or Atom feed, which holds links to reviews rather than "
            "reviews; add them with marquee add --feed URL"
        )
    if has_front_matter(sample):
        return "markdown"
    by_name = _TIE_BREAKERS.get(PurePath(source).suffix.lower())
    if _HTML_PAGE.search(sample[:2000]) or (by_name == "html" and _HTML_TAG.search(sample)):
        return "html"
    if _is_jsonl(sample):
        return "jsonl"
    if _is_table_header(sample, columns, trust_name=by_name == "csv"):
        return "csv"
    if _STRONG_MARKDOWN.search(sample) or len(_MARKDOWN_MARKS.findall(sample)) >= _MIN_MARKS:
        return "markdown"
    if len(_HTML_TAG.findall(sample)) >= _MIN_HTML_TAGS:
        return "html"
    return "markdown" if by_name == "markdown" else "text"


def _is_jsonl(sample: str) -> bool:
    """One JSON object on the first line, the whole text a JSON array of objects, or one
    JSON object written over several lines (a single review exported pretty-printed)."""
    stripped = sample.lstrip()
    if stripped.startswith("["):
        return stripped.rstrip().endswith("]") and _json_objects_array(stripped)
    if stripped.startswith("{") and _PRETTY_JSON.match(stripped):
        return True
    first = stripped.split("\n", 1)[0].strip()
    if not first.startswith("{"):
        return False
    try:
        return isinstance(load_json(first), dict)
    except ValueError:
        return False


def _json_objects_array(text: str) -> bool:
    try:
        data = load_json(text)
    except ValueError:
        return False
    return isinstance(data, list) and bool(data) and all(isinstance(row, dict) for row in data)


def _is_table_header(sample: str, columns: Iterable[str], *, trust_name: bool) -> bool:
    """A first line that splits into short cells naming a known column (or a .csv name)."""
    first = next(iter(sample.splitlines()), "")
    known = {alias for aliases in TABLE_FIELDS.values() for alias in aliases}
    known |= {field_key(column) for column in columns}
    answers = {d: _header_by(first, d, known, trust_name=trust_name) for d in _DELIMITERS}
    if len(set(answers.values())) == 1:  # the same whichever delimiter: no need to sniff
        return answers[","]
    return answers[sniff_delimiter(sample[:4096])]


def _header_by(first: str, delimiter: str, known: set[str], *, trust_name: bool) -> bool:
    """Whether ``first`` is a table's header when split by ``delimiter``. Prose (a line
    of cells too long, or of one cell) is no header whatever the delimiter, so the
    Sniffer, which costs more than reading the rest of a review, is asked only when the
    delimiters disagree."""
    if delimiter not in first:
        return False
    try:
        header = next(csv.reader([first], delimiter=delimiter), [])
    except csv.Error:
        return False
    cells = [field_key(cell) for cell in header]
    if len(cells) < 2 or any(len(c) > _MAX_HEADER_CELL for c in cells):
        return False
    return trust_name or bool(known & set(cells))
