"""Critics a round-up quotes: "The Washington Post praises …", "TIME notes that …".

A round-up is one document voicing many critics. Each quoted critic is found by an
outlet (or a critic named as such) as the subject of a reporting verb, credited with the
words quoted after it, and given a polarity from the verb when the verb takes sides
("praises", "criticizes", "takes a harsher view") or from the model on the quote when it
does not ("notes", "writes"). People who are quoted but are not critics — an actor on
the stunts, a director on the shoot — are recognised by the word that introduces them and
kept out, so their remarks count neither as critics nor as the round-up author's view.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from marquee.opinions.records import Polarity
from marquee.opinions.sentences import Sentence
from marquee.wordlists import word_list

_POSITIVE_VERBS = (
    r"praises|praised|hails|hailed|lauds|lauded|applauds|applauded|celebrates|celebrated|"
    r"admires|admired|raves|raved|commends|commended|champions|championed|loves|loved|"
    r"adores|adored|enjoys|enjoyed|salutes|saluted|extols|extolled|gushes|gushed"
)
_NEGATIVE_VERBS = (
    r"criticizes|criticises|criticized|criticised|slams|slammed|pans|panned|dismisses|"
    r"dismissed|complains|complained|laments|lamented|faults|faulted|derides|derided|"
    r"mocks|mocked|scolds|blasts|blasted|bemoans|bemoaned|takes\s+(?:a\s+)?(?:harsher|"
    r"dimmer|harder|more\s+critical|less\s+charitable|less\s+kind)\s+(?:view|line|stance)|"
    r"(?:was|is)\s+(?:less\s+(?:kind|impressed|enthusiastic|forgiving)|unimpressed|"
    r"unconvinced|not\s+impressed)"
)
_NEUTRAL_VERBS = (
    r"notes|noted|says|said|writes|wrote|argues|argued|observes|observed|remarks|remarked|"
    r"adds|added|concludes|concluded|calls|called|describes|described|labels|labeled|"
    r"labelled|finds|found|suggests|suggested|points\s+out|pointed\s+out|felt|feels|"
    r"thinks|thought|declares|declared|claims|claimed|sums\s+up|summed\s+up|compares|"
    r"comments|commented|states|stated|believes|believed"
)
_VERB = rf"(?P<verb>{_POSITIVE_VERBS}|{_NEGATIVE_VERBS}|{_NEUTRAL_VERBS})"
_NAME = r"(?:[A-Z][\w.&'’-]*|of|the|de|and|&)(?:\s+(?:[A-Z][\w.&'’-]*|of|the|de|and|&))*"
_OPENER = (
    r"(?:(?:In\s+contrast|However|Meanwhile|Similarly|Likewise|Elsewhere|Conversely|Also|Still)"
    r",?\s+)?"
)
_REPORT = re.compile(
    rf"^{_OPENER}(?P<intro>(?:[Aa]ctor|[Aa]ctress|[Ss]tar|[Cc]o-star|[Dd]irector|[Pp]roducer|"
    rf"[Ww]riter|[Cc]omposer|[Cc]ritic|[Rr]eviewer|[Ff]ilm\s+critic)\s+)?"
    rf"(?P<subject>{_NAME})(?P<aside>,[^,]{{1,80}},)?\s+{_VERB}\b"
)
_ACCORDING = re.compile(rf"^According\s+to\s+(?P<subject>{_NAME})\s*,")
_CONTINUES = re.compile(
    r"^(?:According\s+to\s+(?:the|this|that)\s+(?:review|critic|paper|outlet)|"
    r"(?:The|That)\s+(?:critic|reviewer|review|paper)\s+(?:also\s+)?\w+s\b)"
)
_QUOTED = re.compile(r"[“\"]([^”\"]{2,300})[”\"]")
_OUTLET_WORDS = frozenset(word_list("marquee.opinions", "outlet-words"))
_NOT_CRITICS = frozenset(word_list("marquee.opinions", "not-critics"))
_CRITIC_INTRO = frozenset({"critic", "reviewer", "film critic"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """A sentence that reports someone else's words, before the model scores the quote."""

    sentence: int
    outlet: str | None
    critic: str | None
    quote: str  # the quoted words, or the reported clause when nothing is in quotes
    context: str  # everything the critic is reported to say: what the model scores
    verb_polarity: Polarity | None
    is_critic: bool  # False for an actor's or a director's remark
    reported: tuple[int, int]  # the span of the sentence that is the critic's, not the host's
    follow_on: tuple[int, ...] = ()  # later sentences that go on reporting this critic

    @property
    def sentences(self) -> tuple[int, ...]:
        """Every sentence that reports this critic, the attributing one first."""
        return (self.sentence, *self.follow_on)


