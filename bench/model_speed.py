"""How fast the default scoring model reads full-length reviews, on one core.

Prints reviews/s for marquee's model and for VADER on the same texts, and the peak
resident memory of the process. Run: ``.venv/bin/python bench/model_speed.py``.
Pins BLAS and friends to one thread so the figure is per core.
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


def reviews_per_second(fn, texts: list[str], repeats: int) -> float:
    """Best of ``repeats`` timed passes over ``texts`` (the first pass warms caches)."""
    fn(texts[:20])
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn(texts)
        best = min(best, time.perf_counter() - start)
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
    ours = reviews_per_second(model.predict, texts, args.repeats)
    vader = reviews_per_second(lambda ts: baselines.polarity("vader", ts), texts, 1)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(texts)} polarity_v2 reviews, {words:.0f} words on average, one core")
    print(f"marquee default model: {ours:7.0f} reviews/s")
    print(f"VADER:                 {vader:7.0f} reviews/s")
    print(f"peak memory (RSS):     {peak_mb:7.0f} MB")


if __name__ == "__main__":
    main()
