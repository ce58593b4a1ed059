"""The first stage: bytes → :class:`~marquee.records.Document`.

Detects each input's shape from its content (plain text, Markdown with front matter,
HTML, CSV, JSONL), decodes it, splits it into labelled blocks with site chrome marked,
and gathers what its structure says into ``Document.meta``::

    >>> reading = read_path("examples/ballerina/003_87892659af28d0ec.txt")
    >>> reading.documents[0].shape, reading.documents[0].meta["score"]
    ('markdown', '7/10')

A whole input that cannot be read raises :class:`~marquee.errors.ParseError` (or
:class:`~marquee.errors.TooLarge`) with a one-line reason; a bad row in a table is a
line in ``Reading.problems`` instead.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Iterator
from pathlib import Path

from marquee.documents.decode import decode
from marquee.documents.detect import detect_shape
from marquee.documents.language import language_warning
from marquee.documents.markdown import read_markdown
from marquee.documents.options import TABLE_SIZE_FACTOR, Reading, ReadOptions
from marquee.documents.plaintext import read_text
from marquee.documents.tables import read_table
from marquee.errors import ParseError, TooLarge
from marquee.records import TABLE_SHAPES, Block, Document, Shape

__all__ = ["read_bytes", "read_path", "Reading", "ReadOptions", "stream_bytes", "stream_path"]

log = logging.getLogger(__name__)

_DEFAULT_OPTIONS = ReadOptions()


def read_bytes(data: bytes, source: str, *, options: ReadOptions = _DEFAULT_OPTIONS) -> Reading:
    """Read one input's bytes; ``source`` names it in documents and messages."""
    documents: list[Document] = []
    problems: list[str] = []
    for item in stream_bytes(data, source, options=options):
        if isinstance(item, str):
            problems.append(item)
        else:
            documents.append(item)
    return Reading(source, tuple(documents), tuple(problems))


def read_path(path: str | os.PathLike[str], *, options: ReadOptions = _DEFAULT_OPTIONS) -> Reading:
    """Read a file; ``Document.source`` is the path exactly as given."""
    source = os.fspath(path)
    return read_bytes(_read_file(Path(source), source, options), source, options=options)


def stream_bytes(
    data: bytes, source: str, *, options: ReadOptions = _DEFAULT_OPTIONS
) -> Iterator[Document | str]:
    """What :func:`read_bytes` reads, one document (or a table row's problem line) at a
    time: a table's rows are built as they are asked for, so a caller that stores each
    chunk as it comes holds no more than a chunk. Whatever refuses the input whole (too
    large, too many rows, unreadable) is raised before this returns, so nothing of a
    refused input reaches the caller."""
    if not data:
        raise ParseError(f"{source}: is empty (0 bytes)")
    table_cap = options.max_bytes * TABLE_SIZE_FACTOR
    if len(data) > table_cap:
        raise TooLarge(_too_large(source, len(data), table_cap, "a table of reviews"))
    text, encoding = decode(data, source)
    if not text.strip():
        raise ParseError(f"{source}: holds only whitespace")
    shape = options.shape or detect_shape(text, source, options.columns.values())
    log.debug("%s: %s, %s, %d bytes", source, shape, encoding, len(data))
    items: Iterator[Document | str]
    if shape in TABLE_SHAPES:
        items = read_table(
            text,
            source,
            shape,
            columns=options.columns,
            encoding=encoding,
            max_rows=options.max_rows,
            films=options.films,
        )
    else:
        if len(data) > options.max_bytes:
            raise TooLarge(_too_large(source, len(data), options.max_bytes, "one review"))
        items = iter((_read_document(text, source, shape, encoding),))
    return (item if isinstance(item, str) else _with_language(item) for item in items)


def stream_path(
    path: str | os.PathLike[str], *, options: ReadOptions = _DEFAULT_OPTIONS
) -> Iterator[Document | str]:
    """:func:`stream_bytes` of a file, as :func:`read_path` reads it."""
    source = os.fspath(path)
    return stream_bytes(_read_file(Path(source), source, options), source, options=options)


def _read_document(text: str, source: str, shape: Shape, encoding: str) -> Document:
    blocks: tuple[Block, ...]
    meta: dict[str, str] = {}
    if shape == "html":
        # trafilatura and extruct (with bs4 and mf2py) take ~0.4 s to import: only an
        # HTML document pays for them, never a table, a text or a Markdown file.
        from marquee.documents.html import read_html

        blocks, meta = read_html(text, source)
    elif shape == "markdown":
        blocks, meta = read_markdown(text, source)
    else:
        blocks = read_text(text)
    if not blocks:
        raise ParseError(f"{source}: no readable text in this {shape} document")
    return Document(
        source=source, shape=shape, raw=text, blocks=blocks, meta=meta, encoding=encoding
    )


def _with_language(doc: Document) -> Document:
    warning = language_warning(doc.text)
    if warning is None:
        return doc
    return dataclasses.replace(doc, warnings=(*doc.warnings, warning))


def _read_file(path: Path, source: str, options: ReadOptions) -> bytes:
    """The file's bytes, refusing before reading when it is over even a table's cap."""
    limit = options.max_bytes * TABLE_SIZE_FACTOR
    try:
        if path.is_dir():
            raise ParseError(f"{source}: is a directory, not a file")
        size = path.stat().st_size
        if size > limit:
            raise TooLarge(_too_large(source, size, limit, "a table of reviews"))
        with path.open("rb") as handle:
            return handle.read(limit + 1)
    except FileNotFoundError:
        raise ParseError(f"{source}: no such file") from None
    except PermissionError:
        raise ParseError(f"{source}: permission denied") from None
    except OSError as err:
        raise ParseError(f"{source}: cannot read ({err.strerror or err})") from None


def _too_large(source: str, size: int, cap: int, what: str) -> str:
    return (
        f"{source}: is {_size(size)}, over the {_size(cap)} cap for {what} "
        "(ReadOptions.max_bytes); refused whole rather than truncated"
    )


def _size(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} MB"
    if count >= 1_000:
        return f"{count / 1_000:.1f} kB"
    return f"{count} bytes"
