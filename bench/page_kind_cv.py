"""How the page-kind check does on sites it never met: leave-one-round-out cross-validation.

Each collection round of ``tests/fixtures/SOURCES.md`` (its pages come from sites no
other round met) is held out in turn; the learned check (:mod:`marquee.lab.kind_train`)
is fitted on every other round and on the train split's polarity_v2 and scale_v1 reviews,
its threshold chosen out of fold within those (``KEEP`` of their film reviews kept), and
then read on the held-out round's pages and on the *dev* split's reviews. Three checks:
the cue rules alone (:func:`marquee.documents.kind.rule_kind`), the learned check alone,
and both (refused when either refuses), as ``text_kind`` runs them. A one-line text is
never read by the learned check, nor a short page (``kind.full_page``).

Run: ``PYTHONPATH=src .venv/bin/python bench/page_kind_cv.py [--show]``.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, replace

import numpy as np

from marquee.documents.kind import full_page, rule_kind
from marquee.lab.kind_train import (
    KEEP,
    Page,
    Params,
    corpus_reviews,
    features,
    fixture_pages,
    train,
)


@dataclass(frozen=True, slots=True)
class Verdicts:
    """Which pages each check refuses."""

    rules: np.ndarray
    learned: np.ndarray

    @property
    def both(self) -> np.ndarray:
        return self.rules | self.learned


def row(name: str, v: Verdicts, film: np.ndarray) -> str:
    """One line of the table: non-film refused, then film kept, by each check."""
    other = ~film
    cells = []
    for refused in (v.rules, v.learned, v.both):
        cells.append(f"{int((refused & other).sum()):>3}/{int(other.sum()):<3}")
    for refused in (v.rules, v.learned, v.both):
        cells.append(f"{int((~refused & film).sum()):>4}/{int(film.sum()):<4}")
    return f"{name[:34]:<34} " + "  ".join(cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--C", type=float, default=Params().nb.C)
    parser.add_argument("--other-weight", type=float, default=Params().other_weight)
    parser.add_argument("--corpus-weight", type=float, default=Params().corpus_weight)
    parser.add_argument("--min-df", type=int, default=Params().nb.min_df)
    parser.add_argument("--max-weights", type=int, default=Params().nb.max_weights)
    parser.add_argument("--keep", type=float, default=KEEP, help="threshold's out-of-fold keep")
    parser.add_argument("--show", action="store_true", help="print each held-out page missed")
    args = parser.parse_args()
    params = Params(
        nb=replace(Params().nb, C=args.C, min_df=args.min_df, max_weights=args.max_weights),
        other_weight=args.other_weight,
        corpus_weight=args.corpus_weight,
    )
    pages = [*fixture_pages(), *corpus_reviews("train")]
    dev = corpus_reviews("dev")
    X = features([*pages, *dev])
    X_dev = X[len(pages) :]
    X = X[: len(pages)]
    applies = np.array([full_page(p.text) for p in [*pages, *dev]])
    rules = np.array([not rule_kind(p.text).is_film for p in [*pages, *dev]])
    film = np.array([p.is_film for p in pages])
    rounds = sorted({p.round for p in pages if p.fixture})
    learned = np.zeros(len(pages), dtype=bool)
    dev_rows = []
    print(f"{params}, keep {args.keep}\n")
    header = "non-film refused: rules learned both | film kept: rules learned both"
    print(f"{'held-out round':<34} {header}")
    for held in rounds:
        out = np.array([p.round == held for p in pages])
        train_idx = np.flatnonzero(~out)
        check, _ = train(X[train_idx], [pages[i] for i in train_idx], params, keep=args.keep)
        at = np.flatnonzero(out)
        p_out = check.probabilities(X[at])
        learned[at] = (p_out >= check.threshold) & applies[at]
        p_dev = check.probabilities(X_dev)
        dev_learned = (p_dev >= check.threshold) & applies[len(pages) :]
        dev_rows.append(dev_learned)
        v = Verdicts(rules[at], learned[at])
        print(row(held, v, film[at]) + f"  | threshold {check.threshold:.3f}")
        if args.show:
            _show([pages[i] for i in at], v, p_out)
    fixture = np.array([p.fixture for p in pages])
    pooled = Verdicts(rules[: len(pages)][fixture], learned[fixture])
    print(row("POOLED (every round held out once)", pooled, film[fixture]))
    dev_rules = rules[len(pages) :]
    for i, name in enumerate(sorted({p.name.split(":")[0] for p in dev})):
        which = np.array([p.name.startswith(name) for p in dev])
        n = int(which.sum())
        kept_learned = [n - int((d & which).sum()) for d in dev_rows]
        kept_both = [n - int(((d | dev_rules) & which).sum()) for d in dev_rows]
        print(
            f"{name} dev split, kept (worst fold of {len(dev_rows)}): "
            f"rules {n - int((dev_rules & which).sum())}/{n}, "
            f"learned {min(kept_learned)}/{n}, both {min(kept_both)}/{n}" + ("" if i else "")
        )


def _show(pages: list[Page], v: Verdicts, p: np.ndarray) -> None:
    for page, r, lr, pr in zip(pages, v.rules, v.learned, p, strict=True):
        if (r or lr) == page.is_film:
            what = "REFUSED" if page.is_film else "KEPT"
            print(f"    {what} {page.name}: rules {'refuse' if r else 'keep'}, p={pr:.3f}")


if __name__ == "__main__":
    main()
