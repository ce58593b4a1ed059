"""Whose rating is it: scores the critic gives in their own voice.

"I give it **", "I award this excellent film *** 1/2", "It gets *** from me", "a ****
picture in my book" and "it still gets my top rating of ****" are the critic's. "My son
Jeffrey gave it ***", "he gave it ****", "the remake, to which I gave ***", "if it were
boring, I'd give it zero stars" and "why I haven't given it four stars" are not: somebody
else's rating, another film's, or one the critic did not give.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Final

from marquee.literals import CaseBlind
from marquee.scores import _grammar as g

RATING_VERB: Final = re.compile(
    r"""(?=[gaerswdm])  # every verb's first letter: the engine skips to one, not tries each place
    \b(?:
      (?P<give>give[ns]?|gave|giving|award(?:s|ed|ing)?|rate[sd]?
        |(?:rating|grade[sd]?|score[sd]?)(?=\s+(?:it|this|the)\b))
     |(?P<get>gets|got|earns|earned|wins|won|receives|received|deserves|merits)
    )\b""",
    re.VERBOSE | re.IGNORECASE,
)
""""give" needs the critic as its subject; "gets" needs the critic's "my" or "from me".
"score" and "grade" count as verbs only before "it/this/the": "the score by Tyler Bates".
The leading look-ahead changes no match (each verb starts with one of those letters, read with
the same flags) and makes the scan of a full review ~2.3x faster."""

RATING_WORDS: Final = CaseBlind(
    ("give", "gave", "giving", "award", "rate", "rating", "grade", "score")
    + ("gets", "got", "earn", "wins", "won", "receive", "deserve", "merit")
)
"""What every match of :data:`RATING_VERB` holds: a block holding none (most) is not scanned."""

SENTENCE_END: Final = re.compile(r"[.!?;](?=\s|$)")
SUBJECT: Final = re.compile(r"\b(?:i|we|me|he|she|they)\b", re.IGNORECASE)
"""The critic is "I", "we" or "me" ("enough for me to give it ** 1/2")."""

RELATIVE: Final = re.compile(r"\b(?:which|whom)\s*$", re.IGNORECASE)
"""The remake, "to which I gave ***": a relative clause rates some other film."""

NOT_GIVEN: Final = re.compile(
    r"\b(?:not|never|hardly|\w+n['’]t|almost|nearly|close\s+to|tempted|considered|wish(?:ed)?|"
    r"thought\s+(?:about|of)|wanted\s+to|wondering|gonna|going\s+to|could|"
    r"(?:would|might|should)(?:\s+have|['’]ve))\b",
    re.IGNORECASE,
)
"""In the words leading to the verb, a rating denied or only contemplated: "I haven't given
it ****", "I would have given it no stars", "I came close to rating it ****"."""

CONJUNCTION: Final = re.compile(r",|\b(?:and|but)\b", re.IGNORECASE)
"""Denial reaches back only to the last conjunction: "I do not recommend it and give it *"."""

CONDITIONAL: Final = re.compile(
    r"(?<!even\s)\bif\b|\bunless\b|\b(?:were|had)\s+(?:it|i|we|this|the)\b", re.IGNORECASE
)
MODAL: Final = re.compile(r"['’]d\b|\b(?:would|might|should)\b", re.IGNORECASE)
"""With a conditional in the sentence, a modal makes the rating hypothetical: "if it were
boring, I'd give it zero stars"; "if you like mysteries, I award it ***" is still given."""

MINE: Final = re.compile(r"\bmy\b(?!\s+[\w-]+['’]s\b)", re.IGNORECASE)
"""The critic's own "my top rating", not "my son's"."""

_MY_BOOK = r"(?:in\s+my\s+book|(?:from|for)\s+me|from\s+this\s+(?:critic|reviewer))\b"
MY_BOOK: Final = re.compile(f"(?=[if]){_MY_BOOK}", re.IGNORECASE)  # look-ahead: as RATING_VERB's
IN_MY_BOOK: Final = re.compile(rf"\s+(?:[a-z]+\s+){{0,2}}?{_MY_BOOK}", re.IGNORECASE)
"""A score the critic owns after the fact: "*** 1/2 in my book", "a *** movie for me"."""

