"""Film-level agreement per aspect, and the consensus sentence written from it.

:func:`agreement` counts, for every aspect (and every performer), how many critics
praised it, panned it or were mixed — once per critic, however many sentences they spent
on it — and labels the split. A round-up's quoted critics ("The New York Post
criticizes …") are counted here as voices of their own, because their opinions are
explicit and attributed, and a round-up's author repeating them is not a second opinion;
they are keyed by outlet, so one outlet quoted by two round-ups counts once. They are
never counted into fresh % (that comes from the reviews' scores elsewhere).

:func:`write_consensus` writes one or two sentences in the manner of Rotten Tomatoes'
Critics Consensus: the film named, what critics praised, then the main reservation, and
the performers they singled out. Every word that judges comes from the critics' own
sentences (an adjective a critic used about that aspect, on the same side), and every
clause carries the evidence behind it, so the consensus never states what no review said.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from marquee.opinions.aspects import cue_spans, franchise_names
from marquee.opinions.records import (
    ASPECTS,
    AgreementLabel,
    Aspect,
    AspectAgreement,
    AspectOpinion,
    Consensus,
    Evidence,
    Polarity,
    ReviewOpinions,
)
from marquee.records import FilmFacts

DIVIDED_SHARE = 1 / 3
"""A split is *divided* when the smaller side has at least this share of those taking sides."""

Voice = tuple[str, str]  # ("review", "3") or ("outlet", "the new york post")


# ── agreement ──────────────────────────────────────────────────────────────────────────


def agreement(opinions: Sequence[ReviewOpinions]) -> tuple[AspectAgreement, ...]:
    """Per aspect and performer: critics praising, panning and mixed, most-discussed first."""
    stances: dict[tuple[Aspect, str | None], dict[Voice, list[AspectOpinion]]] = defaultdict(
        lambda: defaultdict(list)
    )
    names = _performer_names(o for ops in opinions for o in ops.aspects)
    for voice, opinion in _voiced(opinions):
        target = names.get(_surname(opinion.target)) if opinion.target else None
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


def _surname(name: str | None) -> str:
    return (name or "").split()[-1].lower().strip(".'’") if name else ""


def _performer_names(opinions: Iterable[AspectOpinion]) -> dict[str, str]:
    """Surname → the fullest form any critic used ("Keaton" and "Buster Keaton" are one)."""
    best: dict[str, str] = {}
    for o in opinions:
        if o.aspect == "performance" and o.target:
            key = _surname(o.target)
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


# ── the consensus ──────────────────────────────────────────────────────────────────────

# Judgement adjectives a consensus may echo, by the side they take. A word is echoed only
# from a critic's sentence whose polarity (from the model) is on the same side, so "never
# dull" is not turned into "dull".
_PRAISE = frozenset(
    """
    good great excellent superb terrific wonderful brilliant fantastic fabulous
    outstanding remarkable impressive memorable masterful stunning breathtaking
    gorgeous beautiful lovely elegant exquisite powerful compelling engaging
    engrossing gripping riveting thrilling exciting entertaining enjoyable fun funny
    hilarious charming delightful witty clever smart intelligent inventive creative
    fresh refreshing inspired sharp stylish sleek fluid kinetic dynamic electrifying
    spectacular solid strong confident effortless seamless nuanced subtle moving
    touching heartfelt poignant affecting rich layered intriguing fascinating
    absorbing vibrant vivid lively energetic buoyant crisp tight taut tense
    suspenseful scary believable convincing likable welcome worthy perfect flawless
    admirable deft skillful accomplished assured handsome lush striking magnetic
    mesmerizing hypnotic captivating fierce precise dazzling impeccable splendid
    sublime glorious joyous rousing satisfying spellbinding haunting ambitious
    daring bold uncompromising sweet tender warm wise thoughtful provocative
    imaginative atmospheric visceral unforgettable timeless classic charismatic
    ingenious hilarious amusing rollicking exhilarating polished
    """.split()  # noqa: SIM905
)
_BLAME = frozenset(
    """
    bad poor awful terrible dreadful horrible abysmal atrocious weak flimsy thin
    flat lifeless dull boring tedious tiresome tired generic uninspired bland
    forgettable mediocre lackluster disappointing underwhelming messy sloppy clumsy
    clunky awkward stilted wooden hammy cheesy corny silly stupid dumb brainless
    mindless pointless needless unnecessary shallow hollow empty soulless derivative
    predictable formulaic trite stale contrived convoluted incoherent confusing
    muddled disjointed haphazard overlong slow sluggish plodding bloated uneven
    unconvincing implausible ridiculous laughable flawed wasted anaemic anemic
    underdeveloped underwritten gratuitous excessive overdone overwrought heavy-
    handed mawkish maudlin sentimental annoying irritating obnoxious dreary drab
    murky listless leaden inert limp lazy cynical desperate subpar lame dated stiff
    shoehorned unfunny tasteless crude juvenile pretentious overwrought ponderous
    """.split()  # noqa: SIM905
)
_NOUNS: dict[Aspect, str] = {
    "story": "story",
    "performance": "performances",
    "action": "action",
    "direction": "direction",
    "music": "score",
    "visuals": "visuals",
    "editing": "editing",
    "pacing": "pacing",
    "franchise": "franchise ties",
    "humour": "humor",
    "production": "production design",
}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
THE = "the "  # an aspect is "the score" among strengths and "its score" among faults
MIN_VOICES = 1
"""Critics needed before an aspect is named in the consensus."""


@dataclass(frozen=True, slots=True)
class _Point:
    """One thing the consensus can say, with the words and evidence behind it."""

    phrase: str
    evidence: tuple[Evidence, ...]
    weight: int


def write_consensus(
    title: str,
    facts: FilmFacts,
    table: Sequence[AspectAgreement],
    opinions: Sequence[ReviewOpinions],
) -> Consensus | None:
    """One or two sentences: the film named and characterised in its critics' words, what
    they praised, then the main reservation, and the performers they split on; None when
    the critics judged nothing."""
    by_row = _opinions_by_row(opinions)
    franchise = _franchise_label(facts)
    points = {
        side: sorted(
            (
                p
                for r in table
                if r.label == label
                and r.aspect != "performance"
                or (r.label == label and r.target and _nameable(r))
                for p in [_point(r, by_row, side, franchise)]
                if p
            ),
            key=lambda p: -p.weight,
        )
        for side, label in (("positive", "praised"), ("negative", "panned"))
    }
    praised, panned = points["positive"][:3], points["negative"][:2]
    divided = [r for r in table if r.label == "divided" and r.aspect == "performance" and r.target]
    lead = _lead(opinions, title)
    if lead is None and not praised and not panned and not divided:
        return None
    clauses: list[tuple[str, tuple[Evidence, ...]]] = []
    first = _first_sentence(title, lead, praised, panned, clauses)
    second = _second_sentence(divided, clauses)
    text = " ".join(s for s in (first, second) if s)
    return Consensus(text=text, clauses=tuple(clauses))


def _nameable(row: AspectAgreement) -> bool:
    """A performer is named when two critics single them out, or one names them in full
    (a lone surname might be a place or a studio)."""
    votes = max(row.praised, row.panned)
    return votes >= 2 or len((row.target or "").split()) >= 2


_GENRES = """
    comedy thriller drama western musical romance documentary adventure fantasy
    horror satire epic mystery melodrama cartoon fable romp farce spoof parody
    biopic noir caper saga fairy-tale classic
