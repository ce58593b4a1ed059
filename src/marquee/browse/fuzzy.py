"""Matching names the way people type them: folded, then scored by rapidfuzz.

Shared by the store-wide search (:mod:`marquee.browse.search`) and by the film a report
is asked for (:mod:`marquee.browse.lookup`), which needs only :func:`folded` unless the
name typed is a near miss.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rapidfuzz import fuzz, process, utils

from marquee.films.folding import fold


def folded(text: str) -> str:
    """The form names are compared in: folded like :func:`marquee.films.folding.fold`
    (case, accents, apostrophes), then rapidfuzz's own cleaning (punctuation to spaces)."""
    return str(utils.default_process(fold(text)))


WORD_WEIGHT = 0.95
"""A query matching some words of a name ("wick" in "From the World of John Wick") scores
this fraction of their ratio: just below the same match against the whole name."""


def word_runs(keys: Sequence[str], n: int) -> list[tuple[str, int]]:
    """Every run of ``n`` consecutive words of each name, with the name's index."""
    runs = []
    for i, key in enumerate(keys):
        words = key.split()
        runs += [(" ".join(words[j : j + n]), i) for j in range(max(1, len(words) - n + 1))]
    return runs


def ranked(
    query: str,
    keys: Sequence[str],
    cutoff: float,
    runs: Callable[[int], Sequence[tuple[str, int]]] | None = None,
) -> list[tuple[int, float]]:
    """(index, score) of every folded name in ``keys`` scoring ``cutoff`` or more, best
    first. A name's score is rapidfuzz's WRatio against the whole name, or
    :data:`WORD_WEIGHT` times the ratio against its best run of as many words as the query
    has (WRatio alone scores a word inside a long title at 60 at most). A query under four
    characters is compared with whole names by plain ratio, so "the" does not find every
    film with "the" in its title (WRatio would score each 90). ``runs`` gives
    the word runs for a query of n words (remembered by :func:`search`)."""
    key = folded(query)
    best: dict[int, float] = {}
    whole = fuzz.WRatio if len(key) >= 4 else fuzz.ratio
    for _c, value, i in process.extract(
        key, keys, scorer=whole, processor=None, score_cutoff=cutoff, limit=None
    ):
        best[i] = value
    if len(key) >= 4:
        n = len(key.split())
        pieces = runs(n) if runs else word_runs(keys, n)
        for _c, value, j in process.extract(
            key,
            [run for run, _i in pieces],
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=cutoff / WORD_WEIGHT,
            limit=None,
        ):
            i = pieces[j][1]
            best[i] = max(best.get(i, 0.0), WORD_WEIGHT * value)
    return sorted(best.items(), key=lambda pair: -pair[1])
