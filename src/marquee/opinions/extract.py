"""One review body → its aspect opinions, pull-quote and quoted critics.

The work per review is planned first (sentences, mentions, attributions, pull-quote
candidates), then every text that needs a polarity — across all the reviews of a batch —
goes to the model in one call, because the model is vectorised and per-call overhead
dominates on short texts.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from marquee.opinions.aspects import (
    Mention,
    People,
    about_other_films,
    evaluative,
    mentions,
    people_for,
    people_named,
)
from marquee.opinions.people import review_people
from marquee.opinions.polarity import ScoredSentence, label, model_polarity, score_sentences
from marquee.opinions.pullquote import capsule, choose, spoiler_sentences
from marquee.opinions.quoted import Attribution, attributions
from marquee.opinions.records import (
    Aspect,
    AspectOpinion,
    Evidence,
    Person,
    Polarity,
    QuotedCritic,
    ReviewOpinions,
    SentencePolarity,
)
from marquee.opinions.sentences import Sentence, split_review
from marquee.records import FilmFacts

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReviewText:
    """A review body to analyse and whether the review says it has spoilers."""

    body: str
    spoilers: bool = False


@dataclass(frozen=True, slots=True)
class _Plan:
    """What one review needs scored, before the model runs."""

    index: int
    sentences: tuple[Sentence, ...]
    judged: tuple[tuple[int, tuple[Mention, ...]], ...]  # sentence → aspects it names
    candidates: tuple[int, ...]  # evaluative sentences by the author: pull-quote candidates
    attributions: tuple[Attribution, ...]
    hidden: frozenset[int]  # never a pull-quote (spoilers, other people's words)
    body: str
    people: tuple[Person, ...]

    @property
    def to_score(self) -> tuple[int, ...]:
        """Sentences the model reads clause by clause: opinions and pull-quote candidates."""
        return tuple(sorted({*(i for i, _ in self.judged), *self.candidates}))


def review_opinions(
    review_index: int,
    body: str,
    facts: FilmFacts,
    *,
    spoilers: bool,
    polarity: SentencePolarity | None = None,
) -> ReviewOpinions:
    """Aspect opinions, pull-quote and quoted critics of one review (see :func:`opinions_for`)."""
    return opinions_for([ReviewText(body, spoilers)], facts, polarity=polarity, first=review_index)[
        0
    ]


def opinions_for(
    reviews: Sequence[ReviewText],
    facts: FilmFacts,
    *,
    polarity: SentencePolarity | None = None,
    first: int = 0,
) -> tuple[ReviewOpinions, ...]:
    """Opinions of many reviews of one film, numbered from ``first``, in two model calls.

    ``polarity`` defaults to marquee's trained scoring model.
    """
    return opinions_of_films([(reviews, facts)], polarity=polarity, first=first)[0]


def opinions_of_films(
    films: Sequence[tuple[Sequence[ReviewText], FilmFacts]],
    *,
    polarity: SentencePolarity | None = None,
    first: int = 0,
) -> list[tuple[ReviewOpinions, ...]]:
    """:func:`opinions_for` of many films at once, still in two model calls in all: a
    store of one-line quotes has a film or two per review, and a call per film paid the
    model's fixed cost more often than the model read a sentence. Each film's reviews are
    read against its own facts and numbered from ``first``."""
    predict = polarity or model_polarity()
    plans = [
        [_plan(first + i, r, people) for i, r in enumerate(reviews)]
        for reviews, people in ((reviews, people_for(facts)) for reviews, facts in films)
    ]
    every = [p for film in plans for p in film]
    texts = [p.sentences[i].text for p in every for i in p.to_score]
    scored = iter(score_sentences(texts, predict))
    plain = [
        *(a.context for p in every for a in p.attributions if a.is_critic),
        *(p.body for p in every),
    ]
    plain_p = iter([float(x) for x in predict(plain)] if plain else [])
    per_plan = [
        (
            {i: next(scored) for i in p.to_score},
            [next(plain_p) for a in p.attributions if a.is_critic],
        )
        for p in every
    ]
    finished = iter(
        [
            _finish(p, by_sentence, quote_p, next(plain_p))
            for p, (by_sentence, quote_p) in zip(every, per_plan, strict=True)
        ]
    )
    return [tuple(next(finished) for _ in film) for film in plans]


def _plan(index: int, review: ReviewText, people: People) -> _Plan:
    sentences = split_review(review.body)
    found = attributions(sentences)
    remarks = {a.sentence for a in found if not a.is_critic}
    quoted = {a.sentence for a in found if a.is_critic}
    credited = {a.sentence: a.reported for a in found if a.is_critic}
    judged: list[tuple[int, tuple[Mention, ...]]] = []
    candidates: list[int] = []
    previous: tuple[Mention, ...] = ()
    for s in sentences:
        if s.heading or s.index in remarks or not _judges_this_film(s.text, people):
            previous = () if s.heading else previous
            continue
        named = _resolve_pronoun(tuple(mentions(s.text, people)), previous, people)
        if s.index in credited:
            lo, hi = credited[s.index]
            named = tuple(m for m in named if lo <= m.start < hi)
        previous = named
        if named:
            judged.append((s.index, named))
        if s.index not in quoted:
            candidates.append(s.index)
    hidden = spoiler_sentences(sentences, flagged=review.spoilers) | quoted | remarks
    prose = [s for s in sentences if not s.heading and s.index not in remarks]
    persons = review_people(index, prose, [people_named(s.text, people) for s in prose])
    return _Plan(
        index,
        sentences,
        tuple(judged),
        tuple(candidates),
        tuple(found),
        frozenset(hidden),
        review.body,
        persons,
    )


def _judges_this_film(text: str, people: People) -> bool:
    """An opinion of this film: evaluative, not a question ("What about the action?",
    "Sounds good, right?" ask, they do not judge) and not about other films."""
    return (
        evaluative(text)
        and not text.rstrip(" \"”’')").endswith("?")
        and not about_other_films(text, people)
    )


def _resolve_pronoun(
    named: tuple[Mention, ...], previous: tuple[Mention, ...], people: People
) -> tuple[Mention, ...]:
    """ "Her performance …" right after a sentence about one performer is about that
    performer: an untargeted performance mention inherits the single named actor."""
    actors = {m.target for m in previous if m.aspect == "performance" and m.target}
    if not people.cast_known or len(actors) != 1:
        return named
    actor = actors.pop()
    return tuple(
        Mention(m.aspect, actor, m.start) if m.aspect == "performance" and m.target is None else m
        for m in named
    )


def _finish(
    plan: _Plan,
    by_sentence: dict[int, ScoredSentence],
    quote_p: list[float],
    overall: float,
) -> ReviewOpinions:
    aspects: list[AspectOpinion] = []
    reported = {
        i: a.verb_polarity
        for a in plan.attributions
        if a.is_critic and a.verb_polarity
        for i in a.sentences
    }
    for index, named in plan.judged:
        scored = by_sentence[index]
        evidence = Evidence(plan.index, index, plan.sentences[index].text)
        for (aspect, target), polarity in _aspect_polarities(named, scored).items():
            # A critic reported as praising or criticising: the verb says which.
            polarity = reported.get(index, polarity)
            aspects.append(AspectOpinion(aspect, target, polarity, evidence))
    candidates = {i: by_sentence[i].verdict_p for i in plan.candidates}
    pull = choose(plan.index, plan.sentences, candidates, overall, excluded=plan.hidden)
    tone = (label(candidates[pull.sentence]) or "mixed") if pull else None
    if pull is None and (pull := capsule(plan.index, plan.sentences, excluded=plan.hidden)):
        tone = label(overall) or "mixed"
    critics = tuple(
        _quoted_critic(plan, a, p)
        for a, p in zip((a for a in plan.attributions if a.is_critic), quote_p, strict=True)
    )
    return ReviewOpinions(tuple(aspects), pull, critics, tone, plan.people, label(overall))


def _aspect_polarities(
    named: Sequence[Mention], scored: ScoredSentence
) -> dict[tuple[Aspect, str | None], Polarity]:
    """One polarity per aspect (and performer) a sentence names, in order of mention.

    Each mention takes the polarity of its clause (a main clause's before a conceded
    one's); an aspect named in clauses that disagree ("Starting off slow, it eventually
    picks up its pace") is mixed.
    """
    clause_of = {m.start: scored.clause_index(m.start) for m in named}
    groups: dict[tuple[Aspect, str | None], list[Mention]] = {}
    for m in named:
        groups.setdefault((m.aspect, m.target), []).append(m)
    result: dict[tuple[Aspect, str | None], Polarity] = {}
    for key, group in groups.items():
        sides = {label(scored.clause_p[clause_of[m.start]]) for m in group}
        if len(group) > 1 and {"positive", "negative"} <= sides:
            result[key] = "mixed"
            continue
        main = [m for m in group if not scored.clauses[clause_of[m.start]].conceded]
        chosen = (main or group)[0]
        elsewhere = any(
            clause_of[other.start] != clause_of[chosen.start]
            for other in named
            if (other.aspect, other.target) != key
        )
        result[key] = scored.polarity_at(chosen.start, judged_elsewhere=elsewhere)
    return result


def _quoted_critic(plan: _Plan, a: Attribution, p: float) -> QuotedCritic:
    polarity = a.verb_polarity or label(p) or "mixed"
    evidence = Evidence(plan.index, a.sentence, plan.sentences[a.sentence].text)
    return QuotedCritic(a.outlet, a.critic, a.quote, polarity, evidence, a.sentences)
