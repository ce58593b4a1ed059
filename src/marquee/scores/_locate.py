"""Where a review states its score: meta, labelled lines, a rating box, a sub-score table.

A review prints many numbers and most are not its score: dates, runtimes, "John Wick 3",
a "Top 10", the son's three stars, a star legend, other films' 8/10s in a link list.
Candidates are therefore gathered in tiers of trust — structured meta, then labelled
lines and rating headings, then a sub-score table, then fractions in prose — and a tier
whose candidates disagree gives no score at all: a wrong explicit score is worse than
None, which the scoring model fills in later.

This module gathers the text's candidates and decides between them; reading the
structure's own score is :mod:`._meta`'s job and a sub-score table :mod:`._table`'s.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterator, Sequence
from typing import Final

from marquee.literals import CaseBlind
from marquee.records import Block, Document, Score
from marquee.scores import _grammar as g
from marquee.scores._meta import from_meta, unread_score
from marquee.scores._table import AGREE_WITHIN, subscore_table, table_score, with_table
from marquee.scores._voice import SENTENCE_END, critic_gives

__all__ = ["parse_score", "read_score", "unread_score"]

log = logging.getLogger(__name__)

UNTRUSTED_KINDS: Final = frozenset({"chrome", "byline", "caption", "media"})

LABEL: Final = re.compile(
    rf"""
    [\s#>•]*(?P<em>\*\*|__)?\s*
    (?:(?:my|our|the|final|overall|critic'?s|total|star|film|movie)\s+){{0,2}}
    (?P<word>{g.LABEL_WORDS})
    (?:\s*\((?P<spec>[^()]{{1,24}})\))?
    (?:\s*[:=|–—-]+\s*|\s+is\s+|\s+)
    (?(em)(?:\*\*|__)\s*(?:[:=|–—-]+\s*)?)
    (?:an?\s+(?=\S))?
    """,
    re.VERBOSE | re.IGNORECASE,
)
"""A label opening a line or sentence: "Rating:", "**Our score:**", "Rating (0 to 10):"."""

RATING_HEADING: Final = re.compile(
    r"(?:(?:the|our|my|final|overall)\s+){0,2}(?:summary|verdict|rating|score|grade|stars)",
    re.IGNORECASE,
)
GRADE_HEADING: Final = re.compile(r"(?:(?:the|our|my|final)\s+){0,2}(?:verdict|grade)", re.I)
RELATED_HEADING: Final = re.compile(
    r"also\s+check\s+out|related(?:\s+(?:posts|reviews|articles|stories))?|see\s+also|"
    r"more\s+(?:reviews|like\s+this|(?:from|in)\s+.{1,30})|you\s+(?:may|might)\s+also\s+like|"
    r"read\s+(?:next|more)|recommended\s+(?:for\s+you|reading|reviews|posts)|"
    r"(?:latest|popular|trending|recent)\s+(?:posts|reviews|articles|stories|now)",
    re.IGNORECASE,
)
"""Sections that list other films: their scores are not this review's."""

HEADING_LOOKAHEAD: Final = 4
"""A rating heading's value sits within this many blocks ("Summary" / one sentence / "2")."""

DATE_WORDS: Final = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|"
    r"\b(?:date|dated|released?|premieres?|premiered|opens|opened|reviewed\s+on|screened)\b",
    re.IGNORECASE,
)
DATE_WINDOW: Final = 30
STAR_SCALE: Final = re.compile(
    r"\b(?:my|a|the|our)\s+(?P<best>four|five|ten|4|5|10)[-\s]star\s+(?:rating\s+)?(?:scale|system)",
    re.IGNORECASE,
)
STAR_WORD: Final = CaseBlind(["star"])
"""What every match of :data:`STAR_SCALE` holds: most blocks hold none, and need no search."""
STAR_RUN: Final = re.compile(r"(?<![\w*])\*{1,5}(?![\w*])")
"""A run of one to five asterisks standing alone: a star legend's ratings."""
LEGEND_ZERO: Final = re.compile(r"(?<![\w.*])(?:0|zero|no\s+stars)\s*(?:stars?\s*)?[=:\-–—]", re.I)
LOOSE_ALONE: Final = frozenset({"glyphs", "star_words", "fraction"})
"""What may stand alone unlabelled: not "***" (a separator) nor "85%" (a Tomatometer)."""
FRACTION_HINT: Final = re.compile(r"\d\s*(?:/|out\s+of)", re.IGNORECASE)
"""A cheap test before scanning prose for fractions."""
PROSE_SCALE: Final = re.compile(r"(?:/|out\s+of)\s*(?P<best>\d+(?:\.\d+)?)", re.I)
PROSE_SCALES: Final = frozenset({4.0, 5.0, 10.0, 100.0})
"""Out of 20 only when labelled: in prose "20/20" is hindsight, eyesight or a TV show."""
LIST_MARKER: Final = re.compile(r"^\s*(?:[-*•+]|\d{1,2}[.)])\s+")
QUANTITY_AFTER: Final = re.compile(r"\s+(?:of|hours?|minutes?|mins?|seconds?)\b", re.IGNORECASE)

EMPHASISED: Final = re.compile(r"(\*\*|__)(?P<inner>.*[^*_\s].*)\1")
SCALE_LABEL: Final = re.compile(
    r"[\s#>•]*on\s+(?:a|the|my|our)\s+(?:[\w'’-]+\s+){0,2}?(?P<spec>scale\s+(?:of|from)\s+[^:,]{1,16}?)"
    r"\s*[:,=–—-]\s*(?:an?\s+)?",
    re.IGNORECASE,
)
"""A scale declared before the score: "On a scale of 1 to 10: 7", "On my scale of 0 to 4, 3"."""


@dataclasses.dataclass(frozen=True, slots=True)
class _Candidate:
    """A reading found in a document, with the block it came from."""

    reading: g.Reading
    block: int


def parse_score(text: str) -> Score | None:
    """One score expression → Score(value 0–100, raw=the matched text, explicit=True).

    The text may open with a label ("Rating: 4 out of 5", "Grade: B+", "On a scale of 1
    to 10: 7") or state the score in the critic's voice ("I give it ***"), and may end in
    remarks. Bare numbers and letters ("2", "B+") return None: alone they have no scale
    and no meaning, and :func:`read_score` accepts them only under a rating heading.
    """
    text = text.strip()
    if not text or len(text) > g.MAX_EXPRESSION:
        return None
    reading = (
        _labelled(text, legend=None)
        or next(critic_gives(text, legend=None), None)
        or _standalone(text, legend=None)
    )
    return None if reading is None else g.as_score(reading)


def read_score(doc: Document) -> Score | None:
    """Find the score a review states, anywhere it may be.

    In order of trust: ``doc.meta["score"]`` (front matter, JSON-LD, a CSV column);
    labelled lines, first-person ratings and rating headings; the total of a sub-score
    table; fractions and star rows standing in the text. A sub-score table found beside a
    stated score is attached to it, with whether its rows add up to it.
    """
    blocks = _trusted_blocks(doc.blocks)
    hint = _star_scale(doc.blocks)
    table_at, table = subscore_table(blocks)
    stated = from_meta(doc.meta)
    if stated is None:
        found = _labelled_candidates(blocks, hint)
        if _disagree(found):
            log.info("%s: labelled scores disagree, giving none: %s", doc.source, _raws(found))
            return None
        stated = g.as_score(found[-1].reading) if found else None
    if stated is not None:
        return with_table(stated, table)
    if table:
        return table_score(table)
    loose = [c for c in _loose_candidates(blocks) if c.block not in table_at]
    if _disagree(loose):
        log.info("%s: scores in the text disagree, giving none: %s", doc.source, _raws(loose))
        return None
    return g.as_score(loose[-1].reading) if loose else None


def _trusted_blocks(blocks: Sequence[Block]) -> list[tuple[int, Block]]:
    """The blocks a score may come from: no chrome, bylines or captions, no related lists."""
    kept, in_related = [], False
    for index, block in enumerate(blocks):
        title = _heading_text(block.text)
        if RELATED_HEADING.fullmatch(title):
            in_related = True
        elif block.kind == "heading":
            in_related = False
        if not in_related and block.kind not in UNTRUSTED_KINDS:
            kept.append((index, block))
    return kept


def _heading_text(text: str) -> str:
    """A short line as a heading reads: no Markdown marks, no trailing colon."""
    return text.strip().strip("#*_ ").rstrip(":").strip().strip("*_ ")


def _star_scale(blocks: Sequence[Block]) -> g.Scale | None:
    """The star scale the page declares: "on my four-star scale", or a printed legend.

    A legend ("**** = A must see … * = Poor … 0 = Awful") lists at least three ratings,
    one star apart in order. Its longest is the top of the critic's scale; its shortest
    the bottom, unless it also explains a zero — a legend running from * to ***** says
    one star is the worst a film can get.
    """
    for block in blocks:
        if STAR_WORD.may_hold(block.text) and (declared := STAR_SCALE.search(block.text)):
            return g.Scale(best=g.number(declared["best"]) or g.DEFAULT_STAR_SCALE)
    for block in blocks:
        if "*" not in block.text:
            continue  # no run of stars: most blocks, without a search
        runs = [len(r) for r in STAR_RUN.findall(block.text)]
        steps = {b - a for a, b in zip(runs, runs[1:], strict=False)}
        if len(runs) >= 3 and steps in ({1}, {-1}):
            worst = 0 if LEGEND_ZERO.search(block.text) else min(runs)
            return g.Scale(best=float(max(runs)), worst=float(worst))
    return None


def _labelled(text: str, *, legend: g.Scale | None) -> g.Reading | None:
    """The score after a label at the start of ``text`` ("Rating: ***", "Score (0-10): 7",
    "On a scale of 1 to 10: 7")."""
    label = LABEL.match(text) or SCALE_LABEL.match(text)
    if label is None:
        return None
    scale = g.scale_of(label["spec"] or "")
    start = _unwrap_emphasis(text, label.end())
    return g.read_at(text, start, scale=scale, legend=legend)


def _unwrap_emphasis(text: str, pos: int) -> int:
    """Step over "**" or "__" opening an emphasised value ("Rating: **4/5**"), not over stars."""
    opener = text[pos : pos + 2]
    if opener in ("**", "__") and re.match(r"[\w½★☆.]", text[pos + 2 : pos + 3]):
        return pos + 2
    return pos


def _standalone(text: str, *, legend: g.Scale | None) -> g.Reading | None:
    """A block that is nothing but a self-scaled score: "7/10", "★★★★☆", "Four stars"."""
    reading = g.read_at(text, 0, legend=legend)
    if reading is None or reading.kind not in g.SELF_SCALED:
        return None
    return reading if not text[reading.end :].strip(" .!*_") else None


def _labelled_candidates(blocks: list[tuple[int, Block]], hint: g.Scale | None) -> list[_Candidate]:
    """Labelled lines, first-person ratings and values under rating headings, in order."""
    found = [
        _Candidate(reading, index)
        for index, block in blocks
        for reading in _labelled_in_block(block.text, hint)
    ]
    found += _under_headings(blocks, hint)
    return sorted(found, key=lambda c: (c.block, c.reading.start))


LABEL_HELD: Final = CaseBlind([*g.LABELS, "scale"])
"""What a block holds where a sentence of it can open on :data:`LABEL` (one of its words) or
:data:`SCALE_LABEL` ("scale"): most blocks hold none, and their sentences need no match."""


def _labelled_in_block(text: str, hint: g.Scale | None) -> Iterator[g.Reading]:
    for start in _sentence_starts(text) if LABEL_HELD.may_hold(text) else ():
        reading = _labelled(text[start:], legend=hint)
        if reading is not None:
            yield _shifted(reading, start)
    yield from critic_gives(text, legend=hint)


def _sentence_starts(text: str) -> Iterator[int]:
    yield 0
    yield from (end.end() for end in SENTENCE_END.finditer(text))


def _shifted(reading: g.Reading, offset: int) -> g.Reading:
    return dataclasses.replace(reading, start=reading.start + offset, end=reading.end + offset)


def _under_headings(blocks: list[tuple[int, Block]], hint: g.Scale | None) -> list[_Candidate]:
    """A value standing alone a few blocks after a "Summary"/"Verdict"/"Rating" heading.

    The heading is what gives a bare "2" its meaning (two of five stars), and a bare
    letter its meaning only under a Grade or Verdict heading.
    """
    found = []
    for position, (_, block) in enumerate(blocks):
        title = _heading_text(block.text)
        if not RATING_HEADING.fullmatch(title):
            continue
        grades = bool(GRADE_HEADING.fullmatch(title))
        for index, following in blocks[position + 1 : position + 1 + HEADING_LOOKAHEAD]:
            if following.kind == "heading":
                break
            reading = _alone(following.text, grades=grades, hint=hint)
            if reading is not None:
                found.append(_Candidate(reading, index))
                break
    return found


def _alone(text: str, *, grades: bool, hint: g.Scale | None) -> g.Reading | None:
    """A block that holds only a score, bare numbers (and letters if ``grades``) allowed."""
    text = text.strip()
    if emphasised := EMPHASISED.fullmatch(text):
        text = emphasised["inner"].strip()
    reading = g.read_at(text, 0, legend=hint)
    if reading is None or text[reading.end :].strip(" ."):
        return None
    if reading.kind == "grade" and not grades:
        return None
    return reading


def _loose_candidates(blocks: list[tuple[int, Block]]) -> list[_Candidate]:
    """Self-scaled scores standing alone in a block, and fractions inside prose."""
    found = []
    for index, block in blocks:
        if block.kind == "list_item" or LIST_MARKER.match(block.text):
            continue
        alone = _standalone(block.text.strip(), legend=None)
        if alone is not None and alone.kind in LOOSE_ALONE:
            found.append(_Candidate(alone, index))
            continue
        if FRACTION_HINT.search(block.text):
            found += [
                _Candidate(reading, index)
                for reading in g.scan(block.text, frozenset({"fraction"}))
                if _plausible_in_prose(block.text, reading)
            ]
    return found


def _plausible_in_prose(text: str, reading: g.Reading) -> bool:
    """Not a date, a quantity ("1/4 of the film"), a name ("20/20"), a broken decimal
    ("7 . 5/10") or another film's score ("… (2019) 8/10", "DEVIL'S ADVOCATE (8/10)")."""
    window = text[max(0, reading.start - DATE_WINDOW) : reading.end + DATE_WINDOW]
    if DATE_WORDS.search(window) or QUANTITY_AFTER.match(text, reading.end):
        return False
    scale = PROSE_SCALE.search(reading.raw)
    if scale is None or float(scale["best"]) not in PROSE_SCALES:
        return False
    before, after = text[: reading.start], text[reading.end :]
    if re.match(r"\s*[A-Za-z]", after) and not re.match(r"\s*(?:overall|stars?|points?)\b", after):
        return False
    if re.search(r"[\"“'‘(]\s*$|\d\s*\.\s*$", before) or re.match(r"\s*[\"”')]", after):
        return False
    return not g.TITLE_WITH_YEAR.search(before)


def _disagree(found: list[_Candidate]) -> bool:
    values = [c.reading.value for c in found]
    return bool(values) and max(values) - min(values) > AGREE_WITHIN


def _raws(found: list[_Candidate]) -> list[str]:
    return [c.reading.raw for c in found]
