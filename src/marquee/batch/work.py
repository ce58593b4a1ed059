"""One chunk of a batch: rows → documents → reviews → scores and opinions → a results table.

:func:`score_chunk` is the whole unit of work. It takes plain values and returns an Arrow
table, reaches for no file and no store, and depends on nothing but the chunk, so the local
engine and a Dask worker produce the same bytes from the same chunk.

Each row becomes a Document through the tables reader of :mod:`marquee.documents` (the rows
are handed to it as JSON Lines), so a row reads exactly as ``marquee add`` would read it.
Then, as in ``marquee add``: metadata, the explicit score and film facts
(:func:`~marquee.review.parse_review`), a model score where the critic printed none
(:func:`~marquee.scoring.infer_scores`). The opinions stage runs per review against that
review's own film facts — aspects, pull-quote and quoted critics are per-review findings; a
film's agreement and consensus need all its reviews at once and are left to the film report.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

from marquee.aggregate import p_fresh
from marquee.batch.sources import Row, json_value
from marquee.documents import ReadOptions, read_bytes
from marquee.documents.options import TABLE_SIZE_FACTOR
from marquee.films import film_slug
from marquee.opinions import ReviewOpinions, ReviewText, opinions_of_films
from marquee.records import Document, FilmFacts, Review, Shape
from marquee.review import FilmHint, parse_review
from marquee.scoring import infer_scores

_ASPECT = pa.struct(
    [
        ("aspect", pa.string()),
        ("target", pa.string()),
        ("polarity", pa.string()),
        ("sentence", pa.string()),
    ]
)
_QUOTED = pa.struct(
    [
        ("outlet", pa.string()),
        ("critic", pa.string()),
        ("polarity", pa.string()),
        ("quote", pa.string()),
    ]
)
RESULTS = pa.schema(
    [
        ("row", pa.int64()),  # the row's number in the input, as `marquee add` counts it
        ("source", pa.string()),  # "INPUT#row=N", the Document.source marquee add gives it
        ("problem", pa.string()),  # why the row is not a review; null for a review
        ("film", pa.string()),  # the film's slug, null when the review names none
        ("film_title", pa.string()),
        ("film_year", pa.int32()),
        ("critic", pa.string()),
        ("outlet", pa.string()),
        ("published", pa.string()),
        ("score", pa.float64()),  # 0–100
        ("score_raw", pa.string()),  # as printed, or "inferred" (scoring.INFERRED_RAW, QUICK_RAW)
        ("score_explicit", pa.bool_()),
        ("p_fresh", pa.float64()),  # what the review counts towards fresh % (aggregate.p_fresh)
        ("verdict", pa.string()),
        ("pull_quote", pa.string()),
        ("pull_quote_polarity", pa.string()),
        ("aspects", pa.list_(_ASPECT)),
        ("quoted_critics", pa.list_(_QUOTED)),
        ("warnings", pa.list_(pa.string())),
    ]
)
"""One row per input row, reviews and unreadable rows alike, in input order."""

_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True, slots=True, kw_only=True)
class ChunkSettings:
    """What decides a row's result besides the row: column mapping, the film hint, and
    whether scores are inferred quickly (the n-gram views alone: ``marquee batch --quick``).
    They travel with each chunk, so a Dask worker's model reads as this process's would."""

    columns: Mapping[str, str] = field(default_factory=dict)
    hint: FilmHint = FilmHint()
    quick: bool = False


@dataclass(frozen=True, slots=True)
class Chunk:
    """Consecutive rows of one input, numbered ``index`` from 0."""

    index: int
    source: str  # the input as given; documents are named "{source}#row={number}"
    shape: Shape  # "csv" or "jsonl": what marquee add would call these documents
    encoding: str
    rows: tuple[Row, ...]
    settings: ChunkSettings


@dataclass(frozen=True, slots=True)
class ChunkResult:
    index: int
    table: pa.Table
    reviews: int
    problems: int


def score_chunk(chunk: Chunk) -> ChunkResult:
    """Read, score and analyse every row of ``chunk``; one results row per input row."""
    readings = documents_of(chunk)
    documents = [r for r in readings if isinstance(r, Document)]
    hint, quick = chunk.settings.hint, chunk.settings.quick
    reviews = iter(infer_scores([parse_review(d, hint=hint) for d in documents], quick=quick))
    parsed = [next(reviews) if isinstance(r, Document) else r for r in readings]
    found = [r for r in parsed if isinstance(r, Review)]
    opinions = iter(_opinions(found))
    records = [
        _review_record(row, r, next(opinions)) if isinstance(r, Review) else _problem(row, r)
        for row, r in zip(chunk.rows, parsed, strict=True)
    ]
    return ChunkResult(chunk.index, _table(records), len(found), len(records) - len(found))


def documents_of(chunk: Chunk) -> list[Document | str]:
    """Each row's Document, read by marquee's tables reader, or why it is not a review."""
    good = [row for row in chunk.rows if not isinstance(row.cells, str)]
    lines = "\n".join(json.dumps(row.cells, default=json_value) for row in good).encode()
    options = ReadOptions(
        shape="jsonl",
        columns=chunk.settings.columns,
        max_bytes=len(lines) // TABLE_SIZE_FACTOR + 1,  # a chunk is one table, of any size
        max_rows=len(good),
    )
    reading = read_bytes(lines, chunk.source, options=options) if good else None
    by_line = {_line_of(doc): doc for doc in reading.documents} if reading else {}
    problems = iter(reading.problems if reading else ())
    out: list[Document | str] = []
    line = 0
    for row in chunk.rows:
        if isinstance(row.cells, str):
            out.append(row.cells)
            continue
        line += 1
        doc = by_line.get(line)
        if doc is None:
            out.append(next(problems).removeprefix(f"{chunk.source} row {line}: "))
            continue
        out.append(
            dataclasses.replace(
                doc,
                source=f"{chunk.source}#row={row.number}",
                shape=chunk.shape,
                encoding=chunk.encoding,
            )
        )
    return out


def _line_of(document: Document) -> int:
    return int(document.source.rpartition("#row=")[2])


def _opinions(reviews: Sequence[Review]) -> list[ReviewOpinions]:
    """Each review's opinions against its own film facts; reviews with the same facts are
    read together, and the model reads every sentence of the chunk in one call
    (:func:`~marquee.opinions.opinions_of_films`): per-call overhead dominates on short
    texts."""
    groups: dict[Hashable, list[int]] = {}
    for i, review in enumerate(reviews):
        groups.setdefault(_facts_key(review.facts), []).append(i)
    films = [
        (
            [ReviewText(reviews[i].document.body, reviews[i].meta.spoilers) for i in members],
            reviews[members[0]].facts,
        )
        for members in groups.values()
    ]
    found: dict[int, ReviewOpinions] = {}
    for members, opinions in zip(groups.values(), opinions_of_films(films), strict=True):
        found.update(zip(members, opinions, strict=True))
    return [found[i] for i in range(len(reviews))]


def _facts_key(facts: FilmFacts) -> Hashable:
    """Equal for equal facts: every field but the credits mapping is a tuple of frozen
    values already (hashing them costs a tenth of writing the facts out as sorted JSON)."""
    return (
        facts.title,
        facts.aliases,
        facts.year,
        tuple(sorted(facts.credits.items())),
        facts.cast,
        facts.pairs,
    )


def _problem(row: Row, problem: str) -> dict[str, Any]:
    return {"row": row.number, "problem": problem}


def _review_record(row: Row, review: Review, opinions: ReviewOpinions) -> dict[str, Any]:
    facts, meta, score = review.facts, review.meta, review.score
    quote = opinions.pull_quote
    return {
        "row": row.number,
        "source": review.document.source,
        "film": film_slug(facts.title, facts.year) if facts.title else None,
        "film_title": facts.title,
        "film_year": facts.year,
        "critic": meta.critic,
        "outlet": meta.outlet,
        "published": meta.published,
        "score": score.value if score else None,
        "score_raw": score.raw if score else None,
        "score_explicit": score.explicit if score else None,
        "p_fresh": p_fresh(review),
        "verdict": review.verdict,
        "pull_quote": quote.text if quote else None,
        "pull_quote_polarity": opinions.pull_quote_polarity,
        "aspects": [
            {
                "aspect": a.aspect,
                "target": a.target,
                "polarity": a.polarity,
                "sentence": a.evidence.text,
            }
            for a in opinions.aspects
        ],
        "quoted_critics": [
            {"outlet": q.outlet, "critic": q.critic, "polarity": q.polarity, "quote": q.quote}
            for q in opinions.quoted_critics
        ],
        "warnings": list(review.document.warnings),
    }


def _table(records: list[dict[str, Any]]) -> pa.Table:
    """The records as a table; a lone surrogate (only a JSON "\\ud800" escape makes one,
    and Arrow strings are UTF-8) becomes U+FFFD."""
    try:
        return pa.Table.from_pylist(records, schema=RESULTS)
    except (UnicodeEncodeError, pa.ArrowException):
        return pa.Table.from_pylist(_utf8(records), schema=RESULTS)


def _utf8(value: Any) -> Any:
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_utf8(v) for v in value]
    if isinstance(value, dict):
        return {k: _utf8(v) for k, v in value.items()}
    return value