""".split()  # noqa: SIM905


def _lead(opinions: Sequence[ReviewOpinions], title: str) -> _Point | None:
    """The lead, "a charming, inventive comedy": the critics' majority verdict in the
    adjectives they used most on that side in their pull-quotes, and the kind of film
    they called it."""
    tones = Counter(o.pull_quote_polarity for o in opinions if o.pull_quote_polarity in SIDES)
    if not tones:
        return None
    tone = max(tones, key=lambda t: (tones[t], t == "positive"))
    quotes = [o.pull_quote for o in opinions if o.pull_quote and o.pull_quote_polarity == tone]
    words = (_PRAISE if tone == "positive" else _BLAME) - set(_tokens(title))
    counts: Counter[str] = Counter()
    for q in quotes:
        counts.update({w for w in _tokens(q.text) if w in words})
    kinds = set(_GENRES) - set(_tokens(title))
    genres = Counter(
        w for o in opinions if o.pull_quote for w in set(_tokens(o.pull_quote.text)) if w in kinds
    )
    adjectives = [w for w, _ in counts.most_common(LEAD_ADJECTIVES)]
    genre = genres.most_common(1)[0][0] if genres else "film"
    if not adjectives:
        return None
    *opening, last = adjectives
    phrase = f"{_article(last)} {genre}"
    if opening:
        phrase = f"{_join(opening).capitalize()}|{phrase}"
    used = {*adjectives, genre}
    evidence = tuple(q for q in quotes if used & set(_tokens(q.text)))
    return _Point(phrase, evidence, tones[tone])


SIDES = ("positive", "negative")
LEAD_ADJECTIVES = 3


def _tokens(text: str) -> list[str]:
    return [m.group(0).lower() for m in _WORD.finditer(text)]


def _opinions_by_row(
    opinions: Sequence[ReviewOpinions],
) -> dict[tuple[Aspect, str | None], list[AspectOpinion]]:
    names = _performer_names(o for ops in opinions for o in ops.aspects)
    rows: dict[tuple[Aspect, str | None], list[AspectOpinion]] = defaultdict(list)
    for ops in opinions:
        for o in ops.aspects:
            target = names.get(_surname(o.target)) if o.target else None
            rows[(o.aspect, target)].append(o)
    return rows


def _franchise_label(facts: FilmFacts) -> str:
    names = franchise_names(facts)
    return f"{names[0]} ties" if names else _NOUNS["franchise"]


def _point(
    row: AspectAgreement,
    by_row: dict[tuple[Aspect, str | None], list[AspectOpinion]],
    side: Polarity,
    franchise: str,
) -> _Point | None:
    """The phrase naming one praised or panned row ("electrifying score"), echoing the
    adjective critics on that side used most near the aspect."""
    backing = [o for o in by_row.get((row.aspect, row.target), []) if o.polarity == side]
    if not backing:
        return None
    adjective = _echo(backing, row.aspect, _PRAISE if side == "positive" else _BLAME)
    if row.aspect == "performance" and row.target:
        phrase = (
            f"{_article(adjective)} performance from {row.target}"
            if adjective
            else (f"{row.target}'s performance")
        )
    else:
        noun = franchise if row.aspect == "franchise" else _NOUNS[row.aspect]
        phrase = f"{THE}{adjective} {noun}" if adjective else f"{THE}{noun}"
    evidence = tuple(dict.fromkeys(o.evidence for o in backing))
    return _Point(phrase, evidence, row.praised if side == "positive" else row.panned)


def _echo(backing: Sequence[AspectOpinion], aspect: Aspect, words: frozenset[str]) -> str | None:
    """The side's adjective used most often within a few words of the aspect's cue."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for o in dict.fromkeys(o.evidence for o in backing):
        text = o.text
        spans = cue_spans(text, aspect) or [(0, len(text))]
        for m in _WORD.finditer(text):
            word = m.group(0).lower()
            if word in words and any(_near(m.span(), s, text) for s in spans):
                counts[word] += 1
                first_seen.setdefault(word, len(first_seen))
    if not counts:
        return None
    return max(counts, key=lambda w: (counts[w], -first_seen[w]))


