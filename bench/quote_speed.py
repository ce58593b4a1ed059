"""Quotes per second on one core: marquee's scoring model with and without the encoder,
beside VADER, on the dev split's RT quotes, in one process (run it under `taskset -c 0`).

    taskset -c 0 python bench/quote_speed.py
"""

from __future__ import annotations

import os
import time

from marquee.lab import corpora as data
from marquee.lab.baselines import polarity
from marquee.model import load_model


def rate(score, texts: list[str], runs: int = 3) -> float:
    best = 0.0
    for _ in range(runs):
        t0 = time.perf_counter()
        score(texts)
        best = max(best, len(texts) / (time.perf_counter() - t0))
    return best


def main() -> None:
    texts = [ex.text for ex in data.in_split(data.load_quotes(), "dev")]
    model = load_model()
    model.p_fresh(texts[:200])  # load and warm every view and the encoder
    polarity("vader", texts[:50])
    cores = len(os.sched_getaffinity(0))
    with_encoder = rate(model.p_fresh, texts)
    ngrams = rate(lambda t: model.p_fresh(t, encoder=False), texts)
    vader = rate(lambda t: polarity("vader", t), texts, runs=1)
    print(f"{len(texts)} dev quotes on {cores} core(s), best of 3 runs")
    for name, value in (
        ("marquee with the encoder", with_encoder),
        ("marquee n-gram views only", ngrams),
        ("VADER", vader),
    ):
        print(f"  {name:26} {value:7.0f} quotes/s  ({value / vader:.2f}x VADER)")


if __name__ == "__main__":
    main()
