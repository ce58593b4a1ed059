"""The lines a round-up page is built from: film facts, verdict and score lines, prose.

Shared by the two ways :mod:`marquee.roundups.split` finds the films on a page (under
headings, or in the layouts of :mod:`marquee.roundups.layouts`), so that "a verdict line"
or "a line of facts" means the same thing to both.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex as re

from marquee.films.text import clean
from marquee.films.titles import TITLE, YEAR
from marquee.records import Block
from marquee.scores import parse_score

MAX_SCORE_LINE_WORDS = 12
MAX_FACTS_WORDS = 25
PROSE_WORDS = 20

CERTIFICATE = r"(?:U|PG|12A?|15|18|R18|R|PG-13|NC-17|G|NR|TBC|TBA|Unrated)"
RUNTIME = r"\d{1,3}\s*(?:mins?|minutes|min\.?)"
_FACT = re.compile(rf"{CERTIFICATE}|{RUNTIME}|{YEAR}")
_WHERE = re.compile(
    r"(?:in|on|at|from)\s[\p{L}\p{N}+&' ]{2,30}|netflix|prime video|disney\+|apple tv\+|mubi"
    r"|iplayer|sky cinema|streaming|digital|dvd|blu-ray|cinemas?|selected cinemas",
    re.IGNORECASE,
)
STAR_GLYPHS = "★☆✩✭✮⭐"
"""The glyphs pages draw stars with; a half follows them as "½" or " 1/2"."""
DRAWN_STARS = rf"[{STAR_GLYPHS}]+(?:\s*1/2|½)?"
"""Stars as drawn, a half included: "★★ 1/2", "★★★½"."""
STARS = (
    rf"[{STAR_GLYPHS}½*]+|\d(?:\.\d)?\s*(?:/|out\s+of)\s*(?:4|5|10)|\d(?:\.\d\d?)?\s*(?i:stars?)"
)
QUOTES = "'\"‘’“”"

VERDICT_LINE = re.compile(
    r"^\W*(?:(?:our|the|my|final|star)\s+)?"
    r"(?:verdict|rating|score|grade|stars|prospects|bottom line)\s*[:\-–—]\s*\S"
    r"|^\W*grade\s+[A-F][+-]?\W*$",
    re.IGNORECASE,
)
"""A verdict or rating line: "Verdict: A towering achievement", "Prospects: Dim • R"."""
DATE_LINE = re.compile(
    r"^(?:\p{L}+day,?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}*\.?"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?\s+(?:19|20)\d\d$",
    re.IGNORECASE,
)
"""A post's date alone on its line ("Dec 27, 2022", "Monday, March 29, 2021", "June
2018"): never a film's title with its year."""
BARE_BY = re.compile(r"^\W*by\s*:?\s*$", re.IGNORECASE)
"""A byline's "By:" alone on its line, the writer's name on the line below ("By:" /
"Tyler Banark"): that name is the byline's, never a film's title."""
EMPTY_RATING = re.compile(r"^\W*(?:our\s+)?rating\s*:?\s*$", re.IGNORECASE)
"""A "Rating:" whose stars were images the page's text lost: a label, never a score."""
FACTS_LINE = re.compile(
    rf"^\(\s*{CERTIFICATE}\s*\)|\b{RUNTIME}|^\(?{YEAR}\)?$|^(?i:director\b|directed by\b|dir\.\s)"
    rf"|^Rated\s+{CERTIFICATE}\b"
)
"""A line of a film's facts under its title or after its review: "(PG) (Tim Story, 2007,
US)", "Ioan Gruffudd, Jessica Alba. 92 mins.", "Prospects: Dim • R • 100 mins.", "2024",
"Director: Bao Nguyen", "Rated PG for rude humor and some action"."""
FACTS_START = re.compile(rf"^\(\s*{CERTIFICATE}\s*\)\s*(?:{RUNTIME}|\(|$)")
"""A review that opens with its film's facts: "(15) 84min (2 Stars) This big screen…"."""
_FACTS_END = re.compile(rf"\b{CERTIFICATE}\.?\s+{RUNTIME}\.?(?:\s+\S{{1,2}})?\s*$")
"""A capsule that closes with them: "… (M.S.) R 134 minutes C"."""
MARK = re.compile(
    r"\b(?:10|\d)(?:\.\d)?\s*(?:/|of|out of|on a scale of)\s*(?:4|5|10)\b"
    r"|\b\d(?:\.\d\d?|\s?½)?\s*stars?\b|\((?:[A-F][+-]?|[A-F]\s(?:PLUS|MINUS))\.?\)"
    r"|\b(?:one|two|three|four|five)(?:\s+and\s+a\s+half)?\s+stars?\b",
    re.IGNORECASE,
)
"""A critic's mark inside a line: "(10 of 10)", "6 on a scale of 10", "2 ½ stars",
"3.25 STARS", "THREE AND A HALF STARS", "2/5 Stars (Barely Watchable)", "(A MINUS.)"."""
QUOTED_TITLE = re.compile(
    rf"(?<![\p{{L}}\p{{N}}])['‘\"“](?P<title>{TITLE})['’\"”](?![\p{{L}}\p{{N}}])"
)
"""A title in quotation marks inside prose: "…on Netflix and is 'The Old Guard'."."""

