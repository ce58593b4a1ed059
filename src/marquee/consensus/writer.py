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
from marquee.consensus.lexicon import join
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
    clauses: Clauses = []
    if leaning == "mixed":
        first = _divided(
            named, [*good[:MAX_STRENGTHS], *cast], bad[:MAX_FAULTS], opinions, title, clauses
        )
    else:
        said = frozenset(w for p in [*good, *bad] for w in p.phrase.split())
        verdict = verdict_words(opinions, title, leaning, avoid=said)
        first = _verdict(named, verdict, leaning, good, cast, bad, clauses)
    divided = [r for r in table if r.label == "divided" and r.aspect == "performance" and r.target]
    second = _split_on(divided, clauses)
    text = " ".join(s for s in (first, second) if s)
    return Consensus(text=text, clauses=tuple(clauses), verdict=leaning) if text else None


def _verdict(
    named: str,
    verdict: Verdict | None,
    leaning: Polarity,
    good: Sequence[Point],
    cast: Sequence[Point],
    bad: Sequence[Point],
    clauses: Clauses,
) -> str:
    """A film most critics praise (or pan): its verdict, then what critics agree on
    that side, then the main point on the other."""
    ours, theirs = ([*good, *cast], bad) if leaning == "positive" else (bad, [*good, *cast])
    ours, theirs = ours[: MAX_STRENGTHS if leaning == "positive" else MAX_FAULTS], theirs[:1]
    if verdict is None and not ours:
        return ""  # one side prevails, but in no words a consensus could borrow
    parts = []
    if verdict is not None:
        opening = join(list(verdict.adjectives)).capitalize()
        lead = f"{named} is {verdict.kind}"
        parts.append(f"{opening}, {lead}" if opening else lead)
        clauses.append((parts[-1], verdict.evidence))
    if ours:
        listed = _listing(ours)
        if verdict is None:
            clause = (
                f"{named} offers {listed}"
                if leaning == "positive"
                else f"{named} is let down by {_its(ours)}"
            )
        else:
            clause = f"with {listed}" if leaning == "positive" else f"let down by {_its(ours)}"
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
    text = parts[0]
    for part in parts[1:]:
        text += f" {part}" if part.startswith("with") else f", {part}"
    return text + "."


def _divided(
    named: str,
    good: Sequence[Point],
    bad: Sequence[Point],
    opinions: Sequence[ReviewOpinions],
    title: str,
    clauses: Clauses,
) -> str:
    """A film that divides its critics: what works, then what does not; or, when they
    share no aspect, the words each side used of the film."""
    parts = []
    if good:
        parts.append(f"{named} offers {_listing(good)}")
        clauses.append((parts[-1], _evidence(good)))
    if bad:
        faults = _its(bad)
        parts.append(
            f"but {faults} {_hold(bad)} it back" if parts else f"{named} is let down by {faults}"
        )
        clauses.append((parts[-1], _evidence(bad)))
    if parts:
        return ", ".join(parts) + "."
    sides = [verdict_words(opinions, title, s) for s in ("positive", "negative")]
    words = [join(list(v.adjectives) or [v.kind or ""]) if v else "" for v in sides]
    if not all(words):
        clauses.append((f"{named} divides critics", ()))
        return f"{named} divides critics."
    clause = f"{named} divides critics: some call it {words[0]}, others {words[1]}"
    clauses.append((clause, tuple(e for v in sides if v for e in v.evidence)))
    return clause + "."


def _listing(points: Sequence[Point]) -> str:
    """ "a sharp script, stunning visuals and the performances of A and B": each as the
    critic wrote it, with the article English wants (none before a plural)."""
    things = [_with_article(p) for p in points if not _performer(p)]
    names = [p.phrase for p in points if _performer(p)]
    if names:
        noun = "performance" if len(names) == 1 else "performances"
        things.append(f"the {noun} of {join(names)}")
    return join(things)


def _performer(p: Point) -> bool:
    return p.aspect == "performance" and p.phrase[:1].isupper()


def _with_article(p: Point) -> str:
    words = p.phrase.split()
    if len(words) == 1:
        return f"its {p.phrase}"
    if words[-1].endswith("s") and not words[-1].endswith("ss"):
        return p.phrase
    return ("an " if p.phrase[0] in "aeiou" else "a ") + p.phrase


def _its(points: Sequence[Point]) -> str:
    return join([f"its {p.phrase}" for p in points])


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
