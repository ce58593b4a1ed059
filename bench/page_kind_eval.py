"""How well marquee tells film reviews from other pages, and splits round-up columns.

Real pages (``tests/fixtures/kinds``, ``tests/fixtures/roundups``; sources and the
dev/held-out split in ``tests/fixtures/SOURCES.md``):

* **Refusal** (issue 12 item 6): every page is read as ``marquee add`` reads it and put
  through :func:`marquee.documents.kind.page_kind`. A refusal is *right* when the page is
  not a film review. Precision = right refusals / refusals; recall = right refusals /
  non-film pages. Round-up pages count as film reviews.
* **Film reviews kept**: the same check on film reviews from ``/work/shared/data`` of the
  chosen split (polarity_v2 and scale_v1 full reviews, RT pull-quotes and snippets, the
  seeds): the share *not* refused.
* **Round-ups** (item 5): films found and critics credited, as ``bench/roundup_eval.py``
  measures them.

Rules are designed on ``--split dev``; each held-out round is measured once, and its
figures are recorded in SOURCES.md (``heldout-1`` is dev since it was measured).
Run: ``.venv/bin/python bench/page_kind_eval.py --split heldout-2 [--show]``; a whole round:
``--split round-13k``.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

from roundup_eval import in_round, roundups  # the round-up part: bench/roundup_eval.py

from marquee.documents import read_path
from marquee.documents.kind import LEARNED, page_kind, text_kind
from marquee.lab.corpora import (
    Split,
    in_split,
    load_polarity,
    load_quotes,
    load_scale,
    load_snippets,
)

UNNAMED = frozenset({LEARNED})
"""Kinds whose reason names no kind of page."""

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
SEEDS = Path("/work/shared/seeds")
DATA_SPLIT: dict[str, Split] = {
    "dev": "dev",
    "heldout-1": "test",
    "heldout-2": "test",
    "heldout-3": "test",
    "heldout-4": "test",
    "heldout-5": "test",
    "heldout-6k": "test",
    "heldout-7k": "test",
    "heldout-8k": "test",
    "heldout-9k": "test",
    "heldout-10k": "test",
    "heldout-11k": "test",
    "heldout-12k": "test",
    "heldout-13k": "test",
    "round-13k": "test",
    "round-13k2": "test",
    "round-13k3": "test",
    "round-13k4": "test",
    "round-13k5": "test",
    "round-13k6": "test",
    "round-13m": "test",
    "round-13m2": "test",
    "round-13m3": "test",
    "round-13m4": "test",
    "round-15": "test",
    "round-15b": "test",
    "round-15c": "test",
    "round-15d": "test",
    "round-13n": "test",
    "round-13n2": "test",
    "round-13n3": "test",
    "round-16": "test",
    "round-16b": "test",
    "round-16c": "test",
}
"""The shared data's frozen split measured beside each fixture split ("round-13k" to
"round-13n3": every page of SOURCES.md's "## Round 13k…", "## Round 13m…" or "## Round 13n…"
section, held-out and dev alike; "round-15" to "round-16c": the round-up pages of "## Round 15…"
or "## Round 16…", which must all be kept)."""


def recorded_splits() -> dict[Path, str]:
    """The split of every fixture page, as SOURCES.md records it ("| file | split | … |")."""
    rows = (line.split("|") for line in (FIXTURES / "SOURCES.md").read_text().splitlines())
    return {FIXTURES / r[1].strip(): r[2].strip() for r in rows if len(r) > 3 and "/" in r[1]}


def pages(split: str) -> list[tuple[Path, bool]]:
    """(page, is a film review) for every fixture page of the split; "dev" takes in the
    held-out rounds already measured; "round-N" is the whole of round N."""
    if split.startswith("round-"):
        return [(path, path.parent.name in ("film", "roundups")) for path in in_round(split[6:])]
    measured = {
        "heldout-1",
        "heldout-2",
        "heldout-3",
        "heldout-4",
        "heldout-6k",
        "heldout-7k",
        "heldout-8k",
        "heldout-9k",
        "heldout-10k",
        "heldout-11k",
        "heldout-12k",
        "heldout-13k",
    }
    wanted = {"dev", *measured} if split == "dev" else {split}
    return sorted(
        (path, path.parent.name in ("film", "roundups"))
        for path, where in recorded_splits().items()
        if where in wanted
    )


TRUE_KINDS: dict[str, frozenset[str]] = {
    "art": frozenset({"art exhibition"}),
    "comedy": frozenset({"stand-up comedy"}),
    "concert": frozenset({"music"}),
    "dance": frozenset({"theatre"}),
    "game": frozenset({"video game"}),
    "news": frozenset({"news", "film news", "obituary", "politics"}),
    "opera": frozenset({"theatre", "music"}),
    "podcast": frozenset({"podcast", "episode notes"}),
    "politics": frozenset({"politics", "news"}),
    "tv": frozenset({"TV", "episode notes"}),
}
"""The kinds a refusal's reason may name for a page of each folder of ``tests/fixtures/kinds``
(a folder not listed: the kind of its own name, "book" -> "book"). The learned check's
reason names no kind."""


def names_true_kind(folder: str, kind: str) -> bool:
    """Whether a refusal's ``kind`` is the true kind of a page filed under ``folder``."""
    return kind in TRUE_KINDS.get(folder, frozenset({folder}))


