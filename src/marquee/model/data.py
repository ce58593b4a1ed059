"""Loaders for the labelled review corpora in ``shared/data`` and their fixed splits.

Every figure marquee reports is held out, so the splits live here, next to the loaders,
and nowhere else: polarity_v2 by its ``cvN`` tag, the RT snippets by a seeded shuffle,
scale_v1 per author by a seeded shuffle, and the cs109 quotes by whole film (``rtid``).
"""

from __future__ import annotations

import csv
import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from marquee.datasets import shared_data_dir
from marquee.errors import ScoringError

log = logging.getLogger(__name__)

N_FOLDS = 10
SPLIT_SEED = 20250606
"""Seed of the shuffles behind the snippet and scale folds (fixed so figures reproduce)."""

SCALE_AUTHORS = ("Dennis+Schwartz", "James+Berardinelli", "Scott+Renshaw", "Steve+Rhodes")
HOLDOUT_FOLD = 9
"""The fold the committed artifact never sees: polarity cv900–cv999, cs109 films with
``rtid % 10 == 0``… (see :func:`is_holdout`); tests check accuracy on it."""


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled text: ``label`` 1 = fresh/positive; ``rating`` on 0–1 when known."""

    text: str
    label: int
    fold: int
    source: str
    key: str
    rating: float | None = None
    group: str = ""


def data_dir() -> Path:
    """Where the corpora live (see :mod:`marquee.datasets`)."""
    return shared_data_dir()


def _require(path: Path) -> Path:
    if not path.exists():
        raise ScoringError(f"training data not found at {path} (set MARQUEE_DATA)")
    return path


def _seeded_folds(n: int, seed: int = SPLIT_SEED) -> np.ndarray:
    """Fold of each of ``n`` items: a seeded permutation dealt round-robin (sizes differ by ≤ 1)."""
    order = np.random.default_rng(seed).permutation(n)
    folds = np.empty(n, dtype=np.int64)
    folds[order] = np.arange(n) % N_FOLDS
    return folds


@cache
def load_polarity() -> tuple[Example, ...]:
    """Pang & Lee 2004: 2,000 full reviews; fold k holds files cv(k)00..cv(k)99."""
    root = _require(data_dir() / "polarity_v2" / "txt_sentoken")
    out = []
    for label, sub in ((1, "pos"), (0, "neg")):
        for path in sorted((root / sub).glob("cv*.txt")):
            tag, html_id = path.stem[2:].split("_")
            out.append(
                Example(
                    text=path.read_text(encoding="latin-1"),
                    label=label,
                    fold=int(tag) // 100,
                    source="polarity_v2",
                    key=html_id,
                )
            )
    return tuple(out)


@cache
def load_snippets() -> tuple[Example, ...]:
    """Pang & Lee 2005 RT snippets (latin-1), folds from a seeded shuffle of all 10,662."""
    root = _require(data_dir() / "rt_sentence_polarity_v1")
    rows: list[tuple[str, int]] = []
    for label, name in ((1, "rt-polarity.pos"), (0, "rt-polarity.neg")):
        # split on "\n" only: latin-1 text holds \x85 and friends, which splitlines() cuts at
        lines = (root / name).read_text(encoding="latin-1").split("\n")
        rows.extend((line.strip(), label) for line in lines if line.strip())
    folds = _seeded_folds(len(rows))
    return tuple(
        Example(text=t, label=y, fold=int(f), source="rt_snippets", key=f"mr{i}")
        for i, ((t, y), f) in enumerate(zip(rows, folds, strict=True))
    )


_RATING_LINE = re.compile(
    r"""\*                         # asterisk ratings and star legends
      | \brating\b | \bgrade[sd]?\b\s*[:=]
      | renshaw\ scale | \bstanfords?\b
      | \b\d+(?:\.\d+)?\s*(?:/|out\ of)\s*(?:4|5|10|100|four|five|ten)\b
      | \b(?:zero|one|two|three|four|five|half)[\s-]+stars?\b
      | \b[0-4](?:\.5)?\s+stars?\b
      | \b(?:no|zero|half|1/2|one[\s-]half|single)\s+(?:of\s+)?(?:a\s+)?stars?\b
      | \b(?:give|gives|gave|giving|award\w*)\b[^.]{0,40}\bstars?\b   # "I give it 1/2 of a star"
      | \b(?:[a-f][+-]?)\s*$          # a bare trailing letter grade
    """,
    re.IGNORECASE | re.VERBOSE,
)


def strip_rating_lines(text: str) -> str:
    """Drop every paragraph that could carry the critic's own rating.

    scale_v1's whole reviews often keep "RATING: ***", "On the Renshaw scale of…", star
    legends or a son's "gave it ** 1/2"; any of them leaks the label, so a paragraph that
    merely looks rating-like is sacrificed too (recall over precision).
    """
    kept = [p for p in text.splitlines() if p.strip() and not _RATING_LINE.search(p)]
    return "\n\n".join(kept)


@cache
def load_scale() -> tuple[Example, ...]:
    """Pang & Lee 2005 scale data: whole reviews with rating lines stripped, per-author folds.

    ``label`` is the 3-class label (0 ≤ .4 < 1 < .7 ≤ 2); ``group`` is the author;
    ``key`` the html id shared with polarity_v2 file names.
    """
    root = _require(data_dir() / "scale_v1")
    out = []
    for author in SCALE_AUTHORS:
        meta = root / "scaledata" / author
        ids = (meta / f"id.{author}").read_text().split()
        ratings = [float(x) for x in (meta / f"rating.{author}").read_text().split()]
        labels = [int(x) for x in (meta / f"label.3class.{author}").read_text().split()]
        folds = _seeded_folds(len(ids), SPLIT_SEED + SCALE_AUTHORS.index(author))
        whole = root / "scale_whole_review" / author / "txt.parag"
        for html_id, rating, label, fold in zip(ids, ratings, labels, folds, strict=True):
            raw = (whole / f"{html_id}.txt").read_text(encoding="latin-1")
            out.append(
                Example(
                    text=strip_rating_lines(raw),
                    label=label,
                    fold=int(fold),
                    source="scale_v1",
                    key=html_id,
                    rating=rating,
                    group=author,
                )
            )
    return tuple(out)


@cache
def load_quotes() -> tuple[Example, ...]:
    """cs109 RT pull-quotes with a fresh/rotten verdict; fold = ``rtid % 10`` (whole films)."""
    path = _require(data_dir() / "rt_critics_cs109" / "critics.csv")
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            quote, fresh = row["quote"].strip(), row["fresh"]
            if not quote or fresh not in ("fresh", "rotten") or not row["rtid"].isdigit():
                continue
            rtid = int(row["rtid"])
            out.append(
                Example(
                    text=quote,
                    label=int(fresh == "fresh"),
                    fold=(rtid % N_FOLDS - 1) % N_FOLDS,
                    source="rt_quotes",
                    key=f"q{i}",
                    group=str(rtid),
                )
            )
    return tuple(out)


def is_holdout(ex: Example) -> bool:
    """The artifact's held-out slice: fold 9 of every corpus (cs109: ``rtid % 10 == 0``)."""
    return ex.fold == HOLDOUT_FOLD


