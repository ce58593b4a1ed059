"""A review body → numbered sentences, each knowing its paragraph and section heading.

Sentence numbers are the provenance every opinion points back to, so splitting must be
deterministic and cheap: the pipeline's one splitter (:func:`marquee.text.split_sentences`)
cuts each paragraph; this module numbers the pieces and marks headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marquee.text import WORD, split_sentences

_TAG = re.compile(r"<[^>]+>")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_TERMINAL = re.compile(r"[.!?…:;,\"”’')\]]$")
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
    words = len(WORD.findall(line))
    return 0 < words <= HEADING_MAX_WORDS and not _TERMINAL.search(line)


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
        for text in split_sentences(paragraph):
            sentences.append(Sentence(len(sentences), text, number, False, section))
    return tuple(sentences)