def refusal(split: str, *, show: bool) -> None:
    refused = right = non_film = named = named_wrong = 0
    for path, is_film in pages(split):
        kinds = [page_kind(doc) for doc in read_path(path).documents]
        wrongly = any(not k.is_film for k in kinds)
        non_film += not is_film
        refused += wrongly
        right += wrongly and not is_film
        if show and wrongly == is_film:
            reason = next((k.reason for k in kinds if k.reason), "kept")
            print(f"  MISS {path.parent.name}/{path.name}: {reason}  {dict(kinds[0].cues)}")
        if wrongly and not is_film:
            kind = next(k for k in kinds if not k.is_film)
            true = names_true_kind(path.parent.name, kind.kind)
            named += true
            wrong_kind = not true and kind.kind not in UNNAMED
            named_wrong += wrong_kind
            if show and wrong_kind:
                print(f"  WRONG KIND {path.parent.name}/{path.name}: {kind.reason}")
    precision = right / refused if refused else 1.0
    recall = right / non_film if non_film else 1.0
    print(
        f"refusal on {split} pages: {refused} refused, {right} of {non_film} non-film pages; "
        f"precision {precision:.1%}, recall {recall:.1%}"
    )
    share = named / right if right else 1.0
    print(
        f"reasons of the {right} right refusals: {named} name the page's true kind ({share:.1%}), "
        f"{named_wrong} name another kind, {right - named - named_wrong} name none"
    )


def kept(name: str, texts: Iterable[str], *, show: bool) -> None:
    total = refused = 0
    for text in texts:
        total += 1
        kind = text_kind(text)
        if not kind.is_film:
            refused += 1
            if show:
                print(f"  REFUSED {name}: {kind.reason}: {text[:100]!r}")
    print(f"film reviews kept, {name}: {total - refused} of {total} ({1 - refused / total:.2%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=tuple(DATA_SPLIT), default="dev")
    parser.add_argument(
        "--limit", type=int, default=0, help="film reviews per corpus (default: all)"
    )
    parser.add_argument("--show", action="store_true", help="print each miss")
    args = parser.parse_args()
    refusal(args.split, show=args.show)
    data_split = DATA_SPLIT[args.split]
    for name, loader in (
        ("polarity_v2", load_polarity),
        ("scale_v1", load_scale),
        ("rt_quotes", load_quotes),
        ("rt_snippets", load_snippets),
    ):
        texts = [ex.text for ex in in_split(loader(), data_split)][: args.limit or None]
        kept(f"{name} ({data_split} split)", texts, show=args.show)
    seeds = [doc for p in sorted(SEEDS.glob("*.txt")) for doc in read_path(p).documents]
    kept_seeds = sum(page_kind(doc).is_film for doc in seeds)
    print(f"film reviews kept, seeds: {kept_seeds} of {len(seeds)}")
    roundups(args.split, show=args.show)


if __name__ == "__main__":
    main()
