"""Opinions for 200 full-length reviews on one core: target under 2 s.

Reviews are the first 200 of Pang & Lee's polarity_v2 (real critics, ~700 words each),
analysed as one film's batch, so every sentence and clause goes to the model in two calls.
Timed twice: with the trained scoring model (the default, when its artifact is installed)
and with a constant stand-in that costs nothing, which isolates this stage's own work.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from marquee.consensus import agreement, write_consensus  # noqa: E402
from marquee.datasets import shared_data_dir  # noqa: E402
from marquee.opinions import ReviewText, model_polarity, opinions_for  # noqa: E402
from marquee.records import FilmFacts  # noqa: E402

N = 200
TARGET_SECONDS = 2.0


def reviews() -> list[ReviewText]:
    folder = shared_data_dir() / "polarity_v2" / "txt_sentoken"
    paths = (
        sorted((folder / "pos").glob("*.txt"))[: N // 2]
        + sorted((folder / "neg").glob("*.txt"))[: N // 2]
    )
    return [ReviewText(p.read_text(encoding="utf-8")) for p in paths]


def constant(texts: Sequence[str]) -> list[float]:
    return [0.5] * len(texts)


def timed(label: str, texts: list[ReviewText], polarity) -> float:
    facts = FilmFacts(title="Untitled")
    polarity(["warm-up"])
    start = time.perf_counter()
    ops = opinions_for(texts, facts, polarity=polarity)
    write_consensus("Untitled", facts, agreement(ops), ops)
    seconds = time.perf_counter() - start
    n_aspects = sum(len(o.aspects) for o in ops)
    print(
        f"{label:28} {len(texts)} reviews in {seconds:.2f} s "
        f"({len(texts) / seconds:.0f} reviews/s, {n_aspects} aspect opinions)"
    )
    return seconds


def main() -> int:
    texts = reviews()
    words = sum(len(t.body.split()) for t in texts)
    print(f"{len(texts)} full-length reviews, {words / len(texts):.0f} words on average")
    timed("stage only (stand-in)", texts, constant)
    try:
        model = model_polarity()
    except Exception as err:  # noqa: BLE001 - the model is another stage's artifact
        print(f"trained model not available: {err}")
        return 0
    seconds = timed("with the trained model", texts, model)
    print("PASS" if seconds < TARGET_SECONDS else "FAIL", f"(target < {TARGET_SECONDS} s)")
    return 0 if seconds < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
