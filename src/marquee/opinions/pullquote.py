"""The pull-quote: the one sentence (two when the first is very short) that carries a
review's verdict, the way Rotten Tomatoes and Metacritic excerpt reviews.

An editor picking a pull-quote wants a sentence that judges the film (not plot, not an
aside), says so with conviction, agrees with the review's overall verdict, stands on its
own (does not open with "It" or "But"), is 10–40 words long, and usually sits in the
closing paragraph or a "Verdict"/"In Conclusion" section. Sentences under a spoiler
heading are never used; when the review is flagged as having spoilers, sentences that
talk about the ending are skipped too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from marquee.opinions.records import Evidence
from marquee.opinions.sentences import Sentence

MIN_WORDS = 10
MAX_WORDS = 40
_SPOILER_HEADING = re.compile(r"spoiler|ending\s+explained|the\s+ending", re.IGNORECASE)
_SPOILER_TALK = re.compile(
    r"\b(?:the\s+ending|the\s+finale|the\s+final\s+(?:scene|act|showdown)|in\s+the\s+end,?\s+\w+\s+"
    r"(?:dies|kills)|dies|killed|kills|twist|reveal(?:ed|s)?|turns\s+out)\b",
    re.IGNORECASE,
)
_CONCLUDING_HEADING = re.compile(
    r"conclusion|verdict|summary|final|bottom\s+line|worth|overall|the\s+end", re.IGNORECASE
)
_VERDICT_CUE = re.compile(
    r"\b(?:all\s+in\s+all|overall|in\s+the\s+end|ultimately|in\s+short|in\s+conclusion|"
    r"to\s+sum\s+up|worth(?:\s+(?:watching|seeing|it))?|recommend\w*|misfire|must-see|"
    r"addition\s+to|one\s+of\s+the\s+(?:best|worst|better)|on\s+every\s+level)\b",
    re.IGNORECASE,
)
_NEEDS_CONTEXT = re.compile(
    r"^(?:it|this|that|these|those|they|he|she|his|her|their|but|and|so|or|also|then|"
    r"therefore|instead|however|yet|which|as\s+such)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"^(?:I|I’m|I'm|I’ll|I'll|I’d|I'd|my|me)\b")


def spoiler_sentences(sentences: Sequence[Sentence], *, flagged: bool) -> frozenset[int]:
    """Indices never to quote: those under a spoiler heading, and when the review is
    flagged as having spoilers, those that talk about the ending."""
    hidden = {s.index for s in sentences if s.section and _SPOILER_HEADING.search(s.section)}
    if flagged:
        hidden |= {s.index for s in sentences if _SPOILER_TALK.search(s.text)}
    return frozenset(hidden)


def choose(
    review: int,
    sentences: Sequence[Sentence],
    candidates: Mapping[int, float],
    overall: float,
    *,
    excluded: frozenset[int],
) -> Evidence | None:
    """The best pull-quote among ``candidates`` (sentence index → P(positive)), given the
    review's overall P(positive); None when no sentence judges the film."""
    if not candidates or not sentences:
        return None
    last_paragraph = (
        max(s.paragraph for s in sentences if not s.heading)
        if any(not s.heading for s in sentences)
        else -1
    )
    scored = [
        (_merit(sentences[i], p, overall, last_paragraph), i)
        for i, p in candidates.items()
        if i not in excluded and not sentences[i].heading
    ]
    scored = [(m, i) for m, i in scored if m > 0]
    if not scored:
        return None
    _, best = max(scored, key=lambda mi: (mi[0], -mi[1]))
    text = sentences[best].text
    follower = best + 1
    if (
        _word_count(text) < MIN_WORDS
        and follower in candidates
        and follower not in excluded
        and sentences[follower].paragraph == sentences[best].paragraph
    ):
        text = f"{text} {sentences[follower].text}"
    return Evidence(review, best, text)


def capsule(
    review: int, sentences: Sequence[Sentence], *, excluded: frozenset[int]
) -> Evidence | None:
    """A review of a sentence or two (a capsule, a quote from an export) is its own
    pull-quote, whether or not its words are in the judgement lexicon: an editor would
    quote it whole. None for anything longer, or with a sentence not to be quoted."""
    prose = [s for s in sentences if not s.heading]
    words = sum(_word_count(s.text) for s in prose)
    if not prose or len(prose) > 2 or words > MAX_WORDS or words < 4:
        return None
    if any(s.index in excluded for s in prose):
        return None
    return Evidence(review, prose[0].index, " ".join(s.text for s in prose))


def _merit(s: Sentence, p: float, overall: float, last_paragraph: int) -> float:
    """How well a sentence would serve as the review's pull-quote (0 = unusable)."""
    words = _word_count(s.text)
    if words < 4 or words > 60 or s.text.rstrip().endswith("?"):
        return 0.0
    strength = abs(p - 0.5) * 2
    agrees = (p - 0.5) * (overall - 0.5) >= 0
    merit = strength * (1.0 if agrees else 0.25)
    if MIN_WORDS <= words <= MAX_WORDS:
        merit += 0.3
    if _VERDICT_CUE.search(s.text):
        merit += 0.4
    if s.paragraph == last_paragraph or (s.section and _CONCLUDING_HEADING.search(s.section)):
        merit += 0.3
    if _NEEDS_CONTEXT.match(s.text):
        merit -= 0.35
    if _FIRST_PERSON.match(s.text):
        merit -= 0.15
    return max(merit, 0.0)


def _word_count(text: str) -> int:
    return len(text.split())
