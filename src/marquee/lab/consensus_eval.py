"""How close marquee's consensus comes to Rotten Tomatoes' own Critics Consensus.

For the 275 films of ``rt_consensus/consensus_matched.csv`` with at least five non-empty
pull-quotes in ``rt_critics_cs109/critics.csv`` (joined on ``rtid``), each quote is
treated as one review and run through the same opinions → agreement → consensus pipeline
the samples go through. The written consensus is scored against RT's sentence with ROUGE
-1/-2/-L F1 (Porter stemming, Google's ``rouge-score`` package), next to three baselines
measured the same way: the first quote, the quote nearest the film's TF-IDF centroid, and
the best single quote chosen with hindsight (an upper bound for copying one quote).

Beside ROUGE it counts what an editor would refuse to print: a consensus that leans
against the critics (a film at least 80% of whose quotes RT marks fresh, written up as
panned, or one under 40% written up as praised), a claim no review behind its clause
says (the provenance check, :func:`marquee.consensus.unsupported_claims`), and a
possessive credit ("X's Title") naming someone other than the film's director as the
catalogues RT's consensus came with record it; and it gives the median length beside
RT's.
The writer is told the film's fresh % as marquee estimates it from the quotes' words
(the shipped estimator), never RT's labels, and the film's facts as a film page has
them: RT's title and year, and the director and leads the catalogue credits
(:mod:`marquee.lab.consensus_catalogue`; ``credits=False`` leaves only the credits the
quotes themselves state).

Caveat kept in the output: RT's consensus texts were written years after, and not from,
these quotes. ``marquee eval`` scores the test split's films, which neither the model nor
the writer's design ever saw; the writer is developed on the dev split's.
"""

from __future__ import annotations

import csv
import dataclasses
import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import mean, median

import numpy as np
from rouge_score import rouge_scorer  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

from marquee.aggregate import fresh_percent
from marquee.consensus import SIDES, agreement, unsupported_claims, write_consensus
from marquee.datasets import shared_data_dir
from marquee.documents import read_bytes
from marquee.errors import ScoringError
from marquee.films import merge_facts
from marquee.lab.consensus_catalogue import Catalogued, catalogue_credits
from marquee.model.data import Split, split_of
from marquee.opinions import (
    Consensus,
    ReviewText,
    SentencePolarity,
    model_polarity,
    opinions_for,
)
from marquee.records import CastMember, FilmFacts
from marquee.review import parse_review

log = logging.getLogger(__name__)

MIN_QUOTES = 5
METRICS = ("rouge1", "rouge2", "rougeL")


@dataclass(frozen=True, slots=True)
class Film:
    """One evaluation film: its RT consensus, its critics' pull-quotes in file order, and
    RT's fresh (1) / rotten (0) for those quotes that carry one."""

    rtid: str
    title: str
    consensus: str
    quotes: tuple[str, ...]
    fresh: tuple[int, ...] = ()

    @property
    def fresh_share(self) -> float | None:
        """RT's fresh % over the quotes it labelled (the truth a consensus leans with)."""
        return 100 * sum(self.fresh) / len(self.fresh) if self.fresh else None


def load_films(root: Path | None = None) -> list[Film]:
    """The films with an RT consensus and at least :data:`MIN_QUOTES` non-empty quotes."""
    root = root or shared_data_dir()
    consensus_path = root / "rt_consensus" / "consensus_matched.csv"
    critics_path = root / "rt_critics_cs109" / "critics.csv"
    for path in (consensus_path, critics_path):
        if not path.exists():
            raise ScoringError(f"evaluation data not found at {path} (set MARQUEE_DATA)")
    consensus: dict[str, tuple[str, str]] = {}
    with consensus_path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            consensus.setdefault(row["rtid"], (row["title"], row["consensus"]))
    quotes: dict[str, list[str]] = defaultdict(list)
    fresh: dict[str, list[int]] = defaultdict(list)
    with critics_path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["rtid"] in consensus and row["quote"].strip():
                quotes[row["rtid"]].append(row["quote"].strip())
                if row["fresh"] in ("fresh", "rotten"):
                    fresh[row["rtid"]].append(int(row["fresh"] == "fresh"))
    return [
        Film(rtid, title, text, tuple(quotes[rtid]), tuple(fresh[rtid]))
        for rtid, (title, text) in consensus.items()
        if len(quotes[rtid]) >= MIN_QUOTES
    ]


