"""Bytes to text: refuse what is not text, then decode what is, saying how, and strip it of
control characters.

Reviews arrive from browsers, exports and old Windows editors, so the order is the one
that is right most often for English-language review text: UTF-8 (with or without a
BOM), UTF-16 with a BOM, then cp1252 (which covers the "smart quotes" Word writes),
then latin-1, which never fails.
"""

from __future__ import annotations

import codecs
import logging

from marquee.documents.language import non_latin_script
from marquee.errors import ParseError
from marquee.sanitize import strip_controls

log = logging.getLogger(__name__)

# Leading bytes of common non-text files people drop by mistake, with a human name.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (or a .docx/.epub, which are zips)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc/.xls)"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"{\\rtf", "an RTF document"),
    (b"OggS", "an Ogg audio/video file"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_SNIFF = 4096  # enough of the start to judge binary-ness without scanning megabytes
_CONTROL_SHARE = 0.10  # more control characters than this and it is not prose
_MOJIBAKE_SHARE = 0.5


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise ParseError saying what the bytes look like.

    The text comes without control characters or terminal escape sequences
    (:func:`marquee.sanitize.strip_controls`): nothing read can reach a terminal as one.
    """
    text, encoding = _decode(data, source)
    return strip_controls(text), encoding


def _decode(data: bytes, source: str) -> tuple[str, str]:
    bom_encoding = _bom_encoding(data)
    if bom_encoding is not None:
        return _decode_bom(data, bom_encoding, source), bom_encoding
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return utf16
    looks_like = describe_binary(data)
    if looks_like is not None:
        raise ParseError(f"{source}: looks like {looks_like}, not a text review")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        log.debug("%s is not UTF-8", source)
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    return _unless_mojibake(data, text, encoding)


def _unless_mojibake(data: bytes, text: str, encoding: str) -> tuple[str, str]:
    """Re-detect when a Western decoding is mostly accented capitals ("Ýòîò ôèëüì").

    That is what Cyrillic, Greek or Arabic legacy encodings look like through cp1252;
    French or German prose has a few accents, never a majority.  Only then is
    charset-normalizer asked, and only a non-Latin reading of its is taken, since on
    short Western text it guesses among cp125x at random.
    """
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c > "\u00bf" for c in letters) / len(letters) < _MOJIBAKE_SHARE:
        return text, encoding
    import charset_normalizer  # ~35 ms to import, for the rare legacy non-Latin text

    best = charset_normalizer.from_bytes(data).best()
    if best is None or non_latin_script(str(best)) is None:
        return text, encoding
    return str(best), best.encoding


_NOT_CONTROLS = bytes(b for b in range(256) if b >= 32 or b in b"\t\n\r\f\x0b\x1b")
"""The bytes a text holds freely; the rest are control bytes, counted at C speed by
deleting these (a loop over a page's bytes in Python cost ~0.3 ms a file)."""


def describe_binary(data: bytes) -> str | None:
    """Name what non-text bytes look like ("a PNG image"), or None if they may be text."""
    head = data[:_SNIFF]
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "a WebP image"
    if head[4:8] == b"ftyp":
        return "an MP4/MOV video"
    if b"\x00" in head:
        return "binary data (it contains NUL bytes)"
    controls = len(head.translate(None, _NOT_CONTROLS))
    if head and controls / len(head) > _CONTROL_SHARE:
        return "binary data (too many control bytes for text)"
    return None


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _decode_bom(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ParseError(
            f"{source}: starts with a {encoding} byte-order mark but is not valid {encoding} "
            f"(byte {err.start})"
        ) from None


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM shows as a NUL in every other byte of mostly-ASCII text."""
    head = data[:_SNIFF]
    if len(head) < 8 or len(head) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) / len(zeros) > 0.9:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None
