"""Who wrote a review, where and when: ``Document -> ReviewMeta``.

Structure first (front matter, schema.org, CSV columns, HTML meta, all already in
``Document.meta``), then what the review's own lines say: bylines, a closing bio, a
dateline near the top, a headline naming the review, a spoiler warning.  Every
guess is conservative: a wrong critic or date is worse than None.

A table's critic column is kept as written ("Variety Staff", "bell hooks", the outlet's
own name): an export credits whom it credits, and dropping it loses the row's critic.
On a page the critic is a person (a lower-case name or two people in an author field
count). News sites often sign a page with their own name ("By
Finescoop", "Staff", an author field equal to the site's name) and name the critic
elsewhere: in the headline ("BRIAN VINER reviews …"), in a "Reviews by …" line at the
top or bottom, or as a bare name closing the page; schema.org author data, when a page
has it, is already in ``Document.meta``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from marquee.documents.bylines import (
    Byline,
    credited_name,
    find_bylines,
    is_dateline,
    person_name,
    site_signature,
    written_name,
)
from marquee.documents.fields import iso_date
from marquee.documents.lines import squash
from marquee.literals import CaseBlind
from marquee.records import PAGE_CREDIT, TABLE_SHAPES, Block, Document, ReviewMeta

_BYLINE_RANK = {"label": 0, "sentence": 0, "bio": 1, "repeat": 2}
_TOP_BLOCKS = 8  # a dateline belongs to the top of the page, not to its prose
_TITLE_BLOCKS = 3  # a headline is one of the first few non-chrome lines
_HEADLINE_WORDS = 20
_EDGE_LINES = 3  # "Reviews by …" or a bare name: among the first or last few lines
_SIGNATURE_WORDS = 14

_NAMES_REVIEWER = re.compile(r"^(?P<name>[^:|–—]{3,60}?)\s+reviews\b")  # BRIAN VINER reviews …
_REVIEWED_BY = re.compile(r"\breview(?:s|ed)?\s+by\s*:?\s+(?P<rest>.+)$", re.IGNORECASE)
_SIGNED = re.compile(
    r"^(?:by|posted by|written by|words by|author\s*:|byline\s*:)\s*(?P<who>\S.{0,40})$",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(r"^[\s—–~-]+")

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
_SPOILER_WORD = re.compile("spoiler", re.IGNORECASE)
"""What every ``_SPOILERS`` alternative holds, matched by the same engine and flags."""
_SPOILER_LITERAL = CaseBlind(["spoiler"])
"""The same word as a literal: an ASCII text needs no case-blind scan for it."""
_TRUE_WORDS = frozenset({"true", "yes", "1"})


def read_metadata(doc: Document) -> ReviewMeta:
    """The critic, outlet, date, headline, spoiler flag and url a document states."""
    bylines = find_bylines([block.text for block in doc.blocks])
    written = written_name(doc.meta.get("critic", ""))
    in_table = doc.shape in TABLE_SHAPES  # a critic column is the critic, as written
    if PAGE_CREDIT in doc.meta:
        critic = written  # a round-up's part: the page's credit as written, or no one
    else:
        critic = (written if in_table else None) or _critic(doc.meta, doc.blocks, bylines)
    return ReviewMeta(
        critic=critic,
        outlet=_outlet(doc.meta, doc.blocks, bylines),
        published=_published(doc.meta, doc.blocks, bylines),
        title=_title(doc.meta, doc.blocks),
        spoilers=_spoilers(doc.meta, doc.blocks),
        url=doc.meta.get("url") or None,
    )


def _critic(
    meta: Mapping[str, str], blocks: tuple[Block, ...], bylines: Mapping[int, Byline]
) -> str | None:
    """The structured author if it is a person, else the strongest byline's name, else a
    critic the headline or the page's edges name (see the module docstring), else the
    author field as written when it is a site's own name rather than a CMS account."""
    outlet = meta.get("outlet", "")
    written = squash(meta.get("critic", "")).strip()
    stated = credited_name(written)
    if stated is not None and not _same_name(stated, outlet):
        as_written = stated.casefold() == written.casefold() and not written.isupper()
        return written if as_written else stated  # "Sierra Van Houten" keeps its "Van"
    named = [
        (b, i)
        for i, b in bylines.items()
        if b.name and b.how in _BYLINE_RANK and not _same_name(b.name, outlet)
    ]
    if named:
        best, _ = min(named, key=lambda pair: (_BYLINE_RANK[pair[0].how], pair[1]))
        return best.name
    return _critic_named_elsewhere(meta, blocks) or site_signature(meta.get("critic", ""))


def _critic_named_elsewhere(meta: Mapping[str, str], blocks: tuple[Block, ...]) -> str | None:
    """ "BRIAN VINER reviews …" in the headline, "Reviews by Priya Desai" at the top or
    bottom, or, on a page signed by a site, a line that is only a person's name there."""
    lines = [b.text for b in blocks if b.kind != "chrome"]
    edges = [squash(line) for line in (*lines[:_EDGE_LINES], *lines[-_EDGE_LINES:])]
    for line in (meta.get("title", ""), *edges):
        name = _reviewer_in(line)
        if name is not None:
            return name
    if not _signed_by_site(meta, lines):
        return None
    for line in edges:
        bare = _SIGN_OFF.sub("", line)
        name = person_name(bare)
        if name is not None and name == bare:
            return name
    return None


def _reviewer_in(line: str) -> str | None:
    """The critic a headline or signature line names: "BRIAN VINER reviews …",
    "Oppenheimer, reviewed by Ines Okafor", "Reviews by Priya Desai"."""
    if not line or (len(line.split()) > _SIGNATURE_WORDS and not _is_headline(line)):
        return None
    found = _NAMES_REVIEWER.match(line)
    if found is not None and _is_headline(line):
        name = person_name(found["name"])
        if name is not None and name.casefold() == squash(found["name"]).casefold():
            return name
    found = _REVIEWED_BY.search(line)
    if found is None:
        return None
    name = person_name(found["rest"])
    after = found["rest"][len(name) :].strip() if name is not None else ""
    return name if name is not None and (not after or not after[0].isalnum()) else None


def _signed_by_site(meta: Mapping[str, str], lines: list[str]) -> bool:
    """Whether the page is signed by a site, not a person: an author field that is no
    person's name (or is the outlet's own), or a "By Staff" / "Posted by admin" line (of
    ``lines``, each read squashed: only the short ones are)."""
    author = meta.get("critic", "")
    if author and (person_name(author) is None or _same_name(author, meta.get("outlet", ""))):
        return True
    return any(
        (found := _SIGNED.match(squash(line))) is not None and person_name(found["who"]) is None
        for line in lines
        if len(line.split()) <= _EDGE_LINES * 2
    )


def _same_name(name: str, outlet: str) -> bool:
    """Whether a "critic" is really the outlet ("Screen Daily" by Screen Daily)."""
    return bool(outlet) and _name_key(name) == _name_key(outlet)


def _name_key(text: str) -> str:
    return re.sub(r"[\W_]+|^the\b", "", text.casefold())


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
        if dated or (byline is not None and is_dateline(block.text)):  # see find_bylines
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
    read = [block for block in blocks if block.kind != "chrome"]
    text = "\n".join(block.text for block in read)
    if not (_SPOILER_LITERAL.may_hold(text) and _SPOILER_WORD.search(text)):
        return False  # nearly every review: one scan of the text instead of one a block
    return any(
        _SPOILERS.search(block.text) and not _SPOILER_FREE.search(block.text) for block in read
    )
