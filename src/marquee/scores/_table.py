"""A sub-score table ("Story | 8 / 10", "Acting | 9 / 10"): its rows, total and check.

Apart from finding the stated score because a table is read whole, not as one
expression: two or more consecutive rows make a table, its rows' sum stands in for a
score the review never states, and beside a stated score it is kept with whether it adds
up to it (a table that does not is reported, not trusted over the critic's own total).
"""

from __future__ import annotations

import logging
import re
from typing import Final

from marquee.records import Block, Score, SubScore
from marquee.scores import _grammar as g

log = logging.getLogger(__name__)

AGREE_WITHIN: Final = 0.5
"""Two readings (or a stated total and its sub-scores) agree within half a point of 0–100."""

SUBSCORE_ROW: Final = re.compile(
    r"""^\s*(?P<label>[^|:\d][^|:]{0,39}?)\s*(?:\||:)\s*
    (?P<value>\d{1,3}(?:\.\d{1,2})?)\s*(?:/|out\s+of)\s*(?P<max>\d{1,3}(?:\.\d{1,2})?)\s*$""",
    re.VERBOSE | re.IGNORECASE,
)


def subscore_table(blocks: list[tuple[int, Block]]) -> tuple[set[int], tuple[SubScore, ...]]:
    """The last run of two or more "Label | x / y" rows, with the blocks it spans."""
    runs: list[list[tuple[int, SubScore]]] = []
    previous = None
    for index, block in blocks:
        row = _subscore_row(block.text)
        if row is None:
            previous = None
            continue
        if previous is None or index != previous + 1:
            runs.append([])
        runs[-1].append((index, row))
        previous = index
    runs = [run for run in runs if len(run) >= 2]
    if not runs:
        return set(), ()
    return {index for index, _ in runs[-1]}, tuple(row for _, row in runs[-1])


def _subscore_row(text: str) -> SubScore | None:
    match = SUBSCORE_ROW.match(text)
    if match is None:
        return None
    label = match["label"].strip(" *_")
    value, most = float(match["value"]), float(match["max"])
    if (
        not 0 <= value <= most
        or most == 0
        or g.TITLE_WITH_YEAR.search(label)
        or len(label.split()) > 6
        or re.fullmatch(rf"(?:\w+\s+)?{g.LABEL_WORDS}", label, re.IGNORECASE)
    ):
        return None
    return SubScore(label=label, value=value, max=most)


def _table_total(table: tuple[SubScore, ...]) -> float:
    return 100 * sum(row.value for row in table) / sum(row.max for row in table)


def table_score(table: tuple[SubScore, ...]) -> Score:
    """Without a stated total the rows' sum is the score, and trivially adds up."""
    raw = "; ".join(f"{row.label} {row.value:g} / {row.max:g}" for row in table)
    value = round(_table_total(table), 2)
    return Score(value=value, raw=raw, subscores=table, subscores_sum_ok=True)


def with_table(stated: Score, table: tuple[SubScore, ...]) -> Score:
    if not table:
        return stated
    adds_up = abs(_table_total(table) - stated.value) <= AGREE_WITHIN
    if not adds_up:
        log.info("sub-scores add up to %.1f, not the stated %s", _table_total(table), stated.raw)
    return Score(
        value=stated.value,
        raw=stated.raw,
        explicit=True,
        subscores=table,
        subscores_sum_ok=adds_up,
    )