def _near(word: tuple[int, int], cue: tuple[int, int], text: str, reach: int = 5) -> bool:
    """Within ``reach`` words of the cue, in the same clause."""
    lo, hi = sorted((word[0], cue[0]))
    between = text[lo:hi]
    return len(between.split()) <= reach and not re.search(r"[;:—]|\bbut\b", between)


def _article(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def _join(phrases: Sequence[str]) -> str:
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _first_sentence(
    title: str,
    lead: _Point | None,
    praised: Sequence[_Point],
    panned: Sequence[_Point],
    clauses: list[tuple[str, tuple[Evidence, ...]]],
) -> str:
    """ "X is a charming comedy with A and B, though its C holds it back"."""
    parts: list[str] = []
    if lead:
        opening, _, kind = lead.phrase.rpartition("|")
        parts.append(f"{opening}, {title} is {kind}" if opening else f"{title} is {kind}")
        clauses.append((parts[-1], lead.evidence))
    if praised:
        strengths = _join([p.phrase for p in praised])
        parts.append(f"with {strengths}" if lead else f"{title} offers {strengths}")
        clauses.append((parts[-1], tuple(e for p in praised for e in p.evidence)))
    if panned:
        faults = _join([f"its {p.phrase.removeprefix(THE)}" for p in panned])
        verb = "hold" if len(panned) > 1 or panned[0].phrase.endswith("s") else "holds"
        parts.append(
            f"though {faults} {verb} it back" if parts else f"{title} is let down by {faults}"
        )
        clauses.append((parts[-1], tuple(e for p in panned for e in p.evidence)))
    if not parts:
        return ""
    text = " ".join(parts[:2]) if lead and praised else parts[0]
    rest = parts[2:] if lead and praised else parts[1:]
    return text + "".join(f", {r}" for r in rest) + "."


def _second_sentence(
    divided: Sequence[AspectAgreement], clauses: list[tuple[str, tuple[Evidence, ...]]]
) -> str:
    """The performers critics split on, each with one quote per side."""
    if not divided:
        return ""
    names = [r.target for r in divided if r.target]
    text = f"Critics are divided on {_join(names)}"
    evidence = tuple(e for r in divided for e in (r.praise_quote, r.pan_quote) if e)
    clauses.append((text, evidence))
    return text + "."
