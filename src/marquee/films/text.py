"""The review's own words, as the fact readers see them.

Only heading, paragraph, list item and caption blocks are read: chrome blocks hold other
films' titles ("Also check out: Sister Midnight (2024)") and bylines hold the critic's
name, neither of which is a fact about this film. Text is normalised once here (curly
quotes, Markdown emphasis and links, spacing) so every pattern downstream sees one
spelling of "Reeves's".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache, lru_cache

import regex as re

from marquee.films.names import NAME
from marquee.records import Document

READ_KINDS = frozenset({"heading", "paragraph", "list_item", "caption"})


def lazily(source: str) -> Callable[[], re.Pattern[str]]:
    """The pattern, compiled the first time it is asked for: a pattern a line meets only
    behind a rarer test (a year, "'s", "as") costs a run that never gets there nothing
    (a name or title pattern is 2-13 ms to compile; ~40 ms for the films modules' seven
    such, none of them met by a run of 200 full reviews)."""
    return cache(lambda: re.compile(source))


_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()\n]*\)")
"""A Markdown link or image; neither part may hold its own opening bracket, so a failed
match stops at the next one and a line of 100,000 "[" is read in linear time."""
_STRONG = re.compile(r"(\*\*|__)((?:(?!\1).){1,500}?)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)((?:(?!\1).){1,500}?)(?<=\S)\1(?![\w*])")
"""Bold and italic spans of up to 500 characters without their own mark inside: unbounded,
a line of "_a " repeated looked for its closing mark from every opening one, in quadratic
time."""
_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " ", "\ufe0e": None, "\ufe0f": None}
)
"""Curly quotes made straight, and the invisible variation selectors dropped: "⭐️" is "⭐"
drawn as an emoji, and a line of them is a mark like any other run of stars."""
SENTENCE_END = re.compile(r"(?<!\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|vs|Dir|\p{Lu}))[.!?]\s")
"""A full stop that ends a sentence, not "Dr. Moth", "J. Robert" or "Dir. Len"."""
_BOUNDARY = re.compile(rf"{SENTENCE_END.pattern}|;\s|\s[–—]\s")
_BYLINE = re.compile(rf"(?i:by|written by|review(?:ed)? by|words by)\s+{NAME}\.?")
_SPACES = re.compile(r"\s+")
_NOT_SPLIT_ALIKE = re.compile(r"[\x1c-\x1f]")
r"""The only characters ``str.split`` takes for spaces and ``regex``'s ``\s`` does not (the
file, group, record and unit separators): a line without them is squashed by
``str.split`` exactly as by ``_SPACES``, at a fifth of the cost."""


@lru_cache(maxsize=1024)
def clean(text: str) -> str:
    """Plain prose: straight quotes, no emoji variation selectors, no Markdown emphasis or
    link targets, single spaces. Remembered for the last lines asked: the round-up and
    fact readers each clean the same block, about seven times a block in all."""
    if not text.isascii():  # what _QUOTES changes is beyond ASCII
        text = text.translate(_QUOTES)
    if "[" in text:  # each pattern needs its mark: most lines have none, and skip the scan
        text = _LINK.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(r"\2", _STRONG.sub(r"\2", text))
    if _NOT_SPLIT_ALIKE.search(text):
        return _SPACES.sub(" ", text).strip()
    return " ".join(text.split())


def review_lines(doc: Document) -> tuple[str, ...]:
    """The cleaned text of every block that speaks about the film, in order.

    A line that is only a byline ("Written by Kat Hughes") is left out even when the
    reader labelled it a paragraph: its "written by" names the critic, not the writer.
    """
    lines = (clean(b.text) for b in doc.blocks if b.kind in READ_KINDS)
    return tuple(line for line in lines if line and not _BYLINE.fullmatch(line))


def mentions(form: str, text: str) -> int:
    """How often ``form`` occurs in ``text`` as a whole phrase, case-sensitively."""
    count, at = 0, text.find(form) if form else -1
    while at != -1:
        end = at + len(form)
        alone = (at == 0 or not text[at - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        )
        count += alone
        at = text.find(form, at + 1)
    return count


def clause_before(line: str, end: int) -> str:
    """The part of ``line``'s current sentence before position ``end``."""
    starts = [m.end() for m in _BOUNDARY.finditer(line) if m.end() <= end]
    return line[starts[-1] if starts else 0 : end]


def joined(lines: Iterable[str]) -> str:
    """Lines joined for counting, so no phrase runs across two blocks."""
    return "\n".join(lines)
