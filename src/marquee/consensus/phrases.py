"""What a consensus can say, each item in one critic's words and backed by its critics.

The writer (:mod:`marquee.consensus.writer`) only arranges what this module finds:

- the film's verdict (:func:`verdict_words`): the adjectives critics on the film's side
  used of the film in their pull-quotes, and the kind of film they called it — "a
  gripping thriller" only where one critic wrote those words together, so a phrase from
  one critic is never paired with a word from another;
- the aspects critics agree on (:func:`aspect_points`): an aspect at least two critics
  took the same side on (never one review's opinion), named by an adjective and noun
  as one of them wrote them ("witty script"), or by the noun alone;
- the performers at least two critics praised (:func:`performers`);
- the director for the possessive (:func:`credited_title`), from the film's reconciled
  credits only: never a name guessed from the reviews' text.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from marquee.consensus.lexicon import (
    ADJECTIVES,
    ECHOED_NOUNS,
    GENERIC,
    GENRE_WORD,
    NOUNS,
    WORD,
    article,
    aspects_of,
    own_words,
    side_of,
    tokens,
)
from marquee.opinions.aspects import franchise_names
from marquee.opinions.records import (
    Aspect,
    AspectAgreement,
    AspectOpinion,
    Evidence,
    Polarity,
    ReviewOpinions,
)
from marquee.records import FRESH_AT, FilmFacts

SIDES: tuple[Polarity, Polarity] = ("positive", "negative")
MIN_CRITICS = 2
"""Critics who must agree before an aspect or a performer is named: one review's
opinion is that critic's, not the critics'."""
FRESH_SHARE = 0.5
ROTTEN_SHARE = 0.35
"""Without the film's fresh %: shares of critics on the positive side above which the
film reads as praised, and at or below which it reads as panned."""
PANNED_BELOW = 40.0
"""With the film's fresh %: at :data:`~marquee.records.FRESH_AT` and above the consensus
praises, below this it pans, between the two it weighs both sides (the same lines that
colour the fresh % and label the score)."""


@dataclass(frozen=True, slots=True)
class Point:
    """One thing the consensus can say, with the sentences behind it and how many
    critics back it."""

    phrase: str
    evidence: tuple[Evidence, ...]
    critics: int
    aspect: Aspect | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    """The film's verdict in critics' words: opening adjectives ("Witty and charming")
    and the kind of film ("a delightful comedy", "a comedy", or None)."""

    adjectives: tuple[str, ...]
    kind: str | None
    evidence: tuple[Evidence, ...]

    @property
    def critics(self) -> int:
        """How many critics' words it holds."""
        return len({e.review for e in self.evidence})


def mood(fresh_percent: float | None, tones: Counter[Polarity]) -> Polarity:
    """The way the consensus leans: the film's fresh % when it has one (a mostly-rotten
    film is never written up as praised), else the critics' pull-quotes."""
    if fresh_percent is not None:
        if fresh_percent >= FRESH_AT:
            return "positive"
        return "negative" if fresh_percent < PANNED_BELOW else "mixed"
    share = tones["positive"] / max(1, tones["positive"] + tones["negative"])
    return "positive" if share >= FRESH_SHARE else "negative" if share <= ROTTEN_SHARE else "mixed"


def side(o: ReviewOpinions) -> Polarity | None:
    """Which side a critic takes: the verdict their pull-quote states, else the model's
    reading of their whole review."""
    return next((s for s in (o.pull_quote_polarity, o.verdict) if s in SIDES), None)


def credited_title(title: str, facts: FilmFacts) -> str:
    """ "Alfred Hitchcock's Rebecca" when the film's credits name its director; the
    title alone otherwise (a name critics mention may be a studio, a technique or an
    actor, so the reviews' text never supplies one)."""
    directors = facts.credits.get("director", ())
    return f"{directors[0]}'s {title}" if directors else title


def franchise_label(facts: FilmFacts) -> str | None:
    """ "John Wick ties" for a film of a named franchise; None when no franchise is known
    (a critic's "series" is then too vague to name)."""
    names = franchise_names(
        dataclasses.replace(facts, title=None)
    )  # "2001: A Space …" is no series
    return f"{names[0]} ties" if names else None


def verdict_words(
    opinions: Sequence[ReviewOpinions],
    title: str,
    on: Polarity,
    *,
    least: int = 1,
    avoid: frozenset[str] = frozenset(),
    opening: int = 2,
) -> Verdict | None:
    """The adjectives at least ``least`` critics on side ``on`` used of the film
    (distinctive ones before stock praise, the most used first) and the kind of film
    they called it, from their pull-quotes; "a gripping thriller" only as one critic
    wrote it, else "a thriller", else "a gripping film"; at most ``opening`` adjectives
    before it. Words in ``avoid`` (said elsewhere in the sentence) are not repeated."""
    sign = 1 if on == "positive" else -1
    own = set(tokens(title)) | avoid
    used: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    source: dict[str, Evidence] = {}
    for o in opinions:
        if not (o.pull_quote and o.pull_quote_polarity == on):
            continue
        text = own_words(o.pull_quote.text)
        words = {w for w in tokens(text) if w in ADJECTIVES and side_of(w) == sign} - own
        found = {k for k in _kinds(text, sign) if not set(k.split()) & own}
        used.update(words)
        kinds.update(found)
        for w in words | found:
            source.setdefault(w, o.pull_quote)
    kind = _kind(kinds)
    taken = set(kind.split()) if kind else set()
    ranked = sorted(
        (w for w in used if w not in taken and used[w] >= least),
        key=lambda w: (w in GENERIC, -used[w], -len(w), w),
    )[: opening + 1]
    if kind is None and ranked:
        kind = f"{ranked.pop()} film"
    if kind is None:
        return None
    chosen = tuple(ranked[:opening])
    evidence = tuple(
        dict.fromkeys(source[w] for w in (*chosen, kind, *kind.split()) if w in source)
    )
    return Verdict(chosen, article(kind), evidence)


