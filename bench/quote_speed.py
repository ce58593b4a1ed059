"""Quotes per second on one core: marquee's scoring model with and without the encoder,
beside VADER, on the dev split's RT quotes, in one process (run it under `taskset -c 0`).

    taskset -c 0 python bench/quote_speed.py [--bands .1,.15,.2] [--model PATH]

Rates are quotes per CPU-second of this process (``time.process_time``): on a shared machine
the wall clock also counts other people's work on the same core, the CPU clock does not (the
encoder runs on this thread: one intra-op thread). Every timed pass reads the quotes afresh:
the model's memo of readings is emptied first (it would otherwise recall the previous pass).
Word-level caches (word hashes, char n-gram rows) stay warm after the first pass, as they do
in a long-running scorer.

With ``--bands`` it prints the encoder's doubt band as a curve: for each band, the share of
quotes the encoder re-reads, dev accuracy on RT quotes and snippets, and the speed. Dev
accuracy means something only for a model that never trained on dev: pass ``--model`` a
train-split model (``python bench/consensus_dev.py`` builds one in /tmp/devmodel); the
shipped model's views and encoder stacker were fitted on dev.

With ``--split test`` it times the shipped model on quotes it never saw, where the n-gram
views leave more of them in doubt than on dev (which they were fitted on), so the encoder
re-reads more: the speed a user meets. It prints no accuracy there and takes no ``--bands``
(bands are chosen on dev; ``marquee eval`` reports test accuracy).
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from marquee.lab import corpora as data
from marquee.lab.baselines import polarity
from marquee.model import load_model
from marquee.model.predict import routed


def rate(
    score: Callable[[list[str]], object],
    texts: list[str],
    runs: int = 3,
    before: Callable[[], None] = lambda: None,
) -> float:
    """Best of ``runs`` passes, texts per CPU-second (``before`` runs ahead of each, untimed)."""
    best = 0.0
    for _ in range(runs):
        before()
        t0 = time.process_time()
        score(texts)
        best = max(best, len(texts) / (time.process_time() - t0))
    return best


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, help="the artifact (default: the shipped one)")
    parser.add_argument("--bands", help="doubt bands to compare, e.g. .1,.15,.2 (default: shipped)")
    parser.add_argument("--runs", type=int, default=3, help="timed passes per figure (best kept)")
    parser.add_argument(
        "--split", choices=("dev", "test"), default="dev", help="the quotes timed (default: dev)"
    )
    args = parser.parse_args(argv)
    if args.split == "test" and args.bands:
        parser.error("--bands is for dev: bands are never chosen on the test split")
    quotes = data.in_split(data.load_quotes(), args.split)
    snippets = data.in_split(data.load_snippets(), args.split)
    texts = [ex.text for ex in quotes]
    model = load_model(str(args.model) if args.model else None)
    bands = [float(b) for b in args.bands.split(",")] if args.bands else [model.route_band]
    model.p_fresh(texts[:200])  # load and warm every view and the encoder
    polarity("vader", texts[:50])
    vader = rate(lambda t: polarity("vader", t), texts, args.runs)
    ngrams = rate(lambda t: model.p_fresh(t, encoder=False), texts, args.runs, model.forget)
    p_ngram = model.p_fresh(texts, encoder=False)
    print(
        f"{len(texts)} {args.split} RT quotes on {len(os.sched_getaffinity(0))} core(s), quotes per"
        f" CPU-second, best of {args.runs}; model {args.model or 'shipped'}"
    )
    if args.model is None and args.split == "dev":
        print("  (the shipped model was fitted on dev: its dev accuracy below is in-sample)")
    print(f"  {'VADER':34} {vader:7.0f} quotes/s")
    print(
        f"  {'marquee, n-gram views only':34} {ngrams:7.0f} quotes/s  ({ngrams / vader:.2f}x VADER)"
    )
    for band in bands:
        model.route_band = band
        share = float(np.mean(routed(p_ngram, band)))
        speed = rate(model.p_fresh, texts, args.runs, model.forget)
        line = f"  band {band:<4} encoder re-reads {share:4.0%}     {speed:7.0f} quotes/s"
        if args.split == "test":
            print(f"{line}  ({speed / vader:.2f}x VADER)")
            continue
        accuracy = [
            100 * float(np.mean((model.p_fresh([ex.text for ex in exs]) >= 0.5) == labels))
            for exs in (quotes, snippets)
            for labels in [np.array([data.binary_label(ex) for ex in exs])]
        ]
        print(
            f"{line}  ({speed / vader:.2f}x VADER)  dev quotes {accuracy[0]:.2f}  snippets"
            f" {accuracy[1]:.2f}"
        )


if __name__ == "__main__":
    main()
