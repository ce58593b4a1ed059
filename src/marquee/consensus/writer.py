"""The consensus sentence, shaped by how the critics split.

:func:`write_consensus` writes one or two sentences in the manner of Rotten Tomatoes'
Critics Consensus. The verdict comes first and leans with the film's fresh % (a
mostly-rotten film is not "a worthy film"); then two or three aspects at least two
critics agree on, in one critic's words; then the main reservation. The shape follows
the evidence, as RT's editors' does:

- praised: "Witty and charming, Jane Doe's Title is a delightful comedy with a sharp
  script and strong performances, but its thin plot holds it back.";
- panned: "Dull and plodding, Title is a tedious thriller, let down by its clumsy
  script, despite a strong cast.";
- divided: "Title offers stunning visuals, but its thin story holds it back." or, when
  critics share no aspect, "Title divides critics: some call it moving, others dull.";
- performers critics split on close it: "Critics are divided on A and B."

Every judging word is a critic's (:mod:`marquee.consensus.phrases` finds them), the rest
comes from :data:`~marquee.consensus.lexicon.TEMPLATE_WORDS`, and each clause carries the
sentences behind it, so :mod:`marquee.consensus.provenance` can trace every claim.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from marquee.consensus.agreement import opinions_by_row
from marquee.consensus.lexicon import ADJECTIVES, MASS_NOUNS, join
from marquee.consensus.phrases import (
    MIN_CRITICS,
    Point,
    Verdict,
    aspect_points,
    credited_title,
    franchise_label,
    mood,
    performers,
    side,
    verdict_words,
)
from marquee.opinions.records import (
    AspectAgreement,
    Consensus,
    Evidence,
    Polarity,
    ReviewOpinions,
)
from marquee.records import FilmFacts

MIN_SHARE = 0.1
"""Share of the critics (and at least :data:`~marquee.consensus.phrases.MIN_CRITICS`)
who must agree on an aspect before the consensus names it."""
MAX_STRENGTHS = 3
MAX_FAULTS = 2
MAX_WORDS = 30
"""RT's consensus runs about 20 words, rarely past 30: past this the first sentence says
less (fewer aspects, adjectives and names) rather than more."""

Clauses = list[tuple[str, tuple[Evidence, ...]]]


def write_consensus(
    title: str,
    facts: FilmFacts,
    table: Sequence[AspectAgreement],
    opinions: Sequence[ReviewOpinions],
    *,
    fresh_percent: float | None = None,
) -> Consensus | None:
    """One or two sentences: the verdict, what critics agree works, the main
    reservation, and the performers they split on; None when the critics judged nothing
    a consensus could repeat."""
    rows = opinions_by_row(opinions)
    least = max(MIN_CRITICS, math.ceil(MIN_SHARE * len(opinions)))
    franchise = franchise_label(facts)
    cast = performers(table, rows, least)
    good = [
        p
        for p in aspect_points(table, rows, "positive", franchise, least)
        if not (cast and p.aspect == "performance")  # the performers named say it
    ]
    bad = aspect_points(table, rows, "negative", franchise, least)
    leaning = mood(fresh_percent, Counter(s for o in opinions if (s := side(o))))
    named = credited_title(title, facts)
    divided = [r for r in table if r.label == "divided" and r.aspect == "performance" and r.target]
    for most in range(MAX_STRENGTHS, 0, -1):  # fewer of each until it fits
        clauses: Clauses = []
        if leaning == "mixed":
            sides = (
                verdict_words(opinions, title, "positive", opening=most - 1),
                verdict_words(opinions, title, "negative", opening=most - 1),
            )
            some = [*good[:most], *cast[: most - 1]], bad[: min(most, MAX_FAULTS)]
            first = _divided(named, *some, sides, clauses)
        else:
            said = frozenset(w for p in [*good, *bad] for w in p.phrase.split())
            verdict = verdict_words(opinions, title, leaning, avoid=said, opening=min(most, 2))
            other: Polarity = "negative" if leaning == "positive" else "positive"
            against = verdict_words(opinions, title, other, avoid=said, opening=most - 1)
            first = _verdict(named, verdict, leaning, good, cast, bad, against, clauses, most)
        if len(first.split()) <= MAX_WORDS:
            break
    text = " ".join(s for s in (first, _split_on(divided[:MAX_STRENGTHS], clauses)) if s)
    return Consensus(text=text, clauses=tuple(clauses), verdict=leaning) if text else None


def _verdict(
    named: str,
    verdict: Verdict | None,
    leaning: Polarity,
    good: Sequence[Point],
    cast: Sequence[Point],
    bad: Sequence[Point],
    against: Verdict | None,
    clauses: Clauses,
    most: int = MAX_STRENGTHS,
) -> str:
    """A film most critics praise (or pan): its verdict, then (at most ``most``) what
    critics agree on that side, then the main point on the other — an aspect, or else
    the words at least two critics on the other side used of the film."""
    ours, theirs = ([*good, *cast], bad) if leaning == "positive" else (bad, [*good, *cast])
    ours, theirs = ours[: most if leaning == "positive" else min(most, MAX_FAULTS)], theirs[:1]
    if verdict is None and not ours:
        return ""  # one side prevails, but in no words a consensus could borrow
    parts = []
    if verdict is not None:
        opening = join(list(verdict.adjectives)).capitalize()
        lead = f"{named} is {verdict.kind}"
        parts.append(f"{opening}, {lead}" if opening else lead)
        clauses.append((parts[-1], verdict.evidence))
    if ours:
        if verdict is None:
            clause = (
                f"{named} offers {_listing(ours)}"
                if leaning == "positive"
                else f"{named} is let down by {_its(ours)}"
            )
        else:
            clause = (
                f"with {_listing(ours)}" if leaning == "positive" else f"let down by {_its(ours)}"
            )
        parts.append(clause)
        clauses.append((clause, _evidence(ours)))
    if theirs:
        clause = (
            f"but {_its(theirs)} {_hold(theirs)} it back"
            if leaning == "positive"
            else f"despite {_listing(theirs)}"
        )
        parts.append(clause)
        clauses.append((clause, _evidence(theirs)))
    elif against is not None and against.critics >= MIN_CRITICS:
        clause = f"though some critics call it {_words(against)}"
        parts.append(clause)
        clauses.append((clause, against.evidence))
    text = parts[0]
    for part in parts[1:]:
        text += f" {part}" if part.startswith("with") else f", {part}"
    return text + "."


def _words(verdict: Verdict) -> str:
    """ "slow, dull or tedious": a side's adjectives for the film, each some critic's."""
    kind = (verdict.kind or "").split()
    last = [kind[1]] if len(kind) == 3 and kind[2] == "film" else []
    return join([*verdict.adjectives, *last], "or") or " ".join(kind)


def _divided(
    named: str,
    good: Sequence[Point],
    bad: Sequence[Point],
    sides: tuple[Verdict | None, Verdict | None],
    clauses: Clauses,
) -> str:
    """A film that divides its critics: the words each side used of the film, then what
    works and what does not."""
    praise, blame = sides
    parts = []
    if praise and blame:
        parts.append(
            f"{named} divides critics: some call it {_words(praise)}, others {_words(blame)}"
        )
        clauses.append((parts[-1], (*praise.evidence, *blame.evidence)))
        named = "it"
    if good:
        parts.append(f"{named} offers {_listing(good)}")
        clauses.append((parts[-1], _evidence(good)))
    if bad:
        faults = _its(bad)
        lead = f"but {faults}" if good else f"{named} is let down by {faults}"
        parts.append(f"{lead} {_hold(bad)} it back" if good else lead)
        clauses.append((parts[-1], _evidence(bad)))
    if not parts:
        clauses.append((f"{named} divides critics", ()))
        return f"{named} divides critics."
    text = parts[0] + ("; " + ", ".join(parts[1:]) if len(parts) > 1 and praise and blame else "")
    if not (praise and blame):
        text = ", ".join(parts)
    return text + "."


def _listing(points: Sequence[Point]) -> str:
    """ "a sharp script, stunning visuals, its direction, humor and the performances of
    A and B": each as the critic wrote it, with the article English wants (none before
    a plural), the bare nouns after one "its"."""
    phrased = [p.phrase for p in points if not _performer(p) and _adjective(p)]
    bare = [p.phrase for p in points if not _performer(p) and not _adjective(p)]
    names = [p.phrase for p in points if _performer(p)]
    things = [_with_article(p) for p in phrased]
    if bare:
        things += [f"its {bare[0]}", *bare[1:]]
    if names:
        noun = "performance" if len(names) == 1 else "performances"
        things.append(f"the {noun} of {join(names)}")
    return join(things)


def _adjective(p: Point) -> bool:
    """A phrase a critic wrote with its adjective ("sharp script"), not a bare noun."""
    return p.phrase.split()[0] in ADJECTIVES


def _performer(p: Point) -> bool:
    return p.aspect == "performance" and p.phrase[:1].isupper()


def _with_article(phrase: str) -> str:
    last = phrase.split()[-1]
    if (last.endswith("s") and not last.endswith("ss")) or last in MASS_NOUNS:
        return phrase
    return ("an " if phrase[0] in "aeiou" else "a ") + phrase


def _its(points: Sequence[Point]) -> str:
    return "its " + join([p.phrase for p in points])


def _hold(points: Sequence[Point]) -> str:
    return "hold" if len(points) > 1 or points[0].phrase.endswith("s") else "holds"


def _evidence(points: Sequence[Point]) -> tuple[Evidence, ...]:
    return tuple(dict.fromkeys(e for p in points for e in p.evidence))


def _split_on(divided: Sequence[AspectAgreement], clauses: Clauses) -> str:
    """The performers critics split on, each with one quote per side."""
    if not divided:
        return ""
    names = [r.target for r in divided if r.target]
    text = f"Critics are divided on {join(names)}"
    clauses.append((text, tuple(e for r in divided for e in (r.praise_quote, r.pan_quote) if e)))
    return text + "."
