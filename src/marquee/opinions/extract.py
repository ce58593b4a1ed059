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

from marquee.opinions.aspects import Mention, People, evaluative, mentions, people_for
from marquee.opinions.polarity import ScoredSentence, label, model_polarity, score_sentences
from marquee.opinions.pullquote import choose, spoiler_sentences
from marquee.opinions.quoted import Attribution, attributions
from marquee.opinions.records import (
    AspectOpinion,
    Evidence,
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
    predict = polarity or model_polarity()
    people = people_for(facts)
    plans = [_plan(first + i, r, people) for i, r in enumerate(reviews)]
    judged_texts = [p.sentences[i].text for p in plans for i, _ in p.judged]
    scored = iter(score_sentences(judged_texts, predict))
    plain = [
        *(p.sentences[i].text for p in plans for i in _unjudged_candidates(p)),
        *(a.context for p in plans for a in p.attributions if a.is_critic),
        *(p.body for p in plans),
    ]
    plain_p = iter([float(x) for x in predict(plain)] if plain else [])
    per_plan = [
        (
            [next(scored) for _ in p.judged],
            [next(plain_p) for _ in _unjudged_candidates(p)],
            [next(plain_p) for a in p.attributions if a.is_critic],
        )
        for p in plans
    ]
    overall = [next(plain_p) for _ in plans]
    return tuple(
        _finish(p, judged, cand_p, quote_p, body_p)
        for p, (judged, cand_p, quote_p), body_p in zip(plans, per_plan, overall, strict=True)
    )


def _plan(index: int, review: ReviewText, people: People) -> _Plan:
    sentences = split_review(review.body)
    found = attributions(sentences)
    remarks = {a.sentence for a in found if not a.is_critic}
    quoted = {a.sentence for a in found if a.is_critic}
    judged: list[tuple[int, tuple[Mention, ...]]] = []
    candidates: list[int] = []
    previous: tuple[Mention, ...] = ()
    for s in sentences:
        if s.heading or s.index in remarks or not evaluative(s.text):
            previous = () if s.heading else previous
            continue
        named = _resolve_pronoun(tuple(mentions(s.text, people)), previous, people)
        previous = named
        if named:
            judged.append((s.index, named))
        if s.index not in quoted:
            candidates.append(s.index)
    hidden = spoiler_sentences(sentences, flagged=review.spoilers) | quoted | remarks
    return _Plan(
        index,
        sentences,
        tuple(judged),
        tuple(candidates),
        tuple(found),
        frozenset(hidden),
        review.body,
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


def _unjudged_candidates(plan: _Plan) -> list[int]:
    judged = {i for i, _ in plan.judged}
    return [i for i in plan.candidates if i not in judged]


def _finish(
    plan: _Plan,
    judged: list[ScoredSentence],
    candidate_p: list[float],
    quote_p: list[float],
    overall: float,
) -> ReviewOpinions:
    aspects: list[AspectOpinion] = []
    sentence_p: dict[int, float] = dict(zip(_unjudged_candidates(plan), candidate_p, strict=True))
    for (index, named), scored in zip(plan.judged, judged, strict=True):
        sentence_p[index] = scored.sentence_p
        evidence = Evidence(plan.index, index, plan.sentences[index].text)
        clause_of = [scored.clause_index(m.start) for m in named]
        for m, clause in zip(named, clause_of, strict=True):
            elsewhere = any(c != clause for c in clause_of)
            polarity = scored.polarity_at(m.start, judged_elsewhere=elsewhere)
            aspects.append(AspectOpinion(m.aspect, m.target, polarity, evidence))
    candidates = {i: sentence_p[i] for i in plan.candidates}
    pull = choose(plan.index, plan.sentences, candidates, overall, excluded=plan.hidden)
    critics = tuple(
        _quoted_critic(plan, a, p)
        for a, p in zip((a for a in plan.attributions if a.is_critic), quote_p, strict=True)
    )
    tone = (label(candidates[pull.sentence]) or "mixed") if pull else None
    return ReviewOpinions(tuple(aspects), pull, critics, tone)


def _quoted_critic(plan: _Plan, a: Attribution, p: float) -> QuotedCritic:
    polarity = a.verb_polarity or label(p) or "mixed"
    evidence = Evidence(plan.index, a.sentence, plan.sentences[a.sentence].text)
    return QuotedCritic(a.outlet, a.critic, a.quote, polarity, evidence)
