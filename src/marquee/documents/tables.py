"""CSV and JSONL exports: one review per row, each row its own Document, read as asked.

Exports come from review aggregators, spreadsheets and scrapers with every naming
habit there is, so columns are matched by the usual names case-insensitively and the
caller can map any other (``ReadOptions.columns``).  A row without review text is a
problem line, not a failure: the other rows are still worth reading.
"""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import re
from collections.abc import Iterator, Mapping
from itertools import islice

from marquee.documents import plaintext
from marquee.documents.fields import TABLE_FIELDS, field_key, normalise, table_fields
from marquee.documents.limits import load_json
from marquee.errors import ParseError, TooLarge
from marquee.records import Document, Shape

log = logging.getLogger(__name__)

_SNIFF_CHARS = 64_000
_DELIMITERS = ",;\t|"

Row = Mapping[str, object]


def read_table(
    text: str,
    source: str,
    shape: Shape,
    *,
    columns: Mapping[str, str],
    encoding: str,
    max_rows: int | None = None,
    films: Mapping[str, FilmRef] | None = None,
) -> Iterator[Document | str]:
    """A Document for every row with review text, and a problem line for every other row,
    in row order, each built only when the caller asks for it.

    The table is checked whole before this returns, so a caller that stores rows as they
    come has stored none of a table that is refused: one with no rows or an unreadable
    header raises :class:`ParseError`, one of more than ``max_rows`` rows
    :class:`TooLarge` (counted without building a Document, and stopping at the row past
    the cap). Holding every row's Document until the last was read grew memory with the
    table (9.6 MiB for 8,000 RT quotes); now at most the rows the caller holds are alive.

    ``films`` is a movies table given beside this one (:mod:`.catalog`): a row that names
    its film only by id takes the title and year from there."""
    delimiter = sniff_delimiter(text) if shape == "csv" else ","

    def rows() -> Iterator[tuple[int, Row | str]]:
        if shape == "jsonl":
            return _jsonl_rows(text)
        return _csv_rows(text, source, columns, delimiter)

    counted = _lines_of_json(text) if shape == "jsonl" else None
    if counted is None:
        counted = sum(1 for _ in islice(rows(), None if max_rows is None else max_rows + 1))
    if max_rows is not None and counted > max_rows:
        raise TooLarge(
            f"{source}: a table of over {max_rows:,} rows, past the cap for adding to the "
            "store (--max-rows raises it; marquee batch scores tables of any size)"
        )
    if not counted:
        raise ParseError(f"{source}: a {shape.upper()} table with no rows")
    return _row_documents(rows(), source, shape, columns, encoding, films or {})


def _row_documents(
    rows: Iterator[tuple[int, Row | str]],
    source: str,
    shape: Shape,
    columns: Mapping[str, str],
    encoding: str,
    films: Mapping[str, FilmRef],
) -> Iterator[Document | str]:
    mapped = {field: (column,) for field, column in columns.items()}
    for number, row in rows:
        where = f"{source} row {number}"
        if isinstance(row, str):
            yield f"{where}: {row}"
            continue
        fields = {**table_fields(row), **mapped}
        meta = _filed(normalise(_unescaped(row), fields), row, films)
        body = meta.pop("text", "")
        blocks = plaintext.read_text(body)
        if not blocks:
            yield f"{where}: no review text"
            continue
        yield Document(
            source=f"{source}#row={number}",
            shape=shape,
            raw=json.dumps(row, sort_keys=True, ensure_ascii=False),
            blocks=blocks,
            meta=meta,
            encoding=encoding,
        )


_BREAK = re.compile(r"<(?:br|/?p)\s*/?>", re.IGNORECASE)
_INLINE = re.compile(r"</?(?:i|b|em|strong|span|a)\b[^>]*>", re.IGNORECASE)


def _unescaped(row: Row) -> Row:
    """Cells as they read: scrapers leave HTML entities ("A&#45;", "&amp;") and stray inline
    tags in exports, which would hide a grade or a name from every reader after this one."""
    return {key: _cell(value) if isinstance(value, str) else value for key, value in row.items()}


def _cell(value: str) -> str:
    if "<" in value:  # most cells hold no tag: skip both patterns' scans
        value = _INLINE.sub("", _BREAK.sub("\n", value))
    return html.unescape(value)


def _filed(meta: dict[str, str], row: Row, films: Mapping[str, FilmRef]) -> dict[str, str]:
    """A row's film when the export names it by an id rather than a title: RT's movie link
    ("m/the_dark_knight") or, in its newer export, the ``id`` beside a ``reviewId``. A
    movies table given beside it gives the title and year; otherwise the id's words become
    the title ("The Dark Knight") so its rows are filed together. A bare number ("9559")
    names no title: without a movies table such a row stays unfiled, and says so."""
    if "film" in meta:
        return meta
    key = meta.get("film_id")
    if key is None and any(field_key(k) == "reviewid" for k in row):
        key = next((str(v) for k, v in row.items() if field_key(k) == "id" and v), None)
    if not key:
        return meta
    known = films.get(film_key(key))
    if known is not None:
        title, year = known
        return {**meta, "film_id": key, "film": title, **({"year": str(year)} if year else {})}
    words = key.rsplit("/", 1)[-1].replace("_", " ").replace("-", " ").split()
    if not any(ch.isalpha() for word in words for ch in word):
        return {**meta, "film_id": key}
    return {**meta, "film_id": key, "film": " ".join(w.capitalize() for w in words)}