def _kinds(text: str, sign: int) -> Iterable[str]:
    """Each kind of film the text calls it, with the adjective written right before it
    on side ``sign`` when there is one ("gripping thriller"), else alone ("thriller")."""
    for m in GENRE_WORD.finditer(text):
        genre = (m.group(1) or m.group(2)).lower()
        before = WORD.findall(text[: m.start()])[-1:]
        adjective = before[0].lower() if before else ""
        if adjective in ADJECTIVES and side_of(adjective) == sign:
            yield f"{adjective} {genre}"
        else:
            yield genre


def _kind(kinds: Counter[str]) -> str | None:
    """The kind most critics named; a critic's own adjective+genre before a bare genre."""
    if not kinds:
        return None
    return sorted(kinds, key=lambda k: (-kinds[k], " " not in k, k))[0]


def aspect_points(
    table: Sequence[AspectAgreement],
    by_row: dict[tuple[Aspect, str | None], list[AspectOpinion]],
    on: Polarity,
    franchise: str | None,
    least: int,
) -> list[Point]:
    """The aspects at least ``least`` critics took side ``on`` on, more than took the
    other, each named as one of them wrote it ("witty script"), most critics first."""
    points = []
    for row in table:
        votes, against = (
            (row.praised, row.panned) if on == "positive" else (row.panned, row.praised)
        )
        if row.target or votes < least or votes <= against:
            continue
        if row.aspect == "franchise" and franchise is None:
            continue
        backing = [o for o in by_row.get((row.aspect, None), []) if o.polarity == on]
        if not backing:
            continue
        if row.aspect == "franchise" and franchise:
            phrase = franchise
        else:
            phrase = _written(backing, row.aspect, 1 if on == "positive" else -1)
        evidence = tuple(dict.fromkeys(o.evidence for o in backing))
        points.append(Point(phrase, evidence, votes, row.aspect))
    return sorted(points, key=lambda p: -p.critics)


_PAIR = re.compile(r"(?=\b([A-Za-z-]+)\s+([A-Za-z]+)\b)")
"""Two words written side by side (overlapping: "a sharp screenplay" holds "sharp screenplay")."""


def _written(backing: Sequence[AspectOpinion], aspect: Aspect, sign: int) -> str:
    """An adjective and the aspect's noun as a critic wrote them together ("witty
    script"), the pair most critics wrote; else the noun most of them used, else the
    aspect's name."""
    pairs: Counter[str] = Counter()
    nouns: Counter[str] = Counter()
    for e in dict.fromkeys(o.evidence for o in backing):
        text = own_words(e.text)
        found = {
            f"{m.group(1).lower()} {m.group(2).lower()}"
            for m in _PAIR.finditer(text)
            if m.group(1).lower() in ADJECTIVES
            and side_of(m.group(1).lower()) == sign
            and _names(m.group(2).lower(), aspect)
        }
        pairs.update(found)
        nouns.update(w for w in set(tokens(text)) if _names(w, aspect))
    if pairs:
        return sorted(pairs, key=lambda p: (-pairs[p], p))[0]
    return sorted(nouns, key=lambda w: (-nouns[w], w))[0] if nouns else NOUNS[aspect]


def _names(word: str, aspect: Aspect) -> bool:
    return word in ECHOED_NOUNS and aspect in aspects_of(word)


def performers(
    table: Sequence[AspectAgreement],
    by_row: dict[tuple[Aspect, str | None], list[AspectOpinion]],
    least: int,
    most: int = 2,
) -> list[Point]:
    """The performers critics praised, most praised first, once at least ``least``
    critics (more than panned any) praised the acting: the agreement is on the
    performances, and each name is one a critic praised in full ("Gene Hackman", not a
    lone surname that might be a place or a studio) or two critics praised."""
    acting = [o for (aspect, _), ops in by_row.items() if aspect == "performance" for o in ops]
    praised = {o.evidence.review for o in acting if o.polarity == "positive"}
    panned = {o.evidence.review for o in acting if o.polarity == "negative"}
    if len(praised) < least or len(praised) <= len(panned):
        return []
    rows = [
        r
        for r in table
        if r.aspect == "performance"
        and r.target
        and r.label == "praised"
        and (r.praised >= least or len(r.target.split()) >= 2)
    ]
    rows.sort(key=lambda r: -r.praised)
    return [
        Point(
            r.target or "",
            tuple(
                o.evidence for o in by_row.get((r.aspect, r.target), []) if o.polarity == "positive"
            ),
            r.praised,
            "performance",
        )
        for r in rows[:most]
    ]