_SENTENCE_END = (".", "!", "?", "…", '"', "”", "'")


def is_facts(parenthesis: str) -> bool:
    """The parenthesis a round-up prints after a title: "(15, 180 mins)", "(12A)",
    "(2023)", "(12A, in cinemas)": facts and where it is showing, at least one fact."""
    inner = parenthesis.strip()[1:-1].strip()
    parts = [p.strip() for p in re.split(r"[,;/|]", inner)]
    facts = [bool(_FACT.fullmatch(p)) for p in parts]
    return any(facts) and all(f or _WHERE.fullmatch(p) for f, p in zip(facts, parts, strict=True))


_YEAR_WORD = re.compile(rf"\b{YEAR}\b")


def year_in(text: str) -> int | None:
    found = _YEAR_WORD.search(text)
    return int(found.group()) if found else None


def delivers_verdict(block: Block) -> bool:
    """A verdict or rating line: "Verdict: A towering achievement", "Rating: ★★★★☆"."""
    text = clean(block.text)
    if len(text.split()) > MAX_SCORE_LINE_WORDS or block.kind == "chrome":
        return False
    return bool(VERDICT_LINE.match(text) or MARK.search(text)) or parse_score(text) is not None


def is_score_only(block: Block) -> bool:
    text = clean(block.text)
    return len(text.split()) <= MAX_SCORE_LINE_WORDS and parse_score(text) is not None


def is_facts_line(block: Block) -> bool:
    """A short line of a film's facts (see ``FACTS_LINE``), or a review that opens or
    closes with them (``FACTS_START``, ``_FACTS_END``)."""
    text = clean(block.text)
    if block.kind == "chrome":
        return False
    if FACTS_START.match(text) or _FACTS_END.search(text):
        return True
    return len(text.split()) <= MAX_FACTS_WORDS and bool(FACTS_LINE.search(text))


def is_prose(block: Block) -> bool:
    """Running text: an intro paragraph or a review's own, never a headline or byline."""
    if block.kind not in {"paragraph", "list_item"}:
        return False
    text = block.text.strip()
    return text.endswith(_SENTENCE_END) or len(text.split()) >= PROSE_WORDS  # cheap test first


def review_end(blocks: Sequence[Block], start: int) -> int:
    """Where the last film's review on a page ends: after its last prose or verdict line.
    What follows (a sign-off, "Reviews by …", share buttons) belongs to the whole page."""
    end = start + 1
    for index in range(start + 1, len(blocks)):
        if is_prose(blocks[index]) or delivers_verdict(blocks[index]):
            end = index + 1
    return end
