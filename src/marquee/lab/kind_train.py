"""Train the learned page-kind check (:mod:`marquee.documents.kind_learned`).

Data, each page read as ``marquee add`` reads it (:func:`~marquee.documents.read_path`,
then the text :func:`~marquee.documents.kind.page_kind` reads):

* not film reviews: every page of ``tests/fixtures/kinds/*`` but ``kinds/film``;
* film reviews: ``kinds/film``, the round-up pages (``tests/fixtures/roundups``), and the
  polarity_v2 and scale_v1 full reviews of the *train* split (never dev or test: the dev
  split measures the check, the test split the lead).

Each fixture page belongs to the collection round it came in (a block of
``tests/fixtures/SOURCES.md``: a round's pages come from sites no earlier round met).
Rounds are the unit of cross-validation: a model is always judged on rounds it never saw,
which is what it meets in use (:func:`round_folds`). The threshold is chosen the same way:
the out-of-fold probabilities of the training film reviews, each from a model that never
saw its round, must leave ``KEEP`` of them kept, fixture pages and corpus reviews each.

Run ``python -m marquee.lab.kind_train`` to rewrite the artifact.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from marquee.documents import read_path
from marquee.documents.kind import page_text
from marquee.documents.kind_learned import ARTIFACT, LearnedCheck, page_rows, save_check
from marquee.lab.corpora import Split, checksums, in_split, load_polarity, load_scale
from marquee.model.nbsvm import NBParams, fit_nblr

log = logging.getLogger(__name__)

FIXTURES = Path(__file__).resolve().parents[3] / "tests" / "fixtures"
FIRST_ROUNDS = "rounds 1-5"
"""SOURCES.md's first block, before its first round heading: the first five rounds, whose
pages it does not tell apart."""
CORPORA = "corpus"
"""The round of every polarity_v2 and scale_v1 review (they come from other sites)."""

KEEP = 1.0
"""The share of film reviews the threshold keeps, out of fold: all of them. In the
leave-one-round-out CV (``bench/page_kind_cv.py``), keeping 99.5% of them out of fold (one
fixture film page of the ~270 in training may be refused) cost three film pages of 283 on
the held-out rounds for two more pages of other kinds refused; keeping all cost none for
the same two."""
INNER_FOLDS = 5
"""Folds of rounds that give the training pages their out-of-fold probabilities."""


@dataclass(frozen=True, slots=True)
class Params:
    """The model's hyper-parameters (chosen by ``bench/page_kind_cv.py``'s CV only)."""

    nb: NBParams = NBParams(C=0.1, alpha=1.0, min_df=5, max_weights=30_000)
    other_weight: float = 1.0
    """The pages that are not film reviews weigh, all together, this times the film pages
    of the fixtures, all together."""
    corpus_weight: float = 0.3
    """The corpus reviews weigh, all together, this times the film pages of the fixtures."""


@dataclass(frozen=True, slots=True)
class Page:
    """One text the check reads: whether it is a film review, its round and its name."""

    text: str
    is_film: bool
    round: str
    name: str

    @property
    def fixture(self) -> bool:
        return self.round != CORPORA


def fixture_rounds() -> dict[Path, str]:
    """Every fixture page of ``kinds/`` and ``roundups/`` and its collection round: the
    SOURCES.md heading above its row ("| file | split | source |")."""
    rounds: dict[Path, str] = {}
    current = FIRST_ROUNDS
    for line in (FIXTURES / "SOURCES.md").read_text().splitlines():
        if line.startswith("## "):
            current = line[3:].split(":")[0].strip()
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > 3 and cells[1].startswith(("kinds/", "roundups/")):
            rounds[FIXTURES / cells[1]] = current
    return rounds


def fixture_pages() -> list[Page]:
    """Every fixture page's documents as the check reads them (those whose structure names
    a film, never read, are left out)."""
    pages = []
    for path, where in sorted(fixture_rounds().items()):
        is_film = path.parent.name in ("film", "roundups")
        for doc in read_path(path).documents:
            text = page_text(doc)
            if text is not None:
                pages.append(Page(text, is_film, where, str(path.relative_to(FIXTURES))))
    return pages


def corpus_reviews(split: Split) -> list[Page]:
    """The polarity_v2 and scale_v1 full reviews of ``split``, as the check reads them."""
    return [
        Page(ex.text, True, CORPORA, f"{ex.source}:{ex.key}")
        for loader in (load_polarity, load_scale)
        for ex in in_split(loader(), split)
    ]


def features(pages: Sequence[Page]) -> sparse.csr_matrix:
    """The check's binary features of each page, one row each."""
    return page_rows([p.text for p in pages]).csr()


def sample_weights(pages: Sequence[Page], params: Params) -> np.ndarray:
    """Each page's weight: the fixtures' film pages, the corpus reviews and (times
    ``other_weight``) the pages of other kinds weigh the same each all together, so that
    four thousand corpus reviews do not drown three hundred pages of other kinds."""
    group = np.array([0 if not p.is_film else 1 if p.fixture else 2 for p in pages])
    sizes = np.bincount(group, minlength=3).astype(float)
    share = np.array([params.other_weight, 1.0, params.corpus_weight])
    weights = share[group] / np.maximum(sizes[group], 1.0)
    return weights * len(pages) / weights.sum()


def fit(X: sparse.csr_matrix, pages: Sequence[Page], params: Params) -> LearnedCheck:
    """The model fitted on ``pages`` (rows of ``X``), threshold not yet chosen (0.5)."""
    y = np.array([not p.is_film for p in pages], dtype=np.int64)
    scorer = fit_nblr(X, y, params.nb, sample_weight=sample_weights(pages, params))
    return LearnedCheck(scorer, 0.5)


