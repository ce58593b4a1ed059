"""Plain text, including whole web pages copied from a browser, into labelled blocks.

Copied pages put one paragraph per line (sometimes with blank lines between), so a
line is a block.  Text hard-wrapped at a fixed width (e-mail, old archives) is the
exception: there a blank-line-separated group is one paragraph, and its lines are
joined back together.
"""

from __future__ import annotations

import re

from marquee.documents import chrome
from marquee.documents.lines import is_title_like, squash
from marquee.records import Block

# "* " starts a bullet unless more stars follow: "* * *" is an asterisk rating.
_LIST_MARKER = re.compile(r"^\s*(?:[-•·–]|\*(?!\s*\*)|\d{1,3}[.)])\s+(?=\S)")
_MIN_WRAP_WIDTH, _MAX_WRAP_WIDTH = 40, 120
_WRAPPED_SHARE = 0.8  # share of line breaks that fall where a fixed width would put them
_MIN_BREAKS = 3


def read_text(text: str) -> tuple[Block, ...]:
    """Split text into blocks by line (or by paragraph when hard-wrapped) and label them."""
    return chrome.label([_propose(segment) for segment in segments(text)])


def segments(text: str) -> list[str]:
    """The text's paragraphs: one per line, or one per blank-line group when hard-wrapped."""
    lines = text.splitlines()
    if not _is_hard_wrapped(lines):
        return [line for line in lines if line.strip()]
    result: list[str] = []
    group: list[str] = []
    for line in lines:
        if group and (not line.strip() or _LIST_MARKER.match(line)):
            result.append(" ".join(group))
            group = []
        if line.strip():
            group.append(line.strip())
    if group:
        result.append(" ".join(group))
    return result


def _propose(segment: str) -> Block:
    marker = _LIST_MARKER.match(segment)
    if marker:
        return Block("list_item", squash(segment[marker.end() :]))
    text = squash(segment)
    return Block("heading" if is_title_like(text) else "paragraph", text)


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Whether line breaks fall where a fixed-width wrapper would put them.

    In wrapped text the first word of each continuation line would not have fitted on
    the line before; in one-paragraph-per-line text it usually would have.
    """
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if not lengths:
        return False
    width = max(lengths)
    if not _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH:
        return False
    breaks = [
        len(line.rstrip()) + 1 + len(after.split()[0]) > width - 2
        for line, after in zip(lines, lines[1:], strict=False)
        if line.strip() and after.strip()
    ]
    return len(breaks) >= _MIN_BREAKS and sum(breaks) / len(breaks) >= _WRAPPED_SHARE
