"""Quotes per second on one core: marquee's scoring model with and without the encoder,
beside VADER, on the dev split's RT quotes, in one process (run it under `taskset -c 0`).

    taskset -c 0 python bench/quote_speed.py [--band .2]

Rates are quotes per CPU-second of this process (``time.process_time``): on a shared machine
the wall clock also counts other people's work on the same core, the CPU clock does not (the
encoder runs on this thread: one intra-op thread). Every timed pass reads the quotes afresh: the model's memo of readings is emptied first
(it would otherwise recall the previous pass). Word-level caches (word hashes, char n-gram
rows) stay warm after the first pass, as they do in a long-running scorer.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable, Sequence

from marquee.lab import corpora as data
from marquee.lab.baselines import polarity
from marquee.model import load_model
from marquee.model import predict as model_predict


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
    parser.add_argument("--band", type=float, help="the encoder's doubt band (default: shipped)")
    args = parser.parse_args(argv)
    texts = [ex.text for ex in data.in_split(data.load_quotes(), "dev")]
    model = load_model()
    model.route_band = args.band if args.band is not None else model.route_band
    model.p_fresh(texts[:200])  # load and warm every view and the encoder
    polarity("vader", texts[:50])
    p = model.p_fresh(texts, encoder=False)
    doubt = [t for t, q in zip(texts, p, strict=True) if model_predict.routed(q, model.route_band)]
    cores = len(os.sched_getaffinity(0))
    with_encoder = rate(model.p_fresh, texts, before=model.forget)
    ngrams = rate(lambda t: model.p_fresh(t, encoder=False), texts, before=model.forget)
    assert model.encoder is not None
    encoder = rate(model.encoder.logits, doubt, runs=1)
    vader = rate(lambda t: polarity("vader", t), texts)
    print(
        f"{len(texts)} dev quotes on {cores} core(s), quotes per CPU-second, best of 3 runs; doubt band"
        f" {model.route_band}: the encoder re-reads {len(doubt)} ({len(doubt) / len(texts):.0%})"
    )
    for name, value in (
        ("marquee with the encoder", with_encoder),
        ("marquee n-gram views only", ngrams),
        ("the encoder alone (its share)", encoder),
        ("VADER", vader),
    ):
        print(f"  {name:30} {value:7.0f} quotes/s  ({value / vader:.2f}x VADER)")


if __name__ == "__main__":
    main()
