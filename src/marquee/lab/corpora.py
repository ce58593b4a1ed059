"""Loaders for the labelled review corpora in ``shared/data``, and the training sets drawn
from them.

Each example sits in the frozen split of its unit (:func:`marquee.model.data.split_of`):
the cs109 quotes by whole film (``rtid``), polarity_v2 and scale_v1 by the review's html
id (shared between the two, so one review cannot sit in two splits), the RT snippets
(which carry no id) by their normalised text.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from marquee.datasets import shared_data_dir
from marquee.errors import ScoringError
from marquee.model.data import Split, split_of

log = logging.getLogger(__name__)

SCALE_AUTHORS = ("Dennis+Schwartz", "James+Berardinelli", "Scott+Renshaw", "Steve+Rhodes")


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled text: ``label`` 1 = fresh/positive; ``rating`` on 0–1 when known.

    ``unit`` is what the split is drawn by (a film, a review id, a snippet's text);
    ``group`` is the film (cs109) or the author (scale_v1).
    """

    text: str
    label: int
    source: str
    key: str
    unit: str
    rating: float | None = None
    group: str = ""
    split: Split = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "split", split_of(self.unit))


def data_dir() -> Path:
    """Where the corpora live (see :mod:`marquee.datasets`)."""
    return shared_data_dir()


def _require(path: Path) -> Path:
    if not path.exists():
        raise ScoringError(f"training data not found at {path} (set MARQUEE_DATA)")
    return path


@cache
def load_polarity() -> tuple[Example, ...]:
    """Pang & Lee 2004: 2,000 full reviews, split by the html id in each file name."""
    root = _require(data_dir() / "polarity_v2" / "txt_sentoken")
    out = []
    for label, sub in ((1, "pos"), (0, "neg")):
        for path in sorted((root / sub).glob("cv*.txt")):
            html_id = path.stem.split("_")[1]
            out.append(
                Example(
                    text=path.read_text(encoding="latin-1"),
                    label=label,
                    source="polarity_v2",
                    key=html_id,
                    unit=f"review:{html_id}",
                )
            )
    return tuple(out)


@cache
def load_snippets() -> tuple[Example, ...]:
    """Pang & Lee 2005 RT snippets (latin-1), split by their normalised text (no ids)."""
    root = _require(data_dir() / "rt_sentence_polarity_v1")
    rows: list[tuple[str, int]] = []
    for label, name in ((1, "rt-polarity.pos"), (0, "rt-polarity.neg")):
        # split on "\n" only: latin-1 text holds \x85 and friends, which splitlines() cuts at
        lines = (root / name).read_text(encoding="latin-1").split("\n")
        rows.extend((line.strip(), label) for line in lines if line.strip())
    return tuple(
        Example(text=t, label=y, source="rt_snippets", key=f"mr{i}", unit="snippet:" + _norm(t))
        for i, (t, y) in enumerate(rows)
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
    """Pang & Lee 2005 scale data: whole reviews with rating lines stripped, split by html id.

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
        whole = root / "scale_whole_review" / author / "txt.parag"
        for html_id, rating, label in zip(ids, ratings, labels, strict=True):
            raw = (whole / f"{html_id}.txt").read_text(encoding="latin-1")
            out.append(
                Example(
                    text=strip_rating_lines(raw),
                    label=label,
                    source="scale_v1",
                    key=html_id,
                    unit=f"review:{html_id}",
                    rating=rating,
                    group=author,
                )
            )
    return tuple(out)


@cache
def load_quotes() -> tuple[Example, ...]:
    """cs109 RT pull-quotes with a fresh/rotten verdict, split by whole film (``rtid``)."""
    path = _require(data_dir() / "rt_critics_cs109" / "critics.csv")
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            quote, fresh = row["quote"].strip(), row["fresh"]
            if not quote or fresh not in ("fresh", "rotten") or not row["rtid"].isdigit():
                continue
            out.append(
                Example(
                    text=quote,
                    label=int(fresh == "fresh"),
                    source="rt_quotes",
                    key=f"q{i}",
                    unit=f"film:{row['rtid']}",
                    group=row["rtid"],
                )
            )
    return tuple(out)


FRESH_RATING = 0.6
"""A scale_v1 rating (0–1) at or above this counts as fresh, matching ``FRESH_AT``."""


def corpus(source: str) -> tuple[Example, ...]:
    """All examples of one named corpus."""
    loaders = {
        "polarity_v2": load_polarity,
        "rt_snippets": load_snippets,
        "scale_v1": load_scale,
        "rt_quotes": load_quotes,
    }
    return loaders[source]()


def binary_label(ex: Example) -> int:
    """Fresh (1) or rotten (0): scale_v1 by its rating, the other corpora by their label."""
    if ex.rating is not None:
        return int(ex.rating >= FRESH_RATING)
    return ex.label


def in_split(examples: Sequence[Example], *splits: Split) -> list[Example]:
    """The examples of the named splits, in corpus order."""
    return [ex for ex in examples if ex.split in splits]


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


def _norm(text: str) -> str:
    return " ".join(normalise(text))


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


LONG_SOURCES = ("polarity_v2", "scale_v1")
SHORT_SOURCES = ("rt_snippets", "rt_quotes")
HOLDOUT_SALT = "minilm-ho:"
"""Salt of :func:`stacker_holdout`, the encoder's own held-out tenth."""


def stacker_holdout(ex: Example) -> bool:
    """One text in ten the encoder never trains on: by film for quotes, by key otherwise."""
    unit = ex.group if ex.source == "rt_quotes" and ex.group else ex.key
    return zlib.crc32((HOLDOUT_SALT + unit).encode()) % 10 == 0


def training_sets(
    splits: Sequence[Split],
) -> tuple[list[Example], list[Example]]:
    """The long and short training texts of ``splits``, less every text that shares a key
    with, or is a near-duplicate of, a text of the other splits (RT snippets and cs109
    quotes often cut the same sentence)."""
    held = [
        ex for s in (*LONG_SOURCES, *SHORT_SOURCES) for ex in corpus(s) if ex.split not in splits
    ]
    long = [ex for s in LONG_SOURCES for ex in corpus(s) if ex.split in splits]
    short = [ex for s in SHORT_SOURCES for ex in corpus(s) if ex.split in splits]
    return drop_near_duplicates(long, held), drop_near_duplicates(short, held)
