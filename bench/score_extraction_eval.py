"""How well ``read_score`` reads the scores critics printed, measured on real reviews.

Data (see /work/shared/data/README.md):

* ``scale_v1`` (Pang & Lee 2005): full reviews by four critics, one paragraph per line,
  with the true rating normalised to [0, 1]. Most rating lines were stripped from the
  texts, but some remain; what ``read_score`` finds there is compared with the truth.
* ``polarity_v2`` (Pang & Lee 2004): 2,000 reviews whose rating was removed, so a score
  found there is suspect. Each is shown, marked by whether it agrees with the review's
  polarity label (pos came from ≥ 3.5/5, ≥ 3/4 or ≥ B; neg from ≤ 2/5, ≤ 1.5/4 or ≤ C-):
  a leftover rating of the critic's own agrees, a misread one usually does not.

Matching rule: the truth is converted back to the critic's own scale and then to 0–100.
Four-star scales (Rhodes, Berardinelli): ``r = 0.1 + 0.2·stars``, so ``stars = (r − 0.1) /
0.2`` and 0–100 is ``stars / 4``. Renshaw's 0–10 scale: ``100·r``. Schwartz: his thirteen
letter grades sit on nine steps 0.1…0.9 in the rating file (nothing at 0.0 or 1.0), so
several grades share a step; every grade line was stripped from his texts, so the exact
mapping cannot be checked here. The only ratings left in his folder are five reviews by
another critic whose legend runs from * to ***** and which the file maps 1…5 stars →
0.1…0.9, i.e. the same reading-back as four stars. A found score matches when it is within
half a step of the truth (6.25 points for half-star steps, 5 for Renshaw's whole points).
MAE is on 0–100 over found scores. Berardinelli's finer values (0.61, 0.05) come from his
early "RATING (0 to 10)" reviews; the four-star reading-back is only approximate for those.

Run: ``.venv/bin/python bench/score_extraction_eval.py [--data DIR] [--show N]``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from marquee.datasets import shared_data_dir
from marquee.records import Block, Document, Score
from marquee.scores import read_score

DEFAULT_DATA = shared_data_dir()


@dataclass(frozen=True)
class Critic:
    """How one critic's normalised truth maps back to 0–100 on their own scale."""

    name: str
    to_100: Callable[[float], float]
    tolerance: float


def _four_star(rating: float) -> float:
    return max(0.0, min(100.0, (rating - 0.1) / 0.8 * 100))


CRITICS = (
    # Schwartz's nine steps 0.1…0.9 read back like four stars with halves (see above).
    Critic("Dennis+Schwartz", _four_star, 6.25),
    Critic("James+Berardinelli", _four_star, 6.25),
    Critic("Scott+Renshaw", lambda r: 100 * r, 5.0),
    Critic("Steve+Rhodes", _four_star, 6.25),
)


@dataclass(frozen=True)
class Found:
    """One review where a score was read, with the truth on 0–100."""

    source: Path
    score: Score
    truth: float
    critic: Critic

    @property
    def matches(self) -> bool:
        return abs(self.score.value - self.truth) <= self.critic.tolerance


def document(path: Path, encoding: str) -> Document:
    """A review as a plain-text Document: one paragraph block per non-empty line."""
    raw = path.read_text(encoding=encoding)
    lines = (line.strip() for line in raw.splitlines())
    blocks = tuple(Block("paragraph", line) for line in lines if line)
    return Document(source=str(path), shape="text", raw=raw, blocks=blocks, encoding=encoding)


def labelled_reviews(data: Path, critic: Critic) -> Iterator[tuple[Path, float]]:
    folder = data / "scale_v1" / "scaledata" / critic.name
    ids = (folder / f"id.{critic.name}").read_text().split()
    ratings = (folder / f"rating.{critic.name}").read_text().split()
    texts = data / "scale_v1" / "scale_whole_review" / critic.name / "txt.parag"
    for review_id, rating in zip(ids, ratings, strict=True):
        yield texts / f"{review_id}.txt", float(rating)


def evaluate(data: Path, critic: Critic) -> tuple[int, list[Found]]:
    total, found = 0, []
    for path, rating in labelled_reviews(data, critic):
        total += 1
        score = read_score(document(path, "latin-1"))
        if score is not None:
            found.append(Found(path, score, critic.to_100(rating), critic))
    return total, found


def print_table(rows: list[tuple[str, int, list[Found]]]) -> None:
    header = ("critic", "reviews", "found", "coverage", "precision", "MAE")
    print("{:<20} {:>7} {:>6} {:>9} {:>10} {:>6}".format(*header))
    for name, total, found in rows:
        hits = sum(f.matches for f in found)
        errors = [abs(f.score.value - f.truth) for f in found]
        precision = f"{hits / len(found):.1%}" if found else "—"
        mae = f"{sum(errors) / len(errors):.1f}" if errors else "—"
        print(
            f"{name:<20} {total:>7} {len(found):>6} {len(found) / total:>9.1%} "
            f"{precision:>10} {mae:>6}"
        )


def polarity_found(data: Path) -> tuple[int, list[tuple[Path, Score]]]:
    paths = sorted((data / "polarity_v2" / "txt_sentoken").glob("*/*.txt"))
    found = [(p, s) for p in paths if (s := read_score(document(p, "utf-8"))) is not None]
    return len(paths), found


def agrees_with_label(path: Path, score: Score) -> bool:
    """A score on the label's side: pos needs ≥ 60, neg ≤ 50 (room for 4- vs 5-star reads)."""
    return score.value >= 60 if path.parent.name == "pos" else score.value <= 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show", type=int, default=10, help="mistakes to print per group")
    args = parser.parse_args()

    rows = [(c.name, *evaluate(args.data, c)) for c in CRITICS]
    every = [f for _, _, found in rows for f in found]
    rows.append(("all", sum(total for _, total, _ in rows), every))
    print("Explicit scores in scale_v1 (Pang & Lee 2005) full reviews\n")
    print_table(rows)

    misses = [f for f in every if not f.matches]
    print(f"\nMismatches ({len(misses)}), first {args.show}:")
    for f in misses[: args.show]:
        where = f"{f.source.parent.parent.name}/{f.source.name}"
        print(f"  {where}: read {f.score.raw!r} → {f.score.value:g}, truth {f.truth:g}")

    total, found = polarity_found(args.data)
    agree = [agrees_with_label(path, score) for path, score in found]
    print(
        f"\npolarity_v2: scores found in {len(found)} of {total} reviews whose ratings were "
        f"removed; {sum(agree)} agree with the polarity label, {agree.count(False)} do not:"
    )
    for (path, score), ok in zip(found, agree, strict=True):
        mark = "agrees  " if ok else "DISAGREES"
        print(f"  {mark} {path.parent.name}/{path.name}: {score.raw!r} → {score.value:g}")


if __name__ == "__main__":
    main()