FilmRef = tuple[str, int | None]
"""A film a movies table names: its title and release year."""


def film_key(value: object) -> str:
    """How film ids are compared between a review table and a movies table."""
    return str(value).strip().casefold()


def _csv_rows(
    text: str, source: str, columns: Mapping[str, str], delimiter: str
) -> Iterator[tuple[int, Row | str]]:
    """(data row number, row as a dict or a problem) for each non-blank CSV record."""
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    try:
        header = _unique(next(reader))
    except StopIteration:
        return
    except csv.Error as err:
        raise ParseError(f"{source}: unreadable CSV header ({err})") from None
    _check_columns(header, columns, source)
    yield from csv_records(reader, header)


def csv_records(reader: Iterator[list[str]], header: list[str]) -> Iterator[tuple[int, Row | str]]:
    """(data row number, row or problem) for the records after the header: blank records
    are not counted, and a record that cannot be read or has the wrong number of fields is
    a numbered problem rather than the end of the table. Shared with the batch reader, so
    ``marquee add`` and ``marquee batch`` number and refuse the same rows."""
    number = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            number += 1
            yield number, f"unreadable CSV ({err})"
            continue
        if not any(cell.strip() for cell in record):
            continue
        number += 1
        if len(record) != len(header):
            yield number, f"{len(record)} fields where the header has {len(header)}"
            continue
        yield number, dict(zip(header, record, strict=True))


def sniff_delimiter(text: str) -> str:
    """The file's delimiter, sniffed; a comma if unsure.

    Only the delimiter is taken from the Sniffer: its guesses about quoting (e.g.
    ``doublequote=False`` from a sample without ``""``) split quoted reviews that
    contain commas, while every spreadsheet writes standard double-quoting.
    """
    try:
        return csv.Sniffer().sniff(text[:_SNIFF_CHARS], delimiters=_DELIMITERS).delimiter
    except csv.Error:
        return ","


def _unique(header: list[str]) -> list[str]:
    """Column names with blanks named and duplicates numbered, so no cell is lost."""
    seen: dict[str, int] = {}
    names = []
    for index, name in enumerate(header, start=1):
        base = name.strip().lstrip("\ufeff") or f"column_{index}"
        seen[base] = seen.get(base, 0) + 1
        names.append(base if seen[base] == 1 else f"{base}_{seen[base]}")
    return names


def _check_columns(header: list[str], columns: Mapping[str, str], source: str) -> None:
    """Refuse a file without a text column, or without a column the caller named."""
    keys = {field_key(name) for name in header}
    listing = ", ".join(header)
    for field, column in columns.items():
        if field_key(column) not in keys:
            raise ParseError(
                f"{source}: no column {column!r} for {field} (--column {field}=COLUMN names "
                f"one of: {listing})"
            )
    if "text" not in columns and not keys & set(TABLE_FIELDS["text"]):
        looked = "/".join(TABLE_FIELDS["text"])
        raise ParseError(
            f"{source}: no review-text column (looked for {looked}); name it with "
            f"--column text=COLUMN (in Python: ReadOptions(columns={{'text': ...}})); "
            f"columns: {listing}"
        )


def _jsonl_rows(text: str) -> Iterator[tuple[int, Row | str]]:
    """(row number, object or problem) per JSON Lines record, per item of a JSON array, or
    one for a single object written over several lines."""
    stripped = text.strip()
    if stripped.startswith("[") or _one_object_over_lines(stripped):
        yield from _json_array_rows(stripped)
        return
    number = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        number += 1
        try:
            row = load_json(line)
        except ValueError as err:
            yield number, f"not valid JSON ({err})"
            continue
        yield number, row if isinstance(row, dict) else "not a JSON object"


def _lines_of_json(text: str) -> int | None:
    """How many rows :func:`_jsonl_rows` gives JSON Lines, without parsing them (one a
    line that is not blank, read or not: counting by reading parsed every row twice);
    None for a JSON array or an object over several lines, which are counted by reading."""
    stripped = text.strip()
    if stripped.startswith("[") or _one_object_over_lines(stripped):
        return None
    return sum(1 for line in text.splitlines() if line.strip())


def _one_object_over_lines(text: str) -> bool:
    """A JSON object whose first line is not a whole JSON value: pretty-printed, not JSONL."""
    if not text.startswith("{"):
        return False
    try:
        load_json(text.split("\n", 1)[0])
    except ValueError:
        return True
    return False


def _json_array_rows(text: str) -> Iterator[tuple[int, Row | str]]:
    try:
        rows = load_json(text)
    except ValueError as err:
        yield 1, f"not valid JSON ({err})"
        return
    for number, row in enumerate(rows if isinstance(rows, list) else [rows], start=1):
        yield number, row if isinstance(row, dict) else "not a JSON object"
