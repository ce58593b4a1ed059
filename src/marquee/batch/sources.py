"""Review tables of any size, read as a stream of rows in bounded memory.

A batch input is one CSV, JSONL or Parquet file. Only the *framing* happens here — which
bytes make a row, and the row as a mapping of column to value; turning a row into a
:class:`~marquee.records.Document` is left to :mod:`marquee.documents`, the same reader
``marquee add`` uses (see :mod:`marquee.batch.work`).

CSV goes through the standard library's ``csv`` module with the delimiter the tables reader
sniffs, row by row, so numbering, lenient quoting and ragged rows come out exactly as in
``marquee add``; pyarrow's CSV reader differs on all three (it refuses a stray quote, and
cannot say where in the sequence a skipped row was). JSONL is read line by line; Parquet in
record batches through pyarrow.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import itertools
import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

import pyarrow.parquet as pq  # type: ignore[import-untyped]

from marquee.documents.decode import decode
from marquee.documents.detect import detect_shape
from marquee.documents.limits import TooDeep, check_depth, load_json
from marquee.documents.tables import _check_columns, _unique, csv_records, sniff_delimiter
from marquee.errors import ParseError

log = logging.getLogger(__name__)

Format = Literal["csv", "jsonl", "parquet"]

_SAMPLE_BYTES = 256_000  # enough for the sniffers (the tables reader looks at 64,000 chars)
_PARQUET_MAGIC = b"PAR1"
_CSV_FIELD_LIMIT = 64_000_000  # one cell may hold a whole review; csv's default is 128 kB


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its 1-based number in the input (blank lines not counted, as in
    ``marquee add``) and its cells, or the reason it could not be read."""

    number: int
    cells: Mapping[str, object] | str


@dataclass(frozen=True, slots=True)
class TableSource:
    """An opened review table: what it is, and how to stream its rows."""

    path: Path
    format: Format
    encoding: str
    size: int
    open_rows: Callable[[], RowStream]


class RowStream:
    """The rows of a table, and how far into the file reading has got (for progress).

    The file is opened when iteration starts and closed when it ends or is abandoned.
    """

    def __init__(self, rows: Callable[[Callable[[int], None]], Iterator[Row]]) -> None:
        self._rows = rows
        self._position = 0

    def position(self) -> int:
        """Bytes of the input read so far."""
        return self._position

    def _advance(self, position: int) -> None:
        self._position = position

    def __iter__(self) -> Iterator[Row]:
        return self._rows(self._advance)


def open_table(path: Path, *, columns: Mapping[str, str]) -> TableSource:
    """Check that ``path`` is a review table marquee can stream, and how to read it.

    Raises :class:`ParseError` for a missing or unreadable file, a file that is not a
    CSV/JSONL/Parquet table, or a table without a review-text column (or without a column
    named in ``columns``).
    """
    source = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_SAMPLE_BYTES)
    except FileNotFoundError:
        raise ParseError(f"{source}: no such file") from None
    except OSError as err:
        raise ParseError(f"{source}: cannot read ({err.strerror or err})") from None
    if head.startswith(_PARQUET_MAGIC):
        return _parquet(path, size, columns)
    if not head.strip():
        raise ParseError(f"{source}: is empty")
    sample, encoding = decode(_whole_lines(head, size), source)
    shape = detect_shape(sample, source, columns.values())
    if sample.lstrip().startswith("[") and (shape == "jsonl" or path.suffix in (".json", ".jsonl")):
        raise ParseError(
            f"{source}: a JSON array cannot be read in pieces; write one object per line "
            "(JSON Lines), e.g. jq -c '.[]'"
        )
    if shape == "jsonl":
        return TableSource(path, "jsonl", encoding, size, lambda: _jsonl_rows(path, encoding))
    if shape == "csv" or path.suffix.lower() in (".csv", ".tsv"):
        delimiter = sniff_delimiter(sample)
        _csv_header(sample, delimiter, columns, source)  # refuse a bad header before any work
        return TableSource(
            path, "csv", encoding, size, lambda: _csv_rows(path, encoding, delimiter)
        )
    raise ParseError(
        f"{source}: not a review table (it reads as {shape}); marquee batch takes CSV, "
        "JSONL or Parquet — use marquee add for single reviews"
    )