AWAY: Final = re.compile(
    r"\d|\b(?:to|for|with|about|from|because|than|that|which|who|whose|like)\b", re.IGNORECASE
)
"""Words that lead from the rating verb to something else than the film's score."""

REACH: Final = 300
"""How far a sentence reaches around a rating verb."""

GAP: Final = 60
"""Verb and score sit this close: "give this sweet, upbeat tearjerker ***"."""

SAID: Final = g.SELF_SCALED | {"grade"}
"""A bare number is never a rating on its own: "I give it 7" has no scale."""


def critic_gives(text: str, *, legend: g.Scale | None) -> Iterator[g.Reading]:
    """Every score in ``text`` the critic gives in their own voice, left to right."""
    verbs = list(RATING_VERB.finditer(text)) if RATING_WORDS.may_hold(text) else []
    in_my_book = MY_BOOK.search(text) is not None
    if not verbs and not in_my_book:
        return  # most blocks: no sentence ends to find
    ends = [end.end() for end in SENTENCE_END.finditer(text)]
    for verb in verbs:
        start, stop = _sentence(ends, verb.start(), len(text))
        reading = _first_after(text, verb.end(), (start, stop), legend)
        if reading is None:
            continue
        if verb["give"]:
            lead = _critics_lead(text, start, verb.start())
        elif MINE.search(text, verb.end(), reading.start):
            lead = text[start : verb.start()]
        else:
            lead = None
        if lead is not None and _affirmed(lead, text[start:stop]):
            yield reading
    if not in_my_book:
        return
    for reading in g.scan(text, SAID, legend=legend):
        if IN_MY_BOOK.match(text, reading.end):
            start, stop = _sentence(ends, reading.start, len(text))
            if _affirmed(text[start : reading.start], text[start:stop]):
                yield reading


def _sentence(ends: list[int], at: int, length: int) -> tuple[int, int]:
    """Where the sentence around ``at`` starts and stops (``ends``: where sentences end),
    at most :data:`REACH` characters either side: a run-on "sentence" is not one."""
    index = bisect.bisect_right(ends, at)
    start = ends[index - 1] if index else 0
    stop = ends[index] - 1 if index < len(ends) else length
    return max(start, at - REACH), min(stop, at + REACH)


def _first_after(
    text: str, pos: int, sentence: tuple[int, int], legend: g.Scale | None
) -> g.Reading | None:
    """The first score a short stretch after ``pos`` leads to, with no number or preposition
    in between ("give a nod to Disney for their ***** Mulan" rates Mulan).

    A bare number counts only when the sentence declares its scale ("On a scale of 1 to
    10, I'd give it a 7").
    """
    start, stop = sentence
    scale: g.Scale | None = None
    for seen, match in enumerate(g.EXPRESSION.finditer(text, pos, stop)):
        if match.start() - pos > GAP or AWAY.search(text, pos, match.start()):
            return None
        if not seen:  # read once a score may follow: after most verbs none does
            scale = g.scale_in(text[start:stop])
        reading = g.read_at(text, match.start(), scale=scale, legend=legend)
        if reading is not None and (reading.kind in SAID or scale is not None):
            return reading
    return None


def _critics_lead(text: str, start: int, verb: int) -> str | None:
    """The words from the critic, as the verb's nearest subject, to the verb; None if the
    subject is somebody else or the critic speaks in a relative clause."""
    subject = next(reversed(list(SUBJECT.finditer(text, start, verb))), None)
    if subject is None or subject[0].lower() not in ("i", "we", "me"):
        return None
    if RELATIVE.search(text, start, subject.start()):
        return None
    return text[subject.end() : verb]


def _affirmed(lead: str, sentence: str) -> bool:
    """The rating is neither denied, contemplated, nor hypothetical."""
    if NOT_GIVEN.search(CONJUNCTION.split(lead)[-1]):
        return False
    return not (CONDITIONAL.search(sentence) and MODAL.search(lead))