def checksums() -> dict[str, str]:
    """SHA-256 of every corpus the model reads (one digest per file or folder tree)."""
    root = data_dir()
    parts = (
        "polarity_v2/txt_sentoken",
        "rt_sentence_polarity_v1",
        "scale_v1/scaledata",
        "scale_v1/scale_whole_review",
        "rt_critics_cs109/critics.csv",
    )
    out = {}
    for part in parts:
        base = root / part
        digest = hashlib.sha256()
        for path in sorted(base.rglob("*")) if base.is_dir() else [base]:
            if path.is_file() and path.name != "SOURCE.md":
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
        out[part] = digest.hexdigest()
    return out


_NORM = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> list[str]:
    """Lower-cased alphanumeric tokens: the form in which near-duplicates are compared.

    The corpora disagree on tokenisation ("it's" vs "it 's"), so comparison drops every
    non-alphanumeric character first.
    """
    return _NORM.sub(" ", text.lower().replace("'", "")).split()


@cache
def _shingles(text: str, n: int) -> frozenset[int]:
    """Hashed word ``n``-grams of the normalised text (memoised: folds reuse the same texts)."""
    tokens = normalise(text)
    if len(tokens) < n:
        return frozenset({hash(tuple(tokens))} if tokens else ())
    return frozenset(hash(tuple(tokens[i : i + n])) for i in range(len(tokens) - n + 1))


def drop_near_duplicates(
    train: Sequence[Example], test: Sequence[Example], n: int = 4, threshold: float = 0.5
) -> list[Example]:
    """``train`` less every text sharing a key with, or mostly contained in, a ``test`` text.

    Containment: the share of a training text's word ``n``-gram shingles found in any
    test text. RT snippets and cs109 quotes come from the same site (one is often a cut
    of the other), and scale_v1 and polarity_v2 share html ids.
    """
    test_keys = {ex.key for ex in test}
    pool: set[int] = set()
    for ex in test:
        pool |= _shingles(ex.text, n)
    kept = []
    for ex in train:
        if ex.key in test_keys:
            continue
        sh = _shingles(ex.text, n)
        if sh and len(sh & pool) / len(sh) >= threshold:
            continue
        kept.append(ex)
    if len(kept) < len(train):
        log.debug("dropped %d near-duplicates of the test set", len(train) - len(kept))
    return kept


def drop_containers(
    train: Sequence[Example], inner: Sequence[Example], n: int = 4, threshold: float = 0.5
) -> list[Example]:
    """``train`` less every text that contains most of some ``inner`` text.

    The reverse of :func:`drop_near_duplicates`: RT snippets were cut from full reviews
    that polarity_v2 and scale_v1 also hold, so a long-review model that reads short
    texts must not have trained on the reviews they were cut from.
    """
    index: dict[int, list[int]] = {}
    for i, ex in enumerate(train):
        for h in _shingles(ex.text, n):
            index.setdefault(h, []).append(i)
    dropped: set[int] = set()
    for ex in inner:
        sh = _shingles(ex.text, n)
        hits: dict[int, int] = {}
        for h in sh:
            for i in index.get(h, ()):
                hits[i] = hits.get(i, 0) + 1
        dropped.update(i for i, c in hits.items() if c / len(sh) >= threshold)
    log.debug("dropped %d texts containing a short text", len(dropped))
    return [ex for i, ex in enumerate(train) if i not in dropped]
