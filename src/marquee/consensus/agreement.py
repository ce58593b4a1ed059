"""Film-level agreement per aspect: how many critics praised it, panned it or were mixed.

:func:`agreement` counts, for every aspect (and every performer), how many critics
praised it, panned it or were mixed — once per critic, however many sentences they spent
on it — and labels the split. A round-up's quoted critics ("The New York Post
criticizes …") are counted here as voices of their own, because their opinions are
explicit and attributed, and a round-up's author repeating them is not a second opinion;
they are keyed by outlet, so one outlet quoted by two round-ups counts once, and each
is credited only with what it is quoted saying. People a review quotes who are not
critics (an actor on the stunts, a director on the shoot) never reach this table: the
opinions stage keeps their remarks out of a review's aspects. Critics are never counted
into fresh % here (that comes from the reviews' scores elsewhere).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from marquee.opinions.people import surname
from marquee.opinions.records import (
    ASPECTS,
    AgreementLabel,
    Aspect,
    AspectAgreement,
    AspectOpinion,
    Polarity,
    ReviewOpinions,
)

DIVIDED_SHARE = 1 / 3
"""A split is *divided* when the smaller side has at least this share of those taking sides."""

Voice = tuple[str, str]  # ("review", "3") or ("outlet", "the new york post")


def agreement(opinions: Sequence[ReviewOpinions]) -> tuple[AspectAgreement, ...]:
    """Per aspect and performer: critics praising, panning and mixed, most-discussed first."""
    stances: dict[tuple[Aspect, str | None], dict[Voice, list[AspectOpinion]]] = defaultdict(
        lambda: defaultdict(list)
    )
    names = performer_names(o for ops in opinions for o in ops.aspects)
    for voice, opinion in _voiced(opinions):
        target = names.get(surname(opinion.target)) if opinion.target else None
        stances[(opinion.aspect, target)][voice].append(opinion)
    rows = [_row(aspect, target, by_voice) for (aspect, target), by_voice in stances.items()]
    order = {a: i for i, a in enumerate(ASPECTS)}
    rows.sort(key=lambda r: (-(r.praised + r.panned + r.mixed), order[r.aspect], r.target or ""))
    return tuple(rows)


def _voiced(opinions: Sequence[ReviewOpinions]) -> Iterable[tuple[Voice, AspectOpinion]]:
    """Each opinion with the critic who holds it: the review's author, or the critic a
    round-up quotes in that sentence."""
    for n, ops in enumerate(opinions):
        quoted = {
            (q.evidence.review, sentence): ("outlet", (q.outlet or q.critic or "").lower())
            for q in ops.quoted_critics
            for sentence in (q.sentences or (q.evidence.sentence,))
        }
        for o in ops.aspects:
            key = (o.evidence.review, o.evidence.sentence)
            yield quoted.get(key, ("review", str(n))), o


def performer_names(opinions: Iterable[AspectOpinion]) -> dict[str, str]:
    """Surname → the fullest form any critic used ("Keaton" and "Buster Keaton" are one)."""
    best: dict[str, str] = {}
    for o in opinions:
        if o.aspect == "performance" and o.target:
            key = surname(o.target)
            if len(o.target) > len(best.get(key, "")):
                best[key] = o.target
    return best


def _stance(items: Sequence[AspectOpinion]) -> Polarity:
    """One critic's stance from all their sentences on an aspect: the clear majority."""
    counts = Counter(o.polarity for o in items)
    pos, neg = counts["positive"], counts["negative"]
    if pos > neg and pos >= counts["mixed"]:
        return "positive"
    if neg > pos and neg >= counts["mixed"]:
        return "negative"
    return "mixed"


def _row(
    aspect: Aspect, target: str | None, by_voice: dict[Voice, list[AspectOpinion]]
) -> AspectAgreement:
    side: dict[Polarity, list[AspectOpinion]] = {"positive": [], "negative": [], "mixed": []}
    for items in by_voice.values():
        stance = _stance(items)
        side[stance].append(next((o for o in items if o.polarity == stance), items[0]))
    praised, panned, mixed = (len(side[k]) for k in ("positive", "negative", "mixed"))
    return AspectAgreement(
        aspect=aspect,
        target=target,
        praised=praised,
        panned=panned,
        mixed=mixed,
        label=agreement_label(praised, panned, mixed),
        praise_quote=side["positive"][0].evidence if side["positive"] else None,
        pan_quote=side["negative"][0].evidence if side["negative"] else None,
    )


def agreement_label(praised: int, panned: int, mixed: int) -> AgreementLabel:
    """Praised or panned by a clear majority; divided when both sides are substantial."""
    sided = praised + panned
    if praised and panned and min(praised, panned) / sided >= DIVIDED_SHARE:
        return "divided"
    if praised > panned and praised >= mixed:
        return "praised"
    if panned > praised and panned >= mixed:
        return "panned"
    return "mixed"


def opinions_by_row(
    opinions: Sequence[ReviewOpinions],
) -> dict[tuple[Aspect, str | None], list[AspectOpinion]]:
    """Every opinion under its agreement row (aspect, and performer by fullest name)."""
    names = performer_names(o for ops in opinions for o in ops.aspects)
    rows: dict[tuple[Aspect, str | None], list[AspectOpinion]] = defaultdict(list)
    for ops in opinions:
        for o in ops.aspects:
            target = names.get(surname(o.target)) if o.target else None
            rows[(o.aspect, target)].append(o)
    return rows
