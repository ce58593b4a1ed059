"""Develop the consensus writer on the dev split (never the test split).

Scores the writer on the dev split's films with a scoring model trained on the train
split only (built once and cached at ``--model``, the shipped encoder copied beside it),
prints the figures ``marquee eval`` prints for the test split — ROUGE-1/2/L, films
with an unsupported claim, contradictions, possessive errors, median words — and a
sample of sentences beside RT's.

    python bench/consensus_dev.py [--model /tmp/devmodel/default.npz] [--show 12] [--no-credits]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

from marquee.lab.consensus_catalogue import catalogue_credits
from marquee.lab.consensus_eval import (
    load_films,
    marquee_consensus,
    run_consensus_eval,
)
from marquee.lab.train import DEFAULT_RECIPE, build_model, recipe_dict
from marquee.model.data import split_of
from marquee.model.encoder import MODEL_FILE, TOKENIZER_FILE
from marquee.model.predict import ARTIFACT_DIR, save_model
from marquee.opinions import model_polarity


def build_dev_model(path: Path) -> None:
    """The scoring model trained on the train split only, with the shipped encoder beside
    it (fine-tuned on the train split only, and not rebuilt by ``build_model``)."""
    if path.exists():
        return
    model, facts = build_model(splits=("train",))
    save_model(model, path, recipe_dict(DEFAULT_RECIPE, facts))
    for name in (MODEL_FILE, TOKENIZER_FILE):
        shutil.copy(ARTIFACT_DIR / name, path.parent / name)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, default=Path("/tmp/devmodel/default.npz"))
    parser.add_argument("--show", type=int, default=12)
    parser.add_argument(
        "--no-credits", action="store_true", help="withhold the catalogue's director and leads"
    )
    args = parser.parse_args()
    build_dev_model(args.model)
    polarity = model_polarity(str(args.model))
    figures = run_consensus_eval(polarity=polarity, split="dev", credits=not args.no_credits)
    print(json.dumps(figures, indent=1))
    films = [f for f in load_films() if split_of(f"film:{f.rtid}") == "dev"]
    catalogue = {} if args.no_credits else catalogue_credits()
    for film in random.Random(3).sample(films, min(args.show, len(films))):
        written = marquee_consensus(film, polarity, credits=catalogue.get(film.rtid))
        share = film.fresh_share
        print(f"\n{film.title} ({share:.0f}% fresh)" if share is not None else f"\n{film.title}")
        print(f"  RT:      {film.consensus}")
        print(f"  marquee: {written.text if written else '—'}")


if __name__ == "__main__":
    main()
