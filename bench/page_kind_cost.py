"""What the learned page-kind check adds to reading a page: milliseconds per full review.

For each dev-split polarity_v2 and scale_v1 review (the pages the check reads most: every
film review the rules keep), in one process, alternating so drift hits both alike: the
cue rules alone (:func:`marquee.documents.kind.rule_kind`), then the whole check as
``marquee add`` runs it (:func:`~marquee.documents.kind.text_kind`, its cache cleared).
The artifact is loaded before timing (once per process in use). CPU time of this process
(``time.process_time``): the host is shared, and wall time counts the other jobs too.

Run: ``PYTHONPATH=src .venv/bin/python bench/page_kind_cost.py [--passes 3]``.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from marquee.documents import kind_learned
from marquee.documents.kind import rule_kind, text_kind
from marquee.lab.corpora import in_split, load_polarity, load_scale


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    texts = [ex.text for load in (load_polarity, load_scale) for ex in in_split(load(), "dev")]
    kind_learned.load_check()
    rules, whole = [], []
    for _ in range(args.passes):
        for text in texts:
            start = time.process_time()
            rule_kind(text)
            mid = time.process_time()
            text_kind.cache_clear()
            text_kind(text)
            whole.append(time.process_time() - mid)
            rules.append(mid - start)
    r, w = np.array(rules) * 1e3, np.array(whole) * 1e3
    added = w - r
    print(
        f"{len(texts)} reviews x {args.passes} passes: rules {r.mean():.2f} ms, "
        f"rules + learned {w.mean():.2f} ms; added {added.mean():.2f} ms a review "
        f"(median {np.median(added):.2f}, p95 {np.percentile(added, 95):.2f})"
    )


if __name__ == "__main__":
    main()
