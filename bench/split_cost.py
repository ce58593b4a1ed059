"""What the round-up splitter costs a single review: one ``split_films`` per page, as ``add``
runs it, over the full-length reviews ``bench/add_speed.py --full-only`` adds (or a folder).

Each page is read and asked its kind first (``add`` asks before it splits, and the answer is
remembered), then split unless ``--no-split``. Meant for instruction counts, which a shared
host leaves alone: the splitter's cost is the difference of two runs, with and without it,
the hash seed fixed so both read the same way::

    PYTHONHASHSEED=0 PYTHONPATH=src valgrind --tool=cachegrind --cache-sim=no \\
        .venv/bin/python bench/split_cost.py [--no-split] [--folder DIR]

It prints the pages read and the parts they became (a single review stays one part).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from marquee.datasets import shared_data_dir
from marquee.documents import read_path
from marquee.documents.kind import page_kind
from marquee.roundups.split import split_films

POLARITY = shared_data_dir() / "polarity_v2" / "txt_sentoken"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200, help="as add_speed.py draws them")
    parser.add_argument("--folder", type=Path, help="read this folder's files instead")
    parser.add_argument("--no-split", action="store_true", help="read and ask the kind only")
    args = parser.parse_args()
    paths = (
        sorted(p for p in args.folder.iterdir() if p.is_file())
        if args.folder
        else sorted(POLARITY.glob("*/*.txt"))[: args.files]
    )
    pages = [doc for path in paths for doc in read_path(path).documents]
    parts = 0
    for page in pages:
        page_kind(page)
        parts += 1 if args.no_split else len(split_films(page))
    print(f"{len(pages)} pages, {parts} parts")


if __name__ == "__main__":
    main()
