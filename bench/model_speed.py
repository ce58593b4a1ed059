"""How fast the default scoring model reads full-length reviews, on one core.

Prints reviews per CPU-second for marquee's model and for VADER on the same texts, and the
peak resident memory of the process. Run: ``.venv/bin/python bench/model_speed.py``.
Pins BLAS and friends to one thread so the figure is per core. Every timed pass reads the
reviews afresh (the model's memo of readings is emptied first); CPU time, not the wall
clock, so other work on a shared core does not count.
"""

from __future__ import annotations

import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import argparse  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402

from marquee.lab import baselines  # noqa: E402
from marquee.lab import corpora as data  # noqa: E402
from marquee.model.predict import load_model  # noqa: E402


def reviews_per_second(fn, texts: list[str], repeats: int, before=lambda: None) -> float:
    """Best of ``repeats`` timed passes over ``texts`` (a first pass warms caches), each
    after ``before`` (untimed)."""
    fn(texts[:20])
    best = float("inf")
    for _ in range(repeats):
        before()
        start = time.process_time()
        fn(texts)
        best = min(best, time.process_time() - start)
    return len(texts) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=400, help="reviews to score")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = [ex.text for ex in data.load_polarity()][: args.n]
    words = sum(len(t.split()) for t in texts) / len(texts)
    model = load_model()
    ours = reviews_per_second(model.predict, texts, args.repeats, model.forget)
    vader = reviews_per_second(lambda ts: baselines.polarity("vader", ts), texts, 1)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(texts)} polarity_v2 reviews, {words:.0f} words on average, one core")
    print(f"marquee default model: {ours:7.0f} reviews per CPU-second")
    print(f"VADER:                 {vader:7.0f} reviews per CPU-second")
    print(f"peak memory (RSS):     {peak_mb:7.0f} MB")


if __name__ == "__main__":
    main()
