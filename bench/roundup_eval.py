"""How well marquee splits round-up pages into one review per film, and leaves film
reviews whole (issue 12 item 5).

* **Round-ups** (``tests/fixtures/roundups``, labels in ``expected.json``): each page is
  read as ``marquee add`` reads it, split (:func:`marquee.roundups.split.split_films`) and
  parsed. A film is *found* when a part's title matches the expected title (case and
  punctuation aside); a page's critic is *credited* when every film of it that names a
  critic carries that name (a film not found carries none); beside it, the films found
  whose page names their critic that carry that name, and the films found that carry a
  critic where the page names none (a name that is no writer's: "Sort By", an actor);
  and, on pages whose films share one critic, whether the page read as one part is
  credited to them (:func:`marquee.roundups.split.page_critic`: the page's own byline,
  apart from how it is cut).
* **Film reviews kept whole**: single-film texts must stay one review each: the film
  pages of ``tests/fixtures/kinds/film``, the seeds, and the polarity_v2 and scale_v1
  full reviews of the shared data's split beside the fixture split (dev beside dev,
  test beside a held-out round).

Splits come from ``tests/fixtures/SOURCES.md``. ``--split dev`` is every page a rule may
be designed on (earlier held-out rounds included, once measured); a ``heldout-N`` round is
measured once and its figures recorded in SOURCES.md.
Run: ``.venv/bin/python bench/roundup_eval.py --split dev [--show]``; to hold the latest
rounds out, ``--before "15* 16*"`` (the dev pages met before them) beside ``--round "15*"``.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
from collections.abc import Iterable
from pathlib import Path

from marquee.documents import ReadOptions, read_bytes, read_path
from marquee.films.names import name_key
from marquee.lab.corpora import Split, in_split, load_polarity, load_scale
from marquee.review import parse_review
from marquee.roundups.split import page_critic, split_films

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
SEEDS = Path("/work/shared/seeds")
UNMEASURED: frozenset[str] = frozenset()
"""Held-out rounds not yet measured, never part of dev: name the next round here
("heldout-9") until its one measurement."""
PLAIN = ReadOptions(shape="text")


def recorded_splits() -> dict[Path, str]:
    """The split of every fixture page, as SOURCES.md records it ("| file | split | … |")."""
    rows = (line.split("|") for line in (FIXTURES / "SOURCES.md").read_text().splitlines())
    return {FIXTURES / r[1].strip(): r[2].strip() for r in rows if len(r) > 3 and "/" in r[1]}


def in_fixture_split(split: str) -> list[Path]:
    """The fixture pages of ``split``; "dev" is every page of a measured round too, and
    "round-N" the whole of round N."""
    if split.startswith("round-"):
        return in_round(split[6:])
    return sorted(
        path
        for path, where in recorded_splits().items()
        if (where == split) or (split == "dev" and where not in UNMEASURED)
    )


def in_round(number: str) -> list[Path]:
    """The pages of SOURCES.md's "## Round N" section, held-out and dev alike: a round's
    sites were all unseen when it was collected, so the whole round is one figure. "15*"
    is every slice of round 15 (15, 15b, 15c, 15d)."""
    sources = (FIXTURES / "SOURCES.md").read_text()
    names = re.findall(r"^## Round (\S+) ", sources, re.MULTILINE)
    chosen = [n for n in names if fnmatch.fnmatchcase(n, number)]
    pages = []
    for name in chosen:
        section = sources.split(f"## Round {name} ")[1]
        rows = (line.split("|") for line in section.split("\n## ")[0].splitlines())
        pages += [FIXTURES / r[1].strip() for r in rows if len(r) > 3 and "/" in r[1]]
    return sorted(pages)


def roundups(split: str, *, show: bool, pages: list[Path] | None = None) -> None:
    expected = json.loads((FIXTURES / "roundups" / "expected.json").read_text())
    films = found = pages_named = credited = named_found = right = false = 0
    one_critic = bylined = 0
    for path in in_fixture_split(split) if pages is None else pages:
        if path.parent.name != "roundups":
            continue
        want = expected[path.name]
        (doc,) = read_path(path).documents
        reviews = [parse_review(part) for part in split_films(doc)]
        got = {name_key(r.facts.title or ""): r for r in reviews}
        films += len(want["films"])
        hits = [name_key(f) in got for f in want["films"]]
        found += sum(hits)
        critics = [
            (got[name_key(f)].meta.critic if hit else None, c)
            for f, hit, c in zip(want["films"], hits, want["critics"], strict=True)
        ]
        named = [(g, c) for (g, c), hit in zip(critics, hits, strict=True) if c and hit]
        named_found += len(named)
        right += sum(g == c for g, c in named)
        false += sum(bool(g) for (g, c), hit in zip(critics, hits, strict=True) if hit and not c)
        if any(c for _, c in critics):
            pages_named += 1
            credited += all(g == c for g, c in critics if c)
        if len(names := set(want["critics"])) == 1 and None not in names:
            one_critic += 1
            bylined += page_critic(doc) in names
        if show:
            missed = [f for f, hit in zip(want["films"], hits, strict=True) if not hit]
            wrong = [(g, c) for g, c in critics if c and g != c]
            print(f"  {path.name}: missed {missed} wrong critics {wrong}")
            print(f"      got {[(r.facts.title, r.meta.critic) for r in reviews]}")
    print(
        f"round-ups on {split}: films found {found} of {films} ({found / max(films, 1):.1%}); "
        f"critic credited on {credited} of {pages_named} pages that name one "
        f"({right} of {named_found} films found whose page names their critic; "
        f"{false} films found credited where the page names no critic); "
        f"the page's own byline read on {bylined} of {one_critic} pages whose films share one"
    )


def kept_whole(name: str, texts: Iterable[str], *, show: bool) -> None:
    """Single-film texts that stay one review (a split one is a film review cut up)."""
    total = split = 0
    for number, text in enumerate(texts):
        for doc in read_bytes(text.encode(), f"{name}-{number}", options=PLAIN).documents:
            total += 1
            parts = split_films(doc)
            if len(parts) > 1:
                split += 1
                if show:
                    print(f"  SPLIT {name} #{number}: {[p.meta.get('film') for p in parts]}")
    share = f"{1 - split / total:.2%}" if total else "none in this split"
    print(f"film reviews kept whole, {name}: {total - split} of {total} ({share})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--split", default="dev", help="dev, a held-out round (heldout-8) or a whole one (round-14)"
    )
    parser.add_argument("--limit", type=int, default=0, help="reviews per corpus (0: all)")
    parser.add_argument("--show", action="store_true", help="print each miss")
    parser.add_argument("--round", help="only the round-up pages of one round: 12, or 15*")
    parser.add_argument(
        "--before", help="only the dev round-up pages not of these rounds: '15* 16*'"
    )
    args = parser.parse_args()
    if args.round:
        roundups(f"round {args.round}", show=args.show, pages=in_round(args.round))
        return
    if args.before:
        later = {page for number in args.before.split() for page in in_round(number)}
        pages = [p for p in in_fixture_split("dev") if p not in later]
        roundups(f"dev without rounds {args.before}", show=args.show, pages=pages)
        return
    roundups(args.split, show=args.show)
    films = [p for p in in_fixture_split(args.split) if p.parent.name == "film"]
    kept_whole("kinds/film", (p.read_text() for p in films), show=args.show)
    kept_whole("seeds", (p.read_text() for p in sorted(SEEDS.glob("*.txt"))), show=args.show)
    data_split: Split = "dev" if args.split == "dev" else "test"
    for name, loader in (("polarity_v2", load_polarity), ("scale_v1", load_scale)):
        texts = [ex.text for ex in in_split(loader(), data_split)][: args.limit or None]
        kept_whole(f"{name} ({data_split} split)", texts, show=args.show)


if __name__ == "__main__":
    main()
