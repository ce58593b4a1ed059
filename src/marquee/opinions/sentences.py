"""A review body → numbered sentences, each knowing its paragraph and section heading.

Sentence numbers are the provenance every opinion points back to, so splitting must be
deterministic and cheap (thousands of sentences per second on one core). A rule-based
splitter does that; the trained splitters (Punkt) need data files we cannot download at
run time and are slower. Critics' prose needs three guards: abbreviations ("Mr.",
"vs."), initials ("Joel J. Richard") and quotes closing after the full stop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr st jr sr vs etc e.g i.e no vol mt ft prof gen sgt lt col capt rev
    u.s approx dept est fig inc ltd co
    """.split()  # noqa: SIM905
)
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_TAG = re.compile(r"<[^>]+>")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_TERMINAL = re.compile(r"[.!?…:;,\"”’')\]]$")
_WORD = re.compile(r"\w+")
HEADING_MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or heading line) of a review, numbered in reading order."""

    index: int
    text: str
    paragraph: int
    heading: bool
    section: str | None  # the heading this sentence sits under, if any


def clean_line(line: str) -> str:
    """Inline markup a cleaned body may still carry (tags, Markdown links and emphasis)."""
    line = _TAG.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_EMPHASIS.sub(r"\2", line)
    return " ".join(line.split())


def is_heading(line: str) -> bool:
    """A short line with no sentence-final punctuation ("Fails at the Fundamentals")."""
    if _HEADING_MARK.match(line):
        return True
    words = len(_WORD.findall(line))
    return 0 < words <= HEADING_MAX_WORDS and not _TERMINAL.search(line)


def split_text(text: str) -> list[str]:
    """Split one paragraph into sentences, keeping abbreviations and initials whole."""
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        words = text[start : match.start() + 1].rstrip(".!?…").split()
        if not words or (text[match.start()] == "." and _is_abbreviation(words[-1])):
            continue  # a leading ellipsis, an abbreviation or an initial: no boundary
        pieces.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces


def _is_abbreviation(token: str) -> bool:
    bare = token.lstrip("(\"“‘'[")
    return (len(bare) == 1 and bare.isupper()) or bare.lower().rstrip(".") in _ABBREVIATIONS


def split_review(body: str) -> tuple[Sentence, ...]:
    """Every sentence of ``body``; lines are paragraphs, short unpunctuated lines headings."""
    sentences: list[Sentence] = []
    section: str | None = None
    paragraphs = (clean_line(p) for p in body.splitlines())
    for number, paragraph in enumerate(p for p in paragraphs if p):
        if is_heading(paragraph):
            section = _HEADING_MARK.sub("", paragraph)
            sentences.append(Sentence(len(sentences), section, number, True, section))
            continue
        for text in split_text(paragraph):
            sentences.append(Sentence(len(sentences), text, number, False, section))
    return tuple(sentences)
