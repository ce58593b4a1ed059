"""The credits of the consensus evaluation's films, as RT's catalogues record them.

``rt_consensus/`` holds the four catalogues RT's consensus texts were copied from
(``SOURCE.md``); each also records the film's director and its leads. The evaluation
gives the writer these as the film's reconciled credits — what a film page built from
reviews with credits holds — and checks every possessive ("X's Title") against the
director they name.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from marquee.datasets import shared_data_dir

LEADS = 6
"""Cast members kept per film: the leads a consensus might name, not the whole list."""


@dataclass(frozen=True, slots=True)
class Catalogued:
    """A film's directors and leading cast, in billing order."""

    directors: tuple[str, ...]
    cast: tuple[str, ...] = ()


def catalogue_credits(root: Path | None = None) -> dict[str, Catalogued]:
    """Each evaluation film's credits by ``rtid``: matched by IMDb id, or by the source's
    title and year, as ``consensus_matched.csv`` matched its consensus."""
    folder = (root or shared_data_dir()) / "rt_consensus"
    by_imdb: dict[str, Catalogued] = {}
    by_title: dict[tuple[str, str], Catalogued] = {}
    with (folder / "mongodb_movieDetails.json").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("director") and (row.get("imdb") or {}).get("id"):
                by_imdb[row["imdb"]["id"].removeprefix("tt")] = Catalogued(
                    _names(row["director"]), tuple(row.get("actors") or ())[:LEADS]
                )
    mflix = json.loads((folder / "sample_mflix_movies_first1000.json").read_text("utf-8"))
    for row in mflix:
        if row.get("directors") and (row.get("imdb") or {}).get("id"):
            by_imdb.setdefault(
                f"{int(row['imdb']['id']):07d}",
                Catalogued(tuple(row["directors"]), tuple(row.get("cast") or ())[:LEADS]),
            )
    with (folder / "kaggle_rotten_tomatoes_movies_first940rows.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            year = (row.get("original_release_date") or "")[:4]
            if row.get("directors"):
                by_title[(row["movie_title"], year)] = Catalogued(
                    _names(row["directors"]), _names(row.get("actors") or "")[:LEADS]
                )
    with (folder / "rotten_tomatoes_top_movies.csv").open(encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        for cells in reader:
            row = dict(zip(header, cells[1:], strict=False))  # the header lacks the index
            if row.get("director"):
                directors = _names(row["director"])
                crew = _names(row.get("crew") or "")
                cast = crew[: crew.index(directors[0])] if directors[0] in crew else ()
                by_title.setdefault(
                    (row["title"], row["year"]), Catalogued(directors, cast[:LEADS])
                )
    found: dict[str, Catalogued] = {}
    with (folder / "consensus_matched.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            credits = by_imdb.get(row["imdb"]) or by_title.get(
                (row["source_title"], row["source_year"])
            )
            if credits:
                found.setdefault(row["rtid"], credits)
    return found


def _names(cell: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in cell.split(",") if n.strip())
