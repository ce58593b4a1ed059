"""Reconcile what several reviews say about one film into one record.

Reviews disagree in form, not substance: "From the World of John Wick: Ballerina" and
"Ballerina", "Eve" and "Eve MaCarro", "Ian Mcshane" and "Ian McShane". Names are grouped
into spelling families (:func:`marquee.films.names.canonical`) and each family is shown
in its fullest, best-cased form; pairs one review could not orient are settled by the
actors and characters the others name. One review alone goes through the same steps,
so its own "Eve" and "Eve Macarro" become one entry too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from marquee.films import names
from marquee.films.cast import Known, actor_side
from marquee.films.titles import is_sequel_part
from marquee.records import CREDIT_ROLES, CastMember, FilmFacts


def merge_facts(items: Sequence[FilmFacts]) -> FilmFacts:
    """Reconcile many reviews' facts about ONE film into one record."""
    items = list(items)
    title, aliases = _titles(items)
    years = Counter(f.year for f in items if f.year)
    members, pairs = _settle(
        [m for f in items for m in f.cast], [p for f in items for p in f.pairs]
    )
    crew = [
        (role, name) for f in items for role in CREDIT_ROLES for name in f.credits.get(role, ())
    ]
    people = names.canonical([*(m.actor for m in members), *(n for _, n in crew)], prefix=False)
    characters = names.canonical([m.role for m in members if m.role], prefix=True)
    return FilmFacts(
        title=title,
        aliases=aliases,
        year=years.most_common(1)[0][0] if years else None,
        credits=_credits(crew, people),
        cast=_cast(members, people, characters),
        pairs=_pairs(pairs, people),
    )


def _titles(items: Sequence[FilmFacts]) -> tuple[str | None, tuple[str, ...]]:
    """The most common main title, and every other name as an alias.

    A franchise-prefixed title ("…: Ballerina") counts for its last part when some
    review uses that part alone.
    """
    forms = [form for f in items for form in (f.title, *f.aliases) if form]
    keys = {names.name_key(form) for form in forms}

    def main(title: str) -> str:
        suffix = title.rsplit(": ", 1)[-1]
        if suffix != title and not is_sequel_part(suffix) and names.name_key(suffix) in keys:
            return suffix
        return title

    mains = [main(f.title) for f in items if f.title]
    if not mains:
        return None, ()
    winner = Counter(names.name_key(m) for m in mains).most_common(1)[0][0]
    title = Counter(m for m in mains if names.name_key(m) == winner).most_common(1)[0][0]
    families: dict[str, list[str]] = {}
    for form in forms:
        families.setdefault(names.name_key(form), []).append(form)
    families.pop(winner, None)
    return title, tuple(Counter(group).most_common(1)[0][0] for group in families.values())


def _settle(
    members: list[CastMember], pairs: list[tuple[str, str]]
) -> tuple[list[CastMember], list[tuple[str, str]]]:
    """Orient pairs by the actors and characters any review names."""
    sides = [s for pair in pairs for s in pair]
    known = Known(
        actors=[m.actor for m in members],
        roles=[m.role for m in members if m.role],
        full_names=[n for n in (*(m.actor for m in members), *sides) if len(n.split()) > 1],
    )
    settled: list[CastMember] = []
    unsettled: list[tuple[str, str]] = []
    for first, second in pairs:
        side = actor_side(first, second, known)
        if side is None:
            unsettled.append((first, second))
        else:
            settled.append(CastMember(first, second) if side else CastMember(second, first))
    return members + settled, unsettled


def _credits(crew: list[tuple[str, str]], people: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Each role's people, first seen first, one entry per person."""
    credits: dict[str, tuple[str, ...]] = {}
    for role in CREDIT_ROLES:
        shown = dict.fromkeys(people[name] for r, name in crew if r == role)
        if shown:
            credits[role] = tuple(shown)
    return credits


def _cast(
    members: list[CastMember], people: dict[str, str], characters: dict[str, str]
) -> tuple[CastMember, ...]:
    """One entry per actor and character, in the order actors are first named; a bare
    "starring X" only when no review says whom X plays."""
    entries = dict.fromkeys(
        CastMember(people[m.actor], characters[m.role] if m.role else None) for m in members
    )
    with_role = {m.actor for m in entries if m.role}
    first_seen = {actor: i for i, actor in reversed(list(enumerate(m.actor for m in entries)))}
    kept = (m for m in entries if m.role or m.actor not in with_role)
    return tuple(sorted(kept, key=lambda m: first_seen[m.actor]))


def _pairs(pairs: list[tuple[str, str]], people: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Unsettled pairs, once each whichever way round they were written."""
    kept: dict[frozenset[str], tuple[str, str]] = {}
    for first, second in pairs:
        shown = (people.get(first, first), people.get(second, second))
        kept.setdefault(frozenset(names.name_key(s) for s in shown), shown)
    return tuple(kept.values())