def marquee_consensus(
    film: Film,
    polarity: SentencePolarity,
    reviews: SentencePolarity | None = None,
    credits: Catalogued | None = None,
) -> Consensus | None:
    """The consensus marquee writes from the film's quotes alone (None when it has none),
    told the fresh % marquee estimates from the quotes' words and the film's
    catalogue ``credits`` when given; ``reviews`` scores each quote as a review (default:
    ``polarity``), as ``marquee add`` would."""
    facts = film_with(film, credits)
    ops = opinions_for([ReviewText(q) for q in film.quotes], facts, polarity=polarity)
    estimate, _ = fresh_percent((reviews or polarity)(list(film.quotes)))
    return write_consensus(
        facts.title or film.title, facts, agreement(ops), ops, fresh_percent=estimate
    )


def film_with(film: Film, credits: Catalogued | None = None) -> FilmFacts:
    """The facts a film page would hold: RT's title and year, the credits the quotes
    state, and the catalogue's director and leads (``credits``) in place of theirs."""
    facts = with_credits(film_facts(film.title), film.quotes)
    if credits is None:
        return facts
    return dataclasses.replace(
        facts,
        credits={**facts.credits, "director": credits.directors},
        cast=tuple(CastMember(name) for name in credits.cast) or facts.cast,
    )


def with_credits(facts: FilmFacts, quotes: Sequence[str]) -> FilmFacts:
    """RT's title and year, with the crew and cast the quotes credit, reconciled as a
    film's reviews are in the product (:func:`marquee.films.merge_facts`)."""
    read = [
        parse_review(doc).facts
        for i, quote in enumerate(quotes)
        for doc in read_bytes(quote.encode("utf-8"), f"quote-{i}.txt").documents[:1]
    ]
    merged = merge_facts(read) if read else FilmFacts()
    return dataclasses.replace(facts, credits=merged.credits, cast=merged.cast)


def film_facts(title: str) -> FilmFacts:
    """All RT's data knows of a film: its title ("12 Angry Men (Twelve Angry Men)" is a
    title and an alias, "King Kong (1933)" a title and a year)."""
    match = _PARENTHESIS.match(title)
    if match is None:
        return FilmFacts(title=title)
    main, aside = match.groups()
    if aside.isdigit() and len(aside) == 4:
        return FilmFacts(title=main, year=int(aside))
    return FilmFacts(title=main, aliases=(aside,))


_PARENTHESIS = re.compile(r"^(.+?)\s+\(([^()]+)\)$")


def centroid_quotes(films: Sequence[Film]) -> list[str]:
    """Per film, the quote nearest the centroid of its quotes' TF-IDF vectors (IDF fitted
    on all the films' quotes)."""
    vectorizer = TfidfVectorizer(sublinear_tf=True).fit([q for f in films for q in f.quotes])
    chosen = []
    for film in films:
        matrix = vectorizer.transform(film.quotes)
        centroid = np.asarray(matrix.mean(axis=0)).ravel()
        chosen.append(film.quotes[int(np.argmax(matrix @ centroid))])
    return chosen


def _scores(
    scorer: rouge_scorer.RougeScorer, references: Sequence[str], candidates: Sequence[str]
) -> dict[str, float]:
    per = [scorer.score(r, c) for r, c in zip(references, candidates, strict=True)]
    return {m: round(mean(s[m].fmeasure for s in per), 4) for m in METRICS}


