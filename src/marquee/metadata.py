"""Who wrote a review, where and when: ``Document -> ReviewMeta``.

Structure first (front matter, schema.org, CSV columns, HTML meta, all already in
``Document.meta``), then what the review's own lines say: bylines, a closing bio, a
dateline near the top, a headline naming the review, a spoiler warning.  Every
guess is conservative: a wrong critic or date is worse than None.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from marquee.documents.bylines import Byline, find_bylines, is_dateline, person_name
from marquee.documents.fields import iso_date
from marquee.records import Block, Document, ReviewMeta

_BYLINE_RANK = {"label": 0, "sentence": 0, "bio": 1, "repeat": 2}
_TOP_BLOCKS = 8  # a dateline belongs to the top of the page, not to its prose
_TITLE_BLOCKS = 3  # a headline is one of the first few non-chrome lines
_HEADLINE_WORDS = 20

_NAMES_REVIEW = re.compile(r"\breview(?:ed)?\b", re.IGNORECASE)
_OUTLET_IN_BIO = re.compile(
    r"\b(?:critic|reviewer)s?\s+(?:for|at|with)\s+"
    r"(?P<outlet>(?:the\s+)?[A-Z][\w&'’.-]*(?:\s+(?:of\s+|&\s+)?[A-Z][\w&'’.-]*){0,5})"
)
_SPOILER_FREE = re.compile(
    r"\bspoiler[- ]?(?:free|less)\b|\bno spoilers\b|\bwithout (?:any )?spoilers\b",
    re.IGNORECASE,
)
_SPOILERS = re.compile(
    r"\bcontains? (?:\w+ )?spoilers\b|\bspoilers? (?:ahead|follow|below)\b|"
    r"\bspoiler (?:warning|alert)\b|\(spoilers?\)|^spoilers?\W*$|"
    r"\b(?:major|mild|minor|heavy|full|some) spoilers\b",
    re.IGNORECASE,
)
_TRUE_WORDS = frozenset({"true", "yes", "1"})


def read_metadata(doc: Document) -> ReviewMeta:
    """The critic, outlet, date, headline, spoiler flag and url a document states."""
    bylines = find_bylines([block.text for block in doc.blocks])
    return ReviewMeta(
        critic=_critic(doc.meta, doc.blocks, bylines),
        outlet=_outlet(doc.meta, doc.blocks, bylines),
        published=_published(doc.meta, doc.blocks, bylines),
        title=_title(doc.meta, doc.blocks),
        spoilers=_spoilers(doc.meta, doc.blocks),
        url=doc.meta.get("url") or None,
    )


def _critic(
    meta: Mapping[str, str], blocks: tuple[Block, ...], bylines: Mapping[int, Byline]
) -> str | None:
    """The structured author if it is a person, else the strongest byline's name."""
    stated = person_name(meta.get("critic", ""))
    if stated is not None:
        return stated
    named = [(b, i) for i, b in bylines.items() if b.name and b.how in _BYLINE_RANK]
    if not named:
        return None
    best, _ = min(named, key=lambda pair: (_BYLINE_RANK[pair[0].how], pair[1]))
    return best.name


def _outlet(
    meta: Mapping[str, str], blocks: tuple[Block, ...], bylines: Mapping[int, Byline]
) -> str | None:
    """The structured outlet, else one a bio names ("film critic for The Guardian").

    Only a critic's job counts: "an editor for THN" says where else they work.
    """
    if meta.get("outlet"):
        return meta["outlet"]
    for index, byline in bylines.items():
        match = _OUTLET_IN_BIO.search(blocks[index].text) if byline.how == "bio" else None
        if match is not None:
            return match["outlet"].rstrip(".")
    return None


def _published(
    meta: Mapping[str, str], blocks: tuple[Block, ...], bylines: Mapping[int, Byline]
) -> str | None:
    """The structured date, else the first dateline, or a dated byline near the top.

    A dateline ("Published 8 September 2023", "REVIEWED ON 2/17/99", a bare date above
    the headline) counts wherever it is; a byline's date only near the top; a date in
    prose ("arrives in cinemas on 6th June 2025") never does.
    """
    stated = iso_date(meta["published"]) if meta.get("published") else None
    if stated is not None:
        return stated
    for index, block in enumerate(blocks):
        byline = bylines.get(index)
        dated = byline is not None and (byline.how == "dateline" or index < _TOP_BLOCKS)
        if dated or is_dateline(block.text):
            found = iso_date(block.text)
            if found is not None:
                return found
    return None


def _title(meta: Mapping[str, str], blocks: tuple[Block, ...]) -> str | None:
    """The structured title, else an early headline that names the review."""
    if meta.get("title"):
        return meta["title"]
    skipped = {"chrome", "media", "caption", "byline"}
    early = [b for b in blocks if b.kind not in skipped][:_TITLE_BLOCKS]
    for block in early:
        if _is_headline(block.text) and _NAMES_REVIEW.search(block.text):
            return block.text
    return None


def _is_headline(text: str) -> bool:
    """Short and not a sentence; sentence case allowed ("Past Lives review – a quiet …")."""
    return len(text.split()) <= _HEADLINE_WORDS and not text.rstrip().endswith((".", ",", ";"))


def _spoilers(meta: Mapping[str, str], blocks: tuple[Block, ...]) -> bool:
    """A spoiler warning anywhere in the review; "spoiler-free" lines never count."""
    if meta.get("spoilers", "").strip().lower() in _TRUE_WORDS:
        return True
    return any(
        _SPOILERS.search(block.text) and not _SPOILER_FREE.search(block.text)
        for block in blocks
        if block.kind != "chrome"
    )
