"""A movies table given beside a review export: film ids joined to titles and years.

Review exports name their film by an id (RT's ``rotten_tomatoes_link`` "m/0814255", the
newer export's ``id``, CS109's ``rtid`` 9559) and ship the titles in a second table
(``rotten_tomatoes_movies.csv``). ``marquee add reviews.csv movies.csv`` reads both: a
table with a film-id column and a title column but no review text is such a movies table,
and the review rows take their film's title and year from it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path

from marquee.documents.decode import decode
from marquee.documents.fields import TABLE_FIELDS, field_key, year_of
from marquee.documents.tables import FilmRef, _unique, csv_records, film_key, sniff_delimiter
from marquee.errors import MarqueeError

_ID_COLUMNS = (*TABLE_FIELDS["film_id"], "id")
_TITLE_COLUMNS = (*TABLE_FIELDS["film"], "name")
_YEAR_COLUMNS = (
    *TABLE_FIELDS["year"],
    "original_release_date",
    "releasedatetheaters",
    "release_date",
    "releasedatestreaming",
)


def is_catalog(header: Iterable[str]) -> bool:
    """Whether a table's columns are a movies table's: a film id and a title, no review."""
    keys = {field_key(name) for name in header}
    return (
        bool(keys & set(_ID_COLUMNS))
        and bool(keys & set(_TITLE_COLUMNS))
        and not keys & set(TABLE_FIELDS["text"])
    )


def read_catalog(text: str) -> dict[str, FilmRef] | None:
    """Film id (as :func:`film_key` compares it) -> (title, year) for a CSV movies table;
    None when the text is not one. Rows without an id or a title are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=sniff_delimiter(text))
    try:
        header = _unique(next(reader))
    except (StopIteration, csv.Error):
        return None
    if not is_catalog(header):
        return None
    films: dict[str, FilmRef] = {}
    for _number, row in csv_records(reader, header):
        if isinstance(row, str):
            continue
        fields = {field_key(k): str(v).strip() for k, v in row.items()}
        ident = _first(fields, _ID_COLUMNS)
        title = _first(fields, _TITLE_COLUMNS)
        if ident and title:
            year = year_of(_first(fields, _YEAR_COLUMNS) or "")
            films.setdefault(film_key(ident), (title, int(year) if year else None))
    return films


def _first(fields: Mapping[str, str], names: Iterable[str]) -> str | None:
    return next((fields[name] for name in names if fields.get(name)), None)


def catalogs_among(paths: Iterable[Path]) -> tuple[dict[str, FilmRef], list[Path], list[Path]]:
    """Split the files given into movies tables and the rest: (film id -> (title, year)
    from every movies table, the other files, the movies tables). Only ``.csv``/``.tsv``
    files are looked at; one that cannot be read is left for the reader to report."""
    films: dict[str, FilmRef] = {}
    rest: list[Path] = []
    catalogs: list[Path] = []
    for path in paths:
        found = _catalog_file(path) if path.suffix.lower() in (".csv", ".tsv") else None
        if found is None:
            rest.append(path)
        else:
            catalogs.append(path)
            films.update(found)
    return films, rest, catalogs


_MAX_BYTES = 100_000_000  # the table cap of marquee add's reader (5 MB x 20)


def _catalog_file(path: Path) -> dict[str, FilmRef] | None:
    try:
        if path.stat().st_size > _MAX_BYTES:
            return None
        data = path.read_bytes()
        text, _encoding = decode(data, str(path))
    except (OSError, MarqueeError):
        return None
    return read_catalog(text)