def attributions(sentences: Sequence[Sentence]) -> list[Attribution]:
    """Every reported opinion in a review, critics and non-critics alike, in order; a
    following "According to the review, …" sentence extends the critic before it."""
    found: list[Attribution] = []
    for s in sentences:
        if s.heading:
            continue
        if (
            found
            and found[-1].is_critic
            and found[-1].sentences[-1] == s.index - 1
            and _CONTINUES.match(s.text)
        ):
            last = found[-1]
            found[-1] = Attribution(
                last.sentence,
                last.outlet,
                last.critic,
                last.quote,
                f"{last.context} {s.text}",
                last.verb_polarity,
                True,
                last.reported,
                (*last.follow_on, s.index),
            )
            continue
        item = _attribution(s)
        if item is not None:
            found.append(item)
    return found


def _attribution(s: Sentence) -> Attribution | None:
    match = _REPORT.match(s.text)
    if match is None:
        according = _ACCORDING.match(s.text)
        if according is None or not _is_outlet(according.group("subject")):
            return None
        rest = s.text[according.end() :].strip()
        return Attribution(
            s.index,
            _clean(according.group("subject")),
            None,
            _quote(rest),
            rest,
            None,
            True,
            _reported(s.text, according.end()),
        )
    subject = _clean(match.group("subject"))
    intro = (match.group("intro") or "").strip().lower()
    aside = (match.group("aside") or "").lower()
    rest = s.text[match.end() :].strip()
    quote = _quote(rest)
    verb = _verb_polarity(match.group("verb"))
    span = _reported(s.text, match.end())
    if intro in _CRITIC_INTRO:
        return Attribution(s.index, None, subject, quote, rest, verb, True, span)
    if intro or "who plays" in aside or subject.lower() in _NOT_CRITICS:
        return Attribution(s.index, None, subject, quote, rest, verb, False, span)
    if not _is_outlet(subject):
        return None
    return Attribution(s.index, subject, None, quote, rest, verb, True, span)


def _reported(text: str, start: int) -> tuple[int, int]:
    """What the critic is credited with: from the reporting verb to the end of the first
    quotation ("praises the film's “unexpected humor”"); what the host adds after it
    (", which inject a fresh tone into …") is the host's gloss."""
    quoted = _QUOTED.search(text, start)
    return (start, quoted.end() if quoted else len(text))


def _clean(subject: str) -> str:
    return subject.strip(" ,")


def _is_outlet(subject: str) -> bool:
    """An outlet, not a person: a newspaper word ("Post", "Chronicle") or all capitals ("TIME")."""
    words = subject.replace("’s", "").replace("'s", "").split()
    return bool(words) and (
        any(w.lower().strip(".") in _OUTLET_WORDS for w in words[1:] or words)
        or (words[0].isupper() and len(words[0]) > 2)
    )


def _quote(rest: str) -> str:
    """The quoted words after the verb, joined; without quotation marks, the rest of the
    sentence (after "that")."""
    quoted = _QUOTED.findall(rest)
    if quoted:
        return " … ".join(q.strip(" ,.") for q in quoted)
    return re.sub(r"^\s*(?:that\s+)?", "", rest).strip()


def _verb_polarity(verb: str) -> Polarity | None:
    if re.fullmatch(_POSITIVE_VERBS, verb):
        return "positive"
    if re.fullmatch(_NEGATIVE_VERBS, verb):
        return "negative"
    return None
