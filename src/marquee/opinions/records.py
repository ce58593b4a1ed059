"""The values the opinions stage produces, each carrying the sentence it came from.

Every verdict marquee shows about *why* critics liked a film links back to a review and
a sentence (:class:`Evidence`), so a reader can check any claim against its source.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

Aspect = Literal[
    "story",
    "performance",
    "action",
    "direction",
    "music",
    "visuals",
    "editing",
    "pacing",
    "franchise",
    "humour",
    "production",
]
ASPECTS: tuple[Aspect, ...] = get_args(Aspect)
Polarity = Literal["positive", "negative", "mixed"]
Role = Literal["director", "performer"]
AgreementLabel = Literal["praised", "panned", "divided", "mixed"]

SentencePolarity = Callable[[Sequence[str]], Sequence[float]]
"""P(positive) for each text; the default is the project's trained scoring model."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Provenance: which review (index in the list analysed) and which of its sentences."""

    review: int
    sentence: int
    text: str


@dataclass(frozen=True, slots=True)
class AspectOpinion:
    """One sentence's judgement of one aspect; ``target`` is the performer for performance."""

    aspect: Aspect
    target: str | None
    polarity: Polarity
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class QuotedCritic:
    """A critic a round-up quotes ("The Washington Post praises …"): shown apart, never
    counted into fresh %."""

    outlet: str | None
    critic: str | None
    quote: str
    polarity: Polarity
    evidence: Evidence
    sentences: tuple[int, ...] = ()  # every sentence reporting this critic (evidence's first)


@dataclass(frozen=True, slots=True)
class Person:
    """Someone a review names: the film's director or a performer, as the credits or the
    critic's own words say (``role`` None when neither says), first named at ``evidence``."""

    name: str
    role: Role | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ReviewOpinions:
    """What one review says about the film's parts, its pull-quote and whom it quotes."""

    aspects: tuple[AspectOpinion, ...]
    pull_quote: Evidence | None
    quoted_critics: tuple[QuotedCritic, ...]
    pull_quote_polarity: Polarity | None = None  # the model's reading of the pull-quote
    people: tuple[Person, ...] = ()  # the people the review names, once each
    verdict: Polarity | None = None  # the model's reading of the whole review, if sure


@dataclass(frozen=True, slots=True)
class AspectAgreement:
    """How the critics split on one aspect (or one performer), counted once per critic."""

    aspect: Aspect
    target: str | None
    praised: int
    panned: int
    mixed: int
    label: AgreementLabel
    praise_quote: Evidence | None
    pan_quote: Evidence | None


@dataclass(frozen=True, slots=True)
class Consensus:
    """The one- or two-sentence consensus, each clause with the evidence behind it, and
    the way it leans (positive, negative or mixed: the film's verdict it was written to)."""

    text: str
    clauses: tuple[tuple[str, tuple[Evidence, ...]], ...]
    verdict: Polarity = "mixed"