def chunks(rows: RowStream, size: int) -> Iterator[tuple[Row, ...]]:
    """Rows in consecutive groups of ``size`` (the last may be shorter)."""
    iterator = iter(rows)
    while group := tuple(itertools.islice(iterator, size)):
        yield group


def chunk_digest(rows: Sequence[Row]) -> str:
    """Identity of a chunk for resuming: the SHA-256 of its rows, numbers and cells."""
    digest = hashlib.sha256()
    for row in rows:
        cells = json.dumps(row.cells, sort_keys=True, default=json_value, ensure_ascii=False)
        digest.update(f"{row.number}\t{cells}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def json_value(value: object) -> object:
    """A Parquet cell as JSON can hold it: dates in ISO form, decimals and bytes as text."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, Decimal | dt.timedelta):
        return str(value)
    raise TypeError(f"cannot represent {type(value).__name__} as JSON")


def _whole_lines(head: bytes, size: int) -> bytes:
    """The sample cut after its last full line, unless it is the whole file."""
    if len(head) >= size:
        return head
    cut = head.rfind(b"\n")
    return head[: cut + 1] if cut > 0 else head


@contextmanager
def _text(path: Path, encoding: str, at: Callable[[int], None]) -> Iterator[Iterator[str]]:
    """The file's lines, reporting the bytes read so far through ``at``."""
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    with path.open("rb") as raw, io.TextIOWrapper(raw, encoding=encoding, newline="") as text:

        def lines() -> Iterator[str]:
            for line in text:
                at(raw.tell())  # ahead by the text layer's read-ahead (8 kB): close enough
                yield line

        yield lines()


def _csv_header(sample: str, delimiter: str, columns: Mapping[str, str], source: str) -> None:
    try:
        header = next(csv.reader(io.StringIO(sample, newline=""), csv.excel, delimiter=delimiter))
    except (StopIteration, csv.Error) as err:
        raise ParseError(f"{source}: unreadable CSV header ({err})") from None
    _check_columns(_unique(header), columns, source)


def _csv_rows(path: Path, encoding: str, delimiter: str) -> RowStream:
    def rows(at: Callable[[int], None]) -> Iterator[Row]:
        """The tables reader's CSV records (documents.tables), over a file, not a string."""
        with _text(path, encoding, at) as lines:
            reader = csv.reader(lines, csv.excel, delimiter=delimiter)
            header = _unique(next(reader, []))
            for number, cells in csv_records(reader, header):
                yield Row(number, cells)

    return RowStream(rows)


def _jsonl_rows(path: Path, encoding: str) -> RowStream:
    def rows(at: Callable[[int], None]) -> Iterator[Row]:
        with _text(path, encoding, at) as lines:
            numbered = enumerate((line for line in lines if line.strip()), start=1)
            for number, line in numbered:
                try:
                    cells = load_json(line)
                except ValueError as err:
                    yield Row(number, f"not valid JSON ({err})")
                    continue
                yield Row(number, cells if isinstance(cells, dict) else "not a JSON object")

    return RowStream(rows)


def _parquet(path: Path, size: int, columns: Mapping[str, str]) -> TableSource:
    source = str(path)
    try:
        with pq.ParquetFile(path) as table:
            names = table.schema_arrow.names
    except (OSError, ValueError) as err:
        raise ParseError(f"{source}: unreadable Parquet ({err})") from None
    _check_columns(list(names), columns, source)
    return TableSource(path, "parquet", "utf-8", size, lambda: _parquet_rows(path))


def _parquet_rows(path: Path) -> RowStream:
    def rows(at: Callable[[int], None]) -> Iterator[Row]:
        """Row group by row group; progress is the file's size in proportion to rows read."""
        size = path.stat().st_size
        with pq.ParquetFile(path) as table:
            total, number = max(1, table.metadata.num_rows), 0
            for group in range(table.num_row_groups):
                for batch in table.iter_batches(batch_size=4096, row_groups=[group]):
                    for cells in batch.to_pylist():
                        number += 1
                        try:
                            check_depth(cells)
                        except TooDeep as err:
                            yield Row(number, str(err))
                            continue
                        yield Row(number, cells)
                at(size * number // total)

    return RowStream(rows)
