"""Small judgements about one line of text, shared by every shape's reader."""

from __future__ import annotations

import re

from marquee.wordlists import word_list

# Words left lower-case in English title case; they do not count against a headline.
MINOR_WORDS = frozenset(word_list("marquee.documents", "title-case-minor"))

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_SCORE = re.compile(r"\d\s*(?:/|out of)\s*\d|[★☆]")
_SENTENCE_END = (".", ",", ";", "!", "…")
_MAX_HEADING_WORDS = 18
_MAX_HEADING_CHARS = 110


def squash(text: str) -> str:
    """Collapse every run of whitespace (including NBSP) to one space, and trim."""
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """The alphabetic words of a line, with surrounding quotes and brackets dropped."""
    return _WORD.findall(text)


def capitalised_share(text: str) -> float:
    """Share of non-minor words starting with a capital: 1.0 for "Fails at the Fundamentals"."""
    content = [w for w in words(text) if w.lower() not in MINOR_WORDS]
    if not content:
        return 0.0
    return sum(w[0].isupper() for w in content) / len(content)


def is_title_like(text: str) -> bool:
    """Whether a line reads like a headline rather than a sentence.

    Web pages pasted as text lose their <h2> tags, so a short line that does not end
    like a sentence and is mostly capitalised ("Fails at the Fundamentals", "Final
    Verdict", "In Conclusion:", "THIS REVIEW CONTAINS SPOILERS") is taken as a heading.
    A score line ("2", "7/10", "Rating: 4 out of 5") never is.
    """
    line = text.strip()
    if len(line) > _MAX_HEADING_CHARS:  # most lines of a review: no word list needed
        return False
    found = words(line)
    if not found or _SCORE.search(line) or len(found) > _MAX_HEADING_WORDS:
        return False
    if line.endswith(_SENTENCE_END):
        return False
    if line.endswith(":"):
        return len(found) <= 8 and not line[0].islower()
    share = capitalised_share(line)
    if line.endswith("?"):
        return share >= 0.75
    letters = [c for c in line if c.isalpha()]
    return share >= 0.6 or (len(letters) > 3 and all(c.isupper() for c in letters))
