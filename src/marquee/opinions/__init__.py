"""The opinions stage: what each review says about the film's parts, its pull-quote, and
the critics a round-up quotes — every item linked to the sentence behind it.

>>> ops = review_opinions(0, body, facts, spoilers=False)   # doctest: +SKIP
>>> [(a.aspect, a.target, a.polarity) for a in ops.aspects]  # doctest: +SKIP
"""

from marquee.opinions.extract import (
    ReviewText,
    opinions_for,
    opinions_of_films,
    review_opinions,
)
from marquee.opinions.polarity import model_polarity
from marquee.opinions.records import (
    ASPECTS,
    Aspect,
    AspectAgreement,
    AspectOpinion,
    Consensus,
    Evidence,
    Person,
    Polarity,
    QuotedCritic,
    ReviewOpinions,
    SentencePolarity,
)
from marquee.opinions.sentences import Sentence, split_review

__all__ = [
    "Aspect",
    "AspectAgreement",
    "AspectOpinion",
    "ASPECTS",
    "Consensus",
    "Evidence",
    "model_polarity",
    "opinions_for",
    "opinions_of_films",
    "Person",
    "Polarity",
    "QuotedCritic",
    "review_opinions",
    "ReviewOpinions",
    "ReviewText",
    "Sentence",
    "SentencePolarity",
    "split_review",
]
