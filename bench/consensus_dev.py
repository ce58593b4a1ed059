"""Develop the consensus writer on the dev split (never the test split).

Scores the writer on the dev split's films with a scoring model trained on the train
split only (``bench/film_estimators.py`` builds it), prints the figures ``marquee eval``
prints for the test split, and a sample of sentences beside RT's.

    python bench/consensus_dev.py [--model /tmp/devmodel/default.npz] [--show 12]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from marquee.consensus_eval import load_films, marquee_consensus, run_consensus_eval
from marquee.model.data import split_of
from marquee.opinions import model_polarity


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, default=Path("/tmp/devmodel/default.npz"))
    parser.add_argument("--show", type=int, default=12)
    args = parser.parse_args()
    polarity = model_polarity(str(args.model))
    figures = run_consensus_eval(polarity=polarity, split="dev")
    print(json.dumps(figures, indent=1))
    films = [f for f in load_films() if split_of(f"film:{f.rtid}") == "dev"]
    for film in random.Random(3).sample(films, min(args.show, len(films))):
        written = marquee_consensus(film, polarity)
        share = film.fresh_share
        print(f"\n{film.title} ({share:.0f}% fresh)" if share is not None else f"\n{film.title}")
        print(f"  RT:      {film.consensus}")
        print(f"  marquee: {written.text if written else '—'}")


if __name__ == "__main__":
    main()
