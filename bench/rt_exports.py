"""Raw Rotten Tomatoes exports added with no flags, measured on real critics' rows.

The cs109 quotes (``rt_critics_cs109``: critic, outlet, fresh/rotten, film, rtid) are
written out as each export generation names its columns, exactly as downloaded:

* old (Kaggle ``rotten_tomatoes_critic_reviews.csv``): rotten_tomatoes_link ("m/toy_story"),
  critic_name, top_critic, publisher_name, review_type, review_score, review_date,
  review_content — the film only by its link, with ``rotten_tomatoes_movies.csv`` beside it;
* new (``rotten_tomatoes_movie_reviews.csv``): id ("toy_story"), reviewId, creationDate, criticName,
  isTopCritic, originalScore, reviewState, publicatioName (sic), reviewText,
  scoreSentiment, reviewUrl — the film only by its id, with ``rotten_tomatoes_movies.csv``
  (id, title, …, releaseDateTheaters) beside it.

Each table is read the way ``marquee add reviews.csv movies.csv`` reads it (the movies
table found among the inputs, then every row read and parsed), and again alone (``marquee
add reviews.csv``), and compared row by row:
filed under the right film, verdict equal to the export's column, critic and outlet kept as
the export wrote them. cs109 has no printed scores, so the score column carries real score
shapes RT exports hold (``--scores``: one a line; default a built-in list), one per row in
turn, and the reading rate is over those.

Run: ``.venv/bin/python bench/rt_exports.py [--split dev] [--rows N]``.
"""

from __future__ import annotations

import argparse
import csv
import re
import tempfile
from pathlib import Path

from marquee.datasets import shared_data_dir
from marquee.documents import ReadOptions, read_path
from marquee.documents.catalog import catalogs_among
from marquee.model.data import split_of
from marquee.review import parse_review

# Score strings in the shapes RT's exports carry (the old export's review_score, the new
# one's originalScore): fractions on every scale, unrounded decimals, letter grades with
# their spellings, stars and mixed numbers.
SCORE_SHAPES = (
    "3/5", "3.5/4", "7/10", "8.5/10", "2/4", "B+", "A-", "C", "B-minus", "4/5", "1.5/5",
    "3 1/2/5", "2 1/2/4", ".5/5", "8.71245284/10", "72/100", "A&#45;", "5/5", "0/5",
    "3.75/5", "6/10", "D+", "F", "9/10", "2.5/5", "3/4", "1/4", "4.5/5", "B", "A+",
)  # fmt: skip


def _slug(title: str) -> str:
    """RT's own film id: "Toy Story" -> "toy_story" (the old export writes "m/toy_story")."""
    return re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")


def cs109_rows(split: str, limit: int) -> list[dict[str, str]]:
    path = shared_data_dir() / "rt_critics_cs109" / "critics.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = [
            r
            for r in csv.DictReader(f)
            if r["quote"].strip()
            and r["fresh"] in ("fresh", "rotten")
            and r["rtid"].isdigit()
            and (split == "all" or split_of(f"film:{r['rtid']}") == split)
        ]
    return rows[:limit]


def write_exports(rows: list[dict[str, str]], folder: Path) -> dict[str, list[Path]]:
    """Both generations' review and movies tables for ``rows``."""
    films = sorted({(r["rtid"], r["title"]) for r in rows})  # same-titled films share a slug
    old, old_movies = folder / "old_reviews.csv", folder / "old_movies.csv"
    new, new_movies = folder / "new_reviews.csv", folder / "new_movies.csv"
    with old.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["rotten_tomatoes_link", "critic_name", "top_critic", "publisher_name",
                    "review_type", "review_score", "review_date", "review_content"])  # fmt: skip
        for i, r in enumerate(rows):
            score = SCORE_SHAPES[i % len(SCORE_SHAPES)]
            w.writerow(["m/" + _slug(r["title"]), r["critic"], str(i % 7 == 0),
                        r["publication"], r["fresh"].capitalize(), score, r["review_date"],
                        r["quote"]])  # fmt: skip
    with old_movies.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["rotten_tomatoes_link", "movie_title", "movie_info", "original_release_date"])
        for _rtid, title in films:
            w.writerow(["m/" + _slug(title), title, "", ""])
    with new.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "reviewId", "creationDate", "criticName", "isTopCritic",
                    "originalScore", "reviewState", "publicatioName", "reviewText",
                    "scoreSentiment", "reviewUrl"])  # fmt: skip
        for i, r in enumerate(rows):
            sentiment = "POSITIVE" if r["fresh"] == "fresh" else "NEGATIVE"
            w.writerow([_slug(r["title"]), 100_000 + i, r["review_date"], r["critic"],
                        "TRUE" if i % 7 == 0 else "FALSE", SCORE_SHAPES[i % len(SCORE_SHAPES)],
                        r["fresh"], r["publication"], r["quote"], sentiment, ""])  # fmt: skip
    with new_movies.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "title", "audienceScore", "tomatoMeter", "rating",
                    "releaseDateTheaters"])  # fmt: skip
        for _rtid, title in films:
            w.writerow([_slug(title), title, "", "", "", ""])
    return {"old": [old, old_movies], "new": [new, new_movies]}


def measure(rows: list[dict[str, str]], paths: list[Path]) -> dict[str, float]:
    """Figures for one review table, read beside the movies table when ``paths`` holds one.
    Without it a row is filed under the title its id spells ("toy_story": "Toy Story"), so
    "filed" then counts rows under any film and "titled" those whose title is cs109's."""
    films, rest, _catalogs = catalogs_among(paths)
    (table,) = rest
    reading = read_path(table, options=ReadOptions(films=films, max_rows=100_000))
    reviews = [parse_review(doc) for doc in reading.documents]
    by_row = {int(r.document.source.rsplit("=", 1)[1]) - 1: r for r in reviews}
    filed = titled = verdicts = named = named_total = scored = 0
    for i, row in enumerate(rows):
        review = by_row.get(i)
        if review is None:
            continue
        filed += bool(review.facts.title)
        titled += (review.facts.title or "").casefold() == row["title"].casefold()  # TRON: Tron
        verdicts += review.verdict == row["fresh"]
        for said, kept in ((row["critic"], review.meta.critic), (row["publication"],
                                                                 review.meta.outlet)):  # fmt: skip
            if said.strip():
                named_total += 1
                named += kept == said.strip()
        scored += review.score is not None and review.score.explicit
    n = len(rows)
    return {
        "rows": n,
        "read": len(reviews),
        "problems": len(reading.problems),
        "filed %": 100 * filed / n,
        "titled as cs109 %": 100 * titled / n,
        "verdict = export's column %": 100 * verdicts / n,
        "critic and outlet kept %": 100 * named / max(named_total, 1),
        "printed scores read %": 100 * scored / n,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train", "test", "all"))
    parser.add_argument("--rows", type=int, default=3000)
    args = parser.parse_args()
    rows = cs109_rows(args.split, args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        for generation, paths in write_exports(rows, Path(tmp)).items():
            for beside, given in (("with its movies table", paths), ("alone", paths[:1])):
                figures = measure(rows, given)
                shown = ", ".join(
                    f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}"
                    for k, v in figures.items()
                )
                print(f"{generation} export {beside} ({args.split}): {shown}")


if __name__ == "__main__":
    main()
