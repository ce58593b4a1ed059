"""How well marquee's reading stages do on real reviews: critic names, film facts, speed.

Data: ``scale_v1/scale_whole_review/<author>/txt.parag/*.txt`` (Pang & Lee 2005, see
/work/shared/data/README.md), full reviews by four critics, one paragraph a line. Each file
goes through the real pipeline: ``read_bytes → read_metadata → read_facts``.

1. Critic: the folder names the author. Coverage = reviews where a critic is read;
   precision = read critics equal to the author (by ``names.name_key``); mismatches listed.
2. Film facts, Dennis Schwartz only. His header line, ``TITLE (ALT) (director: X; …; cast:
   Actor (Role), …; 1999)``, is the truth: titles ("BIG HEAT, THE" = "The Big Heat"), year
   (the last in the header), directors (fields whose key names one), Actor (Role) pairs.
   Files without a header are skipped. Mode "full" reads the whole file; "body" reads only
   the prose (no header, nothing above it, no sign-off or copyright lines).
   Title: a read title or alias equal to a header title, ignoring case, punctuation and a
   leading article; coverage = reviews with a title read. Year: equal (where the header
   has one). Director: a header director or a part (surname) of exactly one. Cast
   precision: read actor→role pairs equal to a header pair either way round (names equal,
   one a part of the other, or a name of two or more words all within the other);
   orientation: of those, the share with the actor on the actor side, as in the header.
   Cast recall: header pairs whose actor (full name) and role (first word not ending in
   ".") both appear in the body, read either way round.
3. Speed: reviews/s of read + metadata + facts over whole files, all authors, no file I/O;
   wall clock and process CPU time (the latter is steadier when the machine is shared).

Run: ``.venv/bin/python bench/extraction_eval.py [--data DIR] [--start N] [--limit N]``
(``--start``/``--limit`` slice each author's files, sorted by name).
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from marquee.datasets import shared_data_dir
from marquee.documents import read_bytes
from marquee.films import names, read_facts
from marquee.metadata import read_metadata
from marquee.records import CastMember, FilmFacts, ReviewMeta

SCHWARTZ = "Dennis+Schwartz"
MODES = ("full", "body")
_ARTICLE = re.compile(r"^(.*),\s*(the|an?|l[aeo]s?|l'|el|il|d[aei][rs]?|de[nt])$", re.I)
_HEADER = re.compile(r"(?P<head>[^(].*?)\s*\(\s*(?P<rest>(?:[\w/ ]*director|cast)[^:;]*:.*)", re.I)
_SIGN_OFF = re.compile(
    r"^(?:REVIEWED ON|Review(?:ed)? by|Dennis Schwartz|©|=A9|\W*ALL RIGHTS RESERVED|={5,})", re.I
)
_PAREN = r"\(([^()]+)\)"
_ALTS = re.compile(r"\s*[/,]\s*")


@dataclass(frozen=True)
class Header:
    """The film facts a Dennis Schwartz header line states."""

    titles: tuple[str, ...]
    year: int | None
    directors: tuple[str, ...]
    cast: tuple[tuple[str, str], ...]  # (actor, role)


def parse_header(line: str) -> Header | None:
    """The facts of a ``TITLE (director/cast: …)`` line, else None.

    The field list runs from the first "(" that opens a director or cast field to the last
    ")", so headers with unbalanced parentheses ("Tito Vuolo 90Tony Vetto)") still parse.
    """
    if (match := _HEADER.fullmatch(line)) is None:
        return None
    head, rest = match["head"], re.sub(r"\)[^)]*$", "", match["rest"])
    parts = (part.split(":", 1) for part in rest.split(";") if ":" in part)
    fields = {key.strip().lower(): value.strip() for key, value in parts}
    alternatives = (re.sub(r"(?i)^aka:?\s*|^TV$", "", a.strip()) for a in re.findall(_PAREN, head))
    titles = [re.sub(_PAREN, "", head).strip(), *filter(None, alternatives)]  # not "(TV)"
    years = re.findall(r"\b(1[89]\d\d|20\d\d)\b", rest[-20:])
    crew = re.sub(_PAREN, "", " / ".join(v for k, v in fields.items() if "director" in k))
    directors = [d.strip() for d in re.split(r"/|,| and ", crew) if d.strip()]
    listed = re.sub(r"\((?:I+|Jr\.)\)", "", fields.get("cast", ""))
    listed = re.sub(r",\s*([JS]r\.)", r" \1", listed)  # "Cobina Wright, Jr. (Grace Ellis)"
    if listed.startswith("("):  # "(Porter) Mel Gibson, (Val) Gregg Henry, …"
        found = [(a, r) for r, a in re.findall(_PAREN + r"\s*([^,()]+)", listed)]
    else:
        found = re.findall(r"([^,()]+?)\s*" + _PAREN, listed)
    cast = [(a.strip(), r.strip()) for a, r in found if a.strip() and r.strip()]
    return Header(tuple(titles), int(years[-1]) if years else None, tuple(directors), tuple(cast))


def title_key(title: str) -> str:
    """Casefolded words without punctuation or a leading English article."""
    words = re.findall(r"\w+", names.fold(_ARTICLE.sub(r"\2 \1", title.strip())))
    return " ".join(words[1:] if len(words) > 1 and words[0] in {"the", "a", "an"} else words)


def same(a: str, b: str) -> bool:
    """One person or character: equal names, one a part of the other (``names.matches``),
    or a name of two or more words all within the other ("Dr. Keener", "Dr. Elaine Keener").
    A header role may hold several ("Teresa Davis/Angela Vetto"); any of them will do."""
    for x, y in ((x, y) for x in _ALTS.split(a) for y in _ALTS.split(b) if x and y):
        short, long = sorted((set(names.tokens(x)), set(names.tokens(y))), key=len)
        if names.matches(x, [y], prefix=True) or names.matches(y, [x], prefix=True):
            return True
        if len(short) >= 2 and short <= long:
            return True
    return False


def placed(member: CastMember, pairs: Sequence[tuple[str, str]]) -> tuple[bool, bool]:
    """Whether a read pair is one of the header's (actor, role) pairs either way round, and
    whether it is one as written (actor on the actor side)."""

    def both(first: str, second: str) -> bool:
        return member.role is not None and same(member.actor, first) and same(member.role, second)

    ordered = any(both(a, r) for a, r in pairs)
    return ordered or any(both(r, a) for a, r in pairs), ordered


def score_facts(facts: FilmFacts, truth: Header, body: str, tally: Counter[str]) -> None:
    """Add one review's film-fact counts to ``tally``."""
    tally["reviews"] += 1
    if facts.title:
        read_keys = {title_key(t) for t in (facts.title, *facts.aliases)}
        right = bool(read_keys & {title_key(t) for t in truth.titles})
        tally.update(title_read=1, title_right=right)
    if facts.year and truth.year:  # a few headers give no year
        tally.update(year_read=1, year_right=facts.year == truth.year)
    for director in facts.credits.get("director", ()):
        tally.update(dir_read=1, dir_right=names.matches(director, truth.directors, prefix=False))
    for m in facts.cast:
        if m.role is not None and truth.cast:  # a header without roles cannot judge a pair
            either, ordered = placed(m, truth.cast)
            tally.update(cast_read=1, cast_right=either, cast_oriented=ordered)
    for actor, role in truth.cast:
        word = next((w for w in role.split() if not w.endswith(".")), role)
        if all(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", body) for n in (actor, word)):
            found = any(placed(m, [(actor, role)])[0] for m in facts.cast)
            tally.update(cast_in_body=1, cast_found=found)


@dataclass
class Results:
    """Everything one run counts."""

    critics: dict[str, Counter[str]] = field(default_factory=dict)
    mismatches: list[tuple[str, str]] = field(default_factory=list)
    facts: dict[str, Counter[str]] = field(default_factory=lambda: {m: Counter() for m in MODES})
    seconds: float = 0.0  # wall clock
    cpu_seconds: float = 0.0  # this process's CPU time: steadier on a busy machine
    reviews: int = 0
    no_header: int = 0


def read(data: bytes, source: str) -> tuple[ReviewMeta, FilmFacts]:
    """The real pipeline on one file's bytes."""
    doc = read_bytes(data, source).documents[0]
    meta = read_metadata(doc)
    return meta, read_facts(doc, meta)


def evaluate(root: Path, start: int, limit: int | None) -> Results:
    """Read files ``start … start+limit`` of each author's sorted folder; count everything."""
    results = Results()
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        author, tally = folder.name.replace("+", " "), Counter[str]()
        files = sorted((folder / "txt.parag").glob("*.txt"))
        for path in files[start : None if limit is None else start + limit]:
            data = path.read_bytes()
            wall, cpu = time.perf_counter(), time.process_time()
            meta, facts = read(data, str(path))
            results.seconds += time.perf_counter() - wall
            results.cpu_seconds += time.process_time() - cpu
            results.reviews += 1
            tally["reviews"] += 1
            if meta.critic:
                right = names.name_key(meta.critic) == names.name_key(author)
                tally.update(read=1, right=right)
                if not right:
                    results.mismatches.append((f"{folder.name}/{path.name}", meta.critic))
            if folder.name == SCHWARTZ:
                score_schwartz(data, path.name, facts, results)
        results.critics[author] = tally
    return results


def score_schwartz(data: bytes, name: str, full: FilmFacts, results: Results) -> None:
    """Score the facts read from the whole file, then read and score the prose alone."""
    lines = [s for line in data.decode("latin-1").splitlines() if (s := line.strip())]
    # The header is the first line, or the second under a banner (one file).
    found = next(((i, h) for i, line in enumerate(lines[:2]) if (h := parse_header(line))), None)
    if found is None:
        results.no_header += 1
        return
    at, truth = found
    body = "\n".join(line for line in lines[at + 1 :] if not _SIGN_OFF.match(line))
    score_facts(full, truth, body, results.facts["full"])
    score_facts(read(body.encode(), name)[1], truth, body, results.facts["body"])


def ratio(hits: int, total: int) -> str:
    """Hits/total and percent ("12/40  30.0%"), or a dash when the total is 0."""
    return f"{hits:>5}/{total:<5} {hits / total:6.1%}" if total else f"{'—':>18}"


FACT_ROWS = (  # label, hits, out of
    ("title precision", "title_right", "title_read"),
    ("title coverage", "title_read", "reviews"),
    ("year precision", "year_right", "year_read"),
    ("director precision", "dir_right", "dir_read"),
    ("cast pair precision", "cast_right", "cast_read"),
    ("cast orientation", "cast_oriented", "cast_right"),
    ("cast recall (in body)", "cast_found", "cast_in_body"),
)


def report(r: Results) -> None:
    """Print the critic table, the film-fact table and the speed."""
    print(f"Critic names ({r.reviews} reviews)\n")
    print(f"{'author':<20} {'reviews':>7}  {'coverage':>18}  {'precision':>18}")
    for author, t in [*r.critics.items(), ("all", sum(r.critics.values(), Counter[str]()))]:
        cells = f"{ratio(t['read'], t['reviews'])}  {ratio(t['right'], t['read'])}"
        print(f"{author:<20} {t['reviews']:>7}  {cells}")
    for where, critic in r.mismatches:
        print(f"  mismatch {where}: read {critic!r}")

    print(f"\nFilm facts, Dennis Schwartz ({r.no_header} files without a header skipped)\n")
    print(f"{'measure':<22} {'full':>18}  {'body':>18}")
    full, body = r.facts["full"], r.facts["body"]
    for label, hits, total in FACT_ROWS:
        print(f"{label:<22} {ratio(full[hits], full[total])}  {ratio(body[hits], body[total])}")

    wall, cpu = (r.reviews / s if s else 0.0 for s in (r.seconds, r.cpu_seconds))
    print(f"\nSpeed: {r.reviews} reviews in {r.seconds:.1f}s wall = {wall:.1f} reviews/s "
          f"({r.cpu_seconds:.1f}s CPU = {cpu:.1f} reviews/s)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=shared_data_dir(), help="shared data dir")
    parser.add_argument("--start", type=int, default=0, help="skip this many files per author")
    parser.add_argument("--limit", type=int, default=None, help="at most this many per author")
    args = parser.parse_args()
    report(evaluate(args.data / "scale_v1" / "scale_whole_review", args.start, args.limit))


if __name__ == "__main__":
    main()
