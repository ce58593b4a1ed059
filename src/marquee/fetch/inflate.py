"""Inflate a compressed body as it streams in, a bounded piece at a time.

Apart from the client because it is the one defence against a decompression bomb: the
size cap counts *decoded* bytes, so inflating must never produce more than a piece at
once, and a body compressed twice over is refused before a byte of it is read.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

import httpx

from marquee.fetch.errors import FetchError, NotAPage

CODINGS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}
"""The content codings marquee asks for and inflates itself, with their zlib window bits."""
_PIECE = 64_000
"""Most bytes one step of inflating may produce, so a bomb never lands in memory at once."""


def decoded(url: str, response: httpx.Response) -> Iterator[bytes]:
    """The body as it streams in, inflated a bounded piece at a time. A body compressed
    more than once (``Content-Encoding: gzip, gzip``) is refused: a page is compressed
    once, and every layer multiplies what a few kilobytes can expand to."""
    header = response.headers.get("content-encoding", "")
    codings = [c.strip().lower() for c in header.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if len(codings) > 1:
        raise NotAPage(f"{url}: refused: compressed {len(codings)} times over ({header})")
    if not codings:
        yield from response.iter_raw()
        return
    if codings[0] not in CODINGS:
        raise NotAPage(f"{url}: compressed as {codings[0]!r}, which marquee does not read")
    inflater = zlib.decompressobj(CODINGS[codings[0]])
    try:
        for raw in response.iter_raw():
            while raw:
                yield inflater.decompress(raw, _PIECE)
                raw = inflater.unconsumed_tail
    except zlib.error as err:
        raise FetchError(f"{url}: the compressed body is corrupt ({err})") from None
