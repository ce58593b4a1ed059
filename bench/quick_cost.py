"""What ``--quick`` costs in accuracy, through the reading and scoring that ``marquee add``
runs: on the dev split with a model trained without it, or with ``--split test`` on the test
split with the shipped model (which never saw it), VADER beside it in the same run. Nothing is
chosen from these figures; ``--quick`` has no setting to tune.

The model is trained on the train split alone (``bench/consensus_dev.py`` builds it at
``--model``; the shipped one was fitted on dev too), and it stands in for the shipped
artifact everywhere, the film prior that :func:`marquee.aggregate.aggregate` reads included.
Dev RT quotes are read as one CSV export and RT snippets as one file each, as ``marquee
eval`` reads the test split, then scored with and without ``quick``; each film with at least
``MIN_FILM_QUOTES`` quotes gets its fresh % from the words alone and with half its critics'
verdicts, as in ``marquee eval``.

    python bench/quick_cost.py [--model /tmp/devmodel/default.npz] [--split test]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from consensus_dev import build_dev_model

import marquee.model.predict as predict
from marquee.aggregate import aggregate
from marquee.lab import corpora
from marquee.lab.baselines import polarity, verdicts
from marquee.lab.evaluate import (
    MIN_FILM_QUOTES,
    _film_errors,
    _films,
    _fresh,
    _half,
    read_as_export,
    read_as_files,
)
from marquee.scoring import infer_scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=Path("/tmp/devmodel/default.npz"))
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    args = parser.parse_args()
    if args.split == "dev":
        build_dev_model(args.model)
        predict.DEFAULT_ARTIFACT = args.model  # load_model() is this model, for every caller
    quotes = corpora.in_split(corpora.corpus("rt_quotes"), args.split)
    snippets = corpora.in_split(corpora.corpus("rt_snippets"), args.split)
    y = np.array([ex.label for ex in quotes])
    films = _films(quotes)
    truth = {f: 100 * float(y[idx].mean()) for f, idx in films.items()}
    big = {f: idx for f, idx in films.items() if len(idx) >= MIN_FILM_QUOTES}
    model = args.model if args.split == "dev" else "shipped"
    print(f"{args.split} split: {len(quotes)} RT quotes ({len(big)} films of >= "
          f"{MIN_FILM_QUOTES}), {len(snippets)} RT snippets; model {model}")  # fmt: skip
    snippet_y = np.array([ex.label for ex in snippets])
    vader = [
        100 * np.mean(verdicts("vader", polarity("vader", [ex.text for ex in exs])) == labels)
        for exs, labels in ((quotes, y), (snippets, snippet_y))
    ]
    print(f"  VADER  quotes {vader[0]:.2f}%  snippets {vader[1]:.2f}%")
    for quick in (False, True):
        alone = infer_scores(read_as_export(quotes, lambda ex: False), quick=quick)
        stated = infer_scores(read_as_export(quotes, _half), quick=quick)
        read = infer_scores(read_as_files(snippets), quick=quick)
        words = {f: aggregate([alone[i] for i in idx]).fresh_percent for f, idx in big.items()}
        half = {f: aggregate([stated[i] for i in idx]).fresh_percent for f, idx in big.items()}
        text, given = _film_errors(truth, words), _film_errors(truth, half)
        print(
            f"  {'quick' if quick else 'full':5}  quotes {100 * np.mean(_fresh(alone) == y):.2f}%"
            f"  snippets {100 * np.mean(_fresh(read) == snippet_y):.2f}%"
            f"  film fresh % error: words alone {text['mae']} points (signed, films >= 80%:"
            f" {text['signed_80_up']}, < 40%: {text['signed_under_40']}),"
            f" half the verdicts stated {given['mae']}"
        )


if __name__ == "__main__":
    main()