def run_consensus_eval(
    *,
    polarity: SentencePolarity | None = None,
    limit: int | None = None,
    split: Split | None = None,
    credits: bool = True,
) -> dict[str, object]:
    """ROUGE F1 of marquee's consensus and the three baselines over the evaluation films.

    Returns ``{"rouge1", "rouge2", "rougeL", "n", "first_quote", "centroid_quote",
    "oracle_quote", "empty", "unsupported", "contradicts_critics", "clear_cut_films",
    "possessives", "possessive_errors", "median_words", "reference_median_words"}``;
    each baseline is ``{"rouge1", "rouge2", "rougeL"}``. ``split`` keeps the films of
    one frozen split (``"test"``: films the shipped model never saw, ``"dev"``: where the
    writer is developed); ``unsupported`` counts the films whose consensus has a claim
    no quote behind its clause says; ``possessive_errors`` the possessives that do not
    name the film's director (by the catalogue); ``credits=False`` withholds the
    catalogue's director and leads from the writer.
    """
    films = [f for f in load_films() if split is None or split_of(f"film:{f.rtid}") == split]
    films = films[:limit] if limit else films
    predict = polarity or model_polarity()
    reviews = None if polarity else _review_scores()
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    references = [f.consensus for f in films]
    catalogue = catalogue_credits()
    given = {f.rtid: catalogue.get(f.rtid) if credits else None for f in films}
    written = [marquee_consensus(f, predict, reviews, given[f.rtid]) for f in films]
    ours = [c.text if c else "" for c in written]
    unsupported = [
        f.rtid
        for f, c in zip(films, written, strict=True)
        if c and unsupported_claims(c, *_named(f, given[f.rtid]))
    ]
    oracle = [_best_quote(scorer, f) for f in films]
    result: dict[str, object] = {
        **_scores(scorer, references, ours),
        "n": len(films),
        "first_quote": _scores(scorer, references, [f.quotes[0] for f in films]),
        "centroid_quote": _scores(scorer, references, centroid_quotes(films)),
        "oracle_quote": _scores(scorer, references, oracle),
        "empty": sum(not text for text in ours),
        "unsupported": len(unsupported),
        "contradicts_critics": sum(_contradicts(f, c) for f, c in zip(films, written, strict=True)),
        "clear_cut_films": sum(_clear_side(f) is not None for f in films),
        "possessives": sum(bool(c and _POSSESSIVE.search(c.text)) for c in written),
        "possessive_errors": sum(
            _wrong_credit(c, catalogue[f.rtid].directors if f.rtid in catalogue else (), f.title)
            for f, c in zip(films, written, strict=True)
        ),
        "median_words": median(len(t.split()) for t in ours if t) if any(ours) else 0,
        "reference_median_words": median(len(t.split()) for t in references),
    }
    log.info("consensus eval on %d films: %s", len(films), result)
    return result


def _named(film: Film, credits: Catalogued | None) -> tuple[str, tuple[str, ...]]:
    """What the writer may name as fact, not claim: the title, the credited directors
    and the credited leads' given names (a lead's surname must be in a review)."""
    facts = film_with(film, credits)
    given = tuple(" ".join(c.actor.split()[:-1]) for c in facts.cast)
    return facts.title or film.title, (*facts.credits.get("director", ()), *given)


def _review_scores() -> SentencePolarity:
    """Each quote's P(fresh) as a review's score is read (the encoder included)."""
    from marquee.model import load_model

    model = load_model()
    return lambda texts: model.p_fresh(list(texts)).tolist()


LOVED = 80.0
DISLIKED = 40.0
_POSSESSIVE = re.compile(r"\b([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)'s\s")
"""A name's possessive ("Len Wiseman's"): a credit, to be read against the film's
director as the catalogue records it."""


def _wrong_credit(consensus: Consensus | None, directors: Sequence[str], title: str) -> bool:
    """A possessive naming anyone but one of the film's directors (none known: wrong);
    the title's own ("Schindler's List") is not a credit."""
    if consensus is None:
        return False
    surnames = {d.split()[-1].lower() for d in directors}
    text = consensus.text.replace(film_facts(title).title or title, "")
    return any(m.group(1).split()[-1].lower() not in surnames for m in _POSSESSIVE.finditer(text))


def _clear_side(film: Film) -> str | None:
    """The side a clear-cut film's critics took: positive at ≥ 80% fresh, negative < 40%."""
    share = film.fresh_share
    if share is None:
        return None
    return "positive" if share >= LOVED else "negative" if share < DISLIKED else None


def _contradicts(film: Film, consensus: Consensus | None) -> bool:
    """A clear-cut film written up as leaning the other way."""
    side = _clear_side(film)
    return bool(consensus and side and consensus.verdict in SIDES and consensus.verdict != side)


def _best_quote(scorer: rouge_scorer.RougeScorer, film: Film) -> str:
    """The quote with the highest ROUGE-1 against the reference: chosen with hindsight."""
    r1 = [scorer.score(film.consensus, q)["rouge1"].fmeasure for q in film.quotes]
    return film.quotes[int(np.argmax(r1))]