def round_folds(pages: Sequence[Page], k: int) -> np.ndarray:
    """A fold for each page, ``k`` folds of whole rounds: the rounds, largest first, each
    go to the fold with fewest pages so far; a corpus review (no round) goes by a hash of
    its name."""
    rounds: dict[str, int] = {}
    for page in pages:
        if page.fixture:
            rounds[page.round] = rounds.get(page.round, 0) + 1
    fold_of, load = {}, [0] * k
    for name, size in sorted(rounds.items(), key=lambda r: (-r[1], r[0])):
        fold_of[name] = load.index(min(load))
        load[fold_of[name]] += size
    return np.array(
        [fold_of[p.round] if p.fixture else _bucket(p.name, k) for p in pages], dtype=np.int64
    )


def _bucket(name: str, k: int) -> int:
    return int(hashlib.sha256(f"kind-fold:{name}".encode()).hexdigest()[:8], 16) % k


def out_of_fold(
    X: sparse.csr_matrix, pages: Sequence[Page], folds: np.ndarray, params: Params
) -> np.ndarray:
    """P(not a film review) of each page from a model fitted on the other folds."""
    p = np.zeros(len(pages))
    for fold in np.unique(folds):
        held = folds == fold
        rest = np.flatnonzero(~held)
        model = fit(X[rest], [pages[int(i)] for i in rest], params)
        p[held] = model.probabilities(X[np.flatnonzero(held)])
    return p


def threshold(p_other: np.ndarray, pages: Sequence[Page], keep: float = KEEP) -> float:
    """The least probability that still keeps ``keep`` of the fixtures' film pages and of
    the corpus reviews, each (a page is refused at or above it)."""
    cuts = [0.5]
    for fixture in (True, False):
        films = np.sort(
            [
                pr
                for pr, pg in zip(p_other, pages, strict=True)
                if pg.is_film and pg.fixture == fixture
            ]
        )
        if len(films):
            allowed = int(np.floor(len(films) * (1 - keep)))  # film reviews it may refuse
            cuts.append(float(np.nextafter(films[len(films) - 1 - allowed], 1.0)))
    return max(cuts)


def train(
    X: sparse.csr_matrix, pages: Sequence[Page], params: Params, *, keep: float = KEEP
) -> tuple[LearnedCheck, np.ndarray]:
    """The model fitted on every page, with its threshold chosen out of fold, and the
    out-of-fold P(not a film review) of each page that chose it."""
    p = out_of_fold(X, pages, round_folds(pages, INNER_FOLDS), params)
    model = fit(X, pages, params)
    return LearnedCheck(model.scorer, threshold(p, pages, keep), model.spec), p


def metrics(p_other: np.ndarray, pages: Sequence[Page], cut: float) -> dict[str, str]:
    """What the threshold does out of fold on the training pages: each group's share
    refused (other kinds) or kept (film reviews), as "n of N"."""
    refused = p_other >= cut
    groups = {
        "not film, refused": [not p.is_film for p in pages],
        "film (fixtures), kept": [p.is_film and p.fixture for p in pages],
        "film (corpus), kept": [not p.fixture for p in pages],
    }
    out = {}
    for name, member in groups.items():
        which = np.array(member)
        n = int((refused[which] if name.startswith("not") else ~refused[which]).sum())
        out[name] = f"{n} of {int(which.sum())}"
    return out


def recipe(pages: Sequence[Page], params: Params) -> dict:
    """What the artifact was trained on and how, for ``kind_learned.json``: "sha256" is
    over every page as the check read it (name, label, text), so a changed fixture or
    reader shows; the corpora's own files have theirs."""
    digest = hashlib.sha256()
    for page in pages:
        digest.update(f"{page.name}\t{int(page.is_film)}\t{page.text}\n".encode())
    fixtures = [p for p in pages if p.fixture]
    return {
        "recipe": {
            "model": "NB-weighted logistic regression (marquee.model.nbsvm), word 1-2-grams",
            "params": {
                **asdict(params.nb),
                "other_weight": params.other_weight,
                "corpus_weight": params.corpus_weight,
            },
            "keep": KEEP,
            "inner_folds": INNER_FOLDS,
        },
        "data": {
            "not film": "tests/fixtures/kinds/* but kinds/film",
            "film": "tests/fixtures/kinds/film, tests/fixtures/roundups, "
            "polarity_v2 and scale_v1 (train split)",
            "pages": {
                "not film": sum(not p.is_film for p in pages),
                "film (fixtures)": sum(p.is_film for p in fixtures),
                "film (corpus, train split)": len(pages) - len(fixtures),
            },
            "rounds": sorted({p.round for p in fixtures}),
            "sha256": digest.hexdigest(),
            "sha256 of the corpora read": {
                name: digest
                for name, digest in checksums().items()
                if name.startswith(("polarity_v2", "scale_v1"))
            },
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ARTIFACT)
    args = parser.parse_args(argv)
    pages = [*fixture_pages(), *corpus_reviews("train")]
    params = Params()
    check, p_other = train(features(pages), pages, params)
    facts = {
        **recipe(pages, params),
        "metrics": {
            f"out of fold ({INNER_FOLDS} folds of whole rounds), learned check alone": metrics(
                p_other, pages, check.threshold
            ),
            "leave one round out": "bench/page_kind_cv.py",
        },
    }
    save_check(check, args.out, facts)
    print(f"wrote {args.out} (threshold {check.threshold:.4f})")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
