"""How close marquee's consensus comes to Rotten Tomatoes' own Critics Consensus.

For the 275 films of ``rt_consensus/consensus_matched.csv`` with at least five non-empty
pull-quotes in ``rt_critics_cs109/critics.csv`` (joined on ``rtid``), each quote is
treated as one review and run through the same opinions → agreement → consensus pipeline
the samples go through. The written consensus is scored against RT's sentence with ROUGE
-1/-2/-L F1 (Porter stemming, Google's ``rouge-score`` package), next to three baselines
measured the same way: the first quote, the quote nearest the film's TF-IDF centroid, and
the best single quote chosen with hindsight (an upper bound for copying one quote).

Caveat kept in the output: RT's consensus texts were written years after, and not from,
these quotes; and the films are split in two by ``rtid`` parity so that the figures on the
odd half were never used to tune the writer.
"""

from __future__ import annotations

import csv
import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import mean

import numpy as np
from rouge_score import rouge_scorer  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

from marquee.consensus import agreement, unsupported_words, write_consensus
from marquee.datasets import shared_data_dir
from marquee.errors import ScoringError
from marquee.model.data import Split, split_of
from marquee.opinions import (
    Consensus,
    ReviewText,
    SentencePolarity,
    model_polarity,
    opinions_for,
)
from marquee.records import FilmFacts

log = logging.getLogger(__name__)

MIN_QUOTES = 5
METRICS = ("rouge1", "rouge2", "rougeL")


@dataclass(frozen=True, slots=True)
class Film:
    """One evaluation film: its RT consensus and its critics' pull-quotes, in file order."""

    rtid: str
    title: str
    consensus: str
    quotes: tuple[str, ...]


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
    with critics_path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["rtid"] in consensus and row["quote"].strip():
                quotes[row["rtid"]].append(row["quote"].strip())
    return [
        Film(rtid, title, text, tuple(quotes[rtid]))
        for rtid, (title, text) in consensus.items()
        if len(quotes[rtid]) >= MIN_QUOTES
    ]


def marquee_consensus(film: Film, polarity: SentencePolarity) -> Consensus | None:
    """The consensus marquee writes from the film's quotes alone (None when it has none)."""
    facts = film_facts(film.title)
    ops = opinions_for([ReviewText(q) for q in film.quotes], facts, polarity=polarity)
    return write_consensus(facts.title or film.title, facts, agreement(ops), ops)


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
) -> dict[str, object]:
    """ROUGE F1 of marquee's consensus and the three baselines over the evaluation films.

    Returns ``{"rouge1", "rouge2", "rougeL", "n", "first_quote", "centroid_quote",
    "oracle_quote", "held_out", "empty", "unsupported"}``; each baseline is ``{"rouge1",
    "rouge2", "rougeL"}``; ``held_out`` is marquee's figures on the odd-``rtid`` films only
    (the writer was tuned on the even ones); ``split`` keeps the films of one frozen split
    (``"test"``: films the shipped model never saw); ``unsupported`` counts the films whose
    consensus has a word no quote behind its clause says (the template's own aside).
    """
    films = [f for f in load_films() if split is None or split_of(f"film:{f.rtid}") == split]
    films = films[:limit] if limit else films
    predict = polarity or model_polarity()
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    references = [f.consensus for f in films]
    written = [marquee_consensus(f, predict) for f in films]
    ours = [c.text if c else "" for c in written]
    unsupported = [
        f.rtid
        for f, c in zip(films, written, strict=True)
        if c and unsupported_words(c, film_facts(f.title).title or f.title)
    ]
    oracle = [_best_quote(scorer, f) for f in films]
    held = [i for i, f in enumerate(films) if int(f.rtid) % 2 == 1]
    result: dict[str, object] = {
        **_scores(scorer, references, ours),
        "n": len(films),
        "first_quote": _scores(scorer, references, [f.quotes[0] for f in films]),
        "centroid_quote": _scores(scorer, references, centroid_quotes(films)),
        "oracle_quote": _scores(scorer, references, oracle),
        "held_out": {
            **_scores(scorer, [references[i] for i in held], [ours[i] for i in held]),
            "n": len(held),
        },
        "empty": sum(not text for text in ours),
        "unsupported": len(unsupported),
    }
    log.info("consensus eval on %d films: %s", len(films), result)
    return result


def _best_quote(scorer: rouge_scorer.RougeScorer, film: Film) -> str:
    """The quote with the highest ROUGE-1 against the reference: chosen with hindsight."""
    r1 = [scorer.score(film.consensus, q)["rouge1"].fmeasure for q in film.quotes]
    return film.quotes[int(np.argmax(r1))]
