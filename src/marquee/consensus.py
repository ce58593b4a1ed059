"""Film-level agreement per aspect, and the consensus sentence written from it.

:func:`agreement` counts, for every aspect (and every performer), how many critics
praised it, panned it or were mixed — once per critic, however many sentences they spent
on it — and labels the split. A round-up's quoted critics ("The New York Post
criticizes …") are counted here as voices of their own, because their opinions are
explicit and attributed, and a round-up's author repeating them is not a second opinion;
they are keyed by outlet, so one outlet quoted by two round-ups counts once, and each
is credited only with what it is quoted saying. They are never counted into fresh %
(that comes from the reviews' scores elsewhere).

:func:`write_consensus` writes one or two sentences in the manner of Rotten Tomatoes'
Critics Consensus ("<Adjective> and <adjective>, <Director>'s <Title> is a <adjective>
<genre> with <strengths> and <performances>, though <reservation> …"): the film named
and credited to its director when critics credit it, what critics praised, then the
main reservation, and the performers they singled out or split on. Every word that
judges comes from the critics' own sentences (an adjective a critic used about that
aspect, on the same side), the rest from a small template that judges nothing
(:data:`TEMPLATE_WORDS`), and every clause carries the evidence behind it, so the
consensus never states what no review said. ROUGE against RT's own consensus rewards
the same things a reader wants: the critics' words, the film's people, its genre.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from marquee.opinions.aspects import cue_spans, franchise_names, judgements
from marquee.opinions.people import surname
from marquee.opinions.records import (
    ASPECTS,
    AgreementLabel,
    Aspect,
    AspectAgreement,
    AspectOpinion,
    Consensus,
    Evidence,
    Person,
    Polarity,
    ReviewOpinions,
)
from marquee.records import FRESH_AT, FilmFacts

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


def _performer_names(opinions: Iterable[AspectOpinion]) -> dict[str, str]:
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


# ── the consensus ──────────────────────────────────────────────────────────────────────

# Adjectives a consensus may echo. Which side a word takes comes from the opinions
# stage's judgement lexicon, and a word is echoed only from a critic's sentence whose
# polarity is on that side, so "never dull" is not turned into "dull".
_ADJECTIVES = frozenset(
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
    ingenious amusing rollicking exhilarating polished endearing appealing stellar
    sparkling involving essential landmark special unique
    bad poor awful terrible dreadful horrible abysmal atrocious weak flimsy thin
    flat lifeless dull boring tedious tiresome tired generic uninspired bland
    forgettable mediocre lackluster disappointing underwhelming messy sloppy clumsy
    clunky awkward stilted wooden hammy cheesy corny silly stupid dumb brainless
    mindless pointless needless unnecessary shallow hollow empty soulless derivative
    predictable formulaic trite stale contrived convoluted incoherent confusing
    muddled disjointed haphazard overlong slow sluggish plodding bloated uneven
    unconvincing implausible ridiculous laughable flawed wasted anaemic anemic
    underdeveloped underwritten gratuitous excessive overdone overwrought mawkish
    maudlin sentimental annoying irritating obnoxious dreary drab murky listless
    leaden inert limp lazy cynical subpar lame dated stiff unfunny
    tasteless crude juvenile pretentious ponderous pedestrian overblown
    """.split()  # noqa: SIM905
)
_GENERIC = frozenset("good great better best fine strong solid worthy perfect".split())  # noqa: SIM905
"""Praise so common it characterises nothing: a lead adjective only when no other fits."""
_GENRES = frozenset(
    """
    comedy thriller drama western musical romance documentary adventure fantasy
    horror satire epic mystery melodrama cartoon fable romp farce spoof parody
    biopic noir caper fairy-tale classic
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
_ECHOED_NOUNS = frozenset(
    """
    story script screenplay plot dialogue characters writing storytelling performances
    cast acting ensemble action stunts fights choreography direction score music
    soundtrack songs visuals cinematography animation effects images photography
    editing pacing humor jokes wit sets costumes design
    """.split()  # noqa: SIM905
)
"""The critics' own word for an aspect ("script", "animation") when they share one."""
TEMPLATE_WORDS = frozenset(
    """
    a an the is with and its though hold holds it back offers but let down by despite
    critics are divided on divides performance performances of s film ties
    """.split()  # noqa: SIM905
) | {w for noun in _NOUNS.values() for w in noun.split()}
"""Every word the writer adds of its own: none of them judges (a test holds it to that);
each judging word in a consensus is a critic's, from the evidence of its clause."""
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
MIN_SHARE = 0.1
"""Share of the critics (at least one) who must agree on an aspect before the consensus
names it among the film's strengths or faults."""
FRESH_SHARE = 0.5
ROTTEN_SHARE = 0.35
"""Without the film's fresh %: shares of critics on the positive side above which the
film reads as praised, and at or below which it reads as panned."""
PANNED_BELOW = 40.0
"""With the film's fresh %: at :data:`~marquee.records.FRESH_AT` and above the consensus
praises, below this it pans, between the two it weighs both sides (the same lines that
colour the fresh % and label the score)."""
LEAD_ADJECTIVES = 3
MAX_STRENGTHS = 3
MAX_FAULTS = 2
MAX_PERFORMERS = 2


@dataclass(frozen=True, slots=True)
class _Point:
    """One thing the consensus can say, with the words and evidence behind it."""

    phrase: str
    evidence: tuple[Evidence, ...]
    weight: int
    aspect: Aspect | None = None


def write_consensus(
    title: str,
    facts: FilmFacts,
    table: Sequence[AspectAgreement],
    opinions: Sequence[ReviewOpinions],
    *,
    fresh_percent: float | None = None,
) -> Consensus | None:
    """One or two sentences in the manner of Rotten Tomatoes' Critics Consensus: the film
    (and the maker critics credit it to) characterised in the critics' own adjectives,
    its strengths and the performers praised, then the main reservation, and the
    performers critics split on; None when the critics judged nothing.

    Which of these lead depends on the critics' split: a film most critics praise is
    described by its praise with the reservation after; one most pan, the other way
    round; a film that divides them says what works and then what does not.
    """
    tones = Counter(side for o in opinions if (side := _side(o)))
    rows = _opinions_by_row(opinions)
    franchise = _franchise_label(facts)
    least = max(1, math.ceil(MIN_SHARE * len(opinions)))
    cast = _performers(table, rows)
    strengths = [
        p
        for p in _points(table, rows, "positive", franchise, least)
        if not (cast and p.aspect == "performance")  # "the performances of A and B" says it
    ]
    faults = _points(table, rows, "negative", franchise, least)
    divided = [r for r in table if r.label == "divided" and r.aspect == "performance" and r.target]
    if not tones and not strengths and not faults and not divided:
        return None
    mood = _mood(fresh_percent, tones)
    named = _credited_title(title, opinions)
    clauses: list[tuple[str, tuple[Evidence, ...]]] = []
    lead = _lead(opinions, title, mood) if mood != "mixed" else None
    used = set(_tokens(lead.phrase)) if lead else set()
    strengths = _distinct(strengths, used)[:MAX_STRENGTHS]
    faults = _distinct(faults, used)[:MAX_FAULTS]
    if lead is None:
        first = _weighed(named, strengths, cast, faults, mood, clauses)
    elif mood == "positive":
        first = _verdict(named, lead, strengths, cast, faults, mood, clauses)
    else:
        first = _verdict(named, lead, faults, [], strengths, mood, clauses)
    second = _second_sentence(divided, clauses)
    text = " ".join(s for s in (first, second) if s)
    return Consensus(text=text, clauses=tuple(clauses), verdict=mood) if text else None


SIDES = ("positive", "negative")
_LETTERS = re.compile(r"[a-z]+")


def unsupported_words(consensus: Consensus, title: str) -> list[tuple[str, str]]:
    """(word, clause) for each word of a clause that neither the template, the title nor
    any sentence in that clause's evidence says: empty when the consensus states nothing
    no review said."""
    own = TEMPLATE_WORDS | set(_LETTERS.findall(title.lower()))
    missing = []
    for clause, evidence in consensus.clauses:
        said = set(_LETTERS.findall(" ".join(e.text for e in evidence).lower()))
        missing += [(w, clause) for w in _LETTERS.findall(clause.lower()) if w not in own | said]
    return missing


def _tokens(text: str) -> list[str]:
    return [m.group(0).lower() for m in _WORD.finditer(text)]


def _side_of(word: str) -> int:
    """+1 for a word of praise, -1 for one of blame, 0 for neither (the lexicon's say)."""
    return sum(sign for _, _, sign in judgements(word))


def _mood(fresh_percent: float | None, tones: Counter[Polarity]) -> Polarity:
    """The way the consensus leans: the film's fresh % when it has one (a mostly-rotten
    film is never written up as praised), else the critics' pull-quotes."""
    if fresh_percent is not None:
        if fresh_percent >= FRESH_AT:
            return "positive"
        return "negative" if fresh_percent < PANNED_BELOW else "mixed"
    share = tones["positive"] / max(1, tones["positive"] + tones["negative"])
    return "positive" if share >= FRESH_SHARE else "negative" if share <= ROTTEN_SHARE else "mixed"


def _lead(opinions: Sequence[ReviewOpinions], title: str, side: Polarity) -> _Point | None:
    """ "Charming, witty and inventive … a delightful comedy": the adjectives most critics
    on the film's side used (distinctive ones before stock praise), and the kind of film
    they called it."""
    sign = 1 if side == "positive" else -1
    own = set(_tokens(title))
    counts: Counter[str] = Counter()
    genres: Counter[str] = Counter()
    sources: dict[str, Evidence] = {}
    for o in opinions:
        texts = _said_on(o, side)
        words = {w for e in texts for w in _tokens(e.text)} - own
        counts.update(w for w in words if w in _ADJECTIVES and _side_of(w) == sign)
        genres.update({g for e in texts for g in _genres_in(e.text)} - own)
        for e in texts:
            for w in {*_tokens(e.text), *_genres_in(e.text)}:
                sources.setdefault(w, e)
    if not counts:
        return None
    ranked = sorted(counts, key=lambda w: (w in _GENERIC, -counts[w], -len(w), w))
    adjectives = ranked[:LEAD_ADJECTIVES]
    genre = next((g for g in _ranked(genres) if g not in adjectives), "film")
    *opening, last = adjectives
    phrase = f"{_article(last)} {genre}"
    if opening:
        phrase = f"{_join(opening).capitalize()}|{phrase}"
    evidence = tuple(dict.fromkeys(sources[w] for w in (*adjectives, genre) if w in sources))
    return _Point(phrase, evidence, sum(counts[w] for w in adjectives))


def _side(o: ReviewOpinions) -> Polarity | None:
    """Which side a critic takes: the verdict their pull-quote states, else the model's
    reading of their whole review."""
    return next((s for s in (o.pull_quote_polarity, o.verdict) if s in SIDES), None)


def _genres_in(text: str) -> set[str]:
    """The kinds of film a sentence calls it: "a screwball comedy", "this musical", but
    not "the musical score" or "comedy troupe" (there the word describes something else)."""
    return {m.group(1).lower() for m in _GENRE_WORD.finditer(text)}


_AFTER_GENRE = """
    film movie picture flick fare classic that which with of and or but is was in for
    from about to as at on by than this it its the a an whose where who
""".split()  # noqa: SIM905
_GENRE_WORD = re.compile(
    rf"\b({'|'.join(sorted(_GENRES, key=len, reverse=True))})\b"
    rf"(?=\s*(?:[^\w\s]|$)|\s+(?:{'|'.join(_AFTER_GENRE)})\b)",
    re.IGNORECASE,
)


def _ranked(counts: Counter[str]) -> list[str]:
    """Most counted first; ties in alphabetical order, so the same reviews always give
    the same sentence."""
    return sorted(counts, key=lambda w: (-counts[w], w))


def _said_on(o: ReviewOpinions, side: Polarity) -> list[Evidence]:
    """A review's verdict, its pull-quote, when it takes ``side`` (a sentence on one
    performer or one scene says nothing of the film as a whole)."""
    return [o.pull_quote] if o.pull_quote and o.pull_quote_polarity == side else []


def _credited_title(title: str, opinions: Sequence[ReviewOpinions]) -> _Point:
    """ "Alfred Hitchcock's Rebecca" when critics credit the film to its director (by the
    credits, or in so many words: "director X", "X's film"); else the title alone."""
    makers: Counter[str] = Counter()
    names: dict[str, Person] = {}
    for o in opinions:
        for p in o.people:
            if p.role == "director":
                key = surname(p.name)
                makers[key] += 1
                if len(p.name) > len(names.get(key, p).name) or key not in names:
                    names[key] = p
    if not makers:
        return _Point(title, (), 0)
    key = _ranked(makers)[0]
    votes = makers[key]
    maker = names[key]
    return _Point(f"{maker.name}'s {title}", (maker.evidence,), votes)


def _opinions_by_row(
    opinions: Sequence[ReviewOpinions],
) -> dict[tuple[Aspect, str | None], list[AspectOpinion]]:
    names = _performer_names(o for ops in opinions for o in ops.aspects)
    rows: dict[tuple[Aspect, str | None], list[AspectOpinion]] = defaultdict(list)
    for ops in opinions:
        for o in ops.aspects:
            target = names.get(surname(o.target)) if o.target else None
            rows[(o.aspect, target)].append(o)
    return rows


def _franchise_label(facts: FilmFacts) -> str | None:
    """ "John Wick ties" for a film of a named franchise; None when no franchise is known
    (a critic's "series" is then too vague to name)."""
    names = franchise_names(facts)
    return f"{names[0]} ties" if names else None


def _points(
    table: Sequence[AspectAgreement],
    by_row: dict[tuple[Aspect, str | None], list[AspectOpinion]],
    side: Polarity,
    franchise: str | None,
    least: int,
) -> list[_Point]:
    """The aspects at least ``least`` critics took ``side`` on, more than took the other
    (a split they lean to counts too), each phrased in their words ("witty script"),
    most critics first."""
    points = []
    for row in table:
        votes, against = (
            (row.praised, row.panned) if side == "positive" else (row.panned, row.praised)
        )
        if row.target or votes < least or votes <= against:
            continue
        if row.aspect == "franchise" and franchise is None:
            continue
        point = _point(row, by_row, side, franchise, votes)
        if point:
            points.append(point)
    return sorted(points, key=lambda p: -p.weight)


def _point(
    row: AspectAgreement,
    by_row: dict[tuple[Aspect, str | None], list[AspectOpinion]],
    side: Polarity,
    franchise: str | None,
    votes: int,
) -> _Point | None:
    backing = [o for o in by_row.get((row.aspect, row.target), []) if o.polarity == side]
    if not backing:
        return None
    sign = 1 if side == "positive" else -1
    adjective = _echo(backing, row.aspect, sign)
    noun = franchise if row.aspect == "franchise" and franchise else _noun(backing, row.aspect)
    phrase = f"{adjective} {noun}" if adjective else noun
    evidence = tuple(dict.fromkeys(o.evidence for o in backing))
    return _Point(phrase, evidence, votes, row.aspect)


def _noun(backing: Sequence[AspectOpinion], aspect: Aspect) -> str:
    """The word most of the critics used for the aspect ("script"), else its name."""
    counts = Counter(
        w
        for e in dict.fromkeys(o.evidence for o in backing)
        for w in set(_tokens(e.text))
        if w in _ECHOED_NOUNS and aspect in _aspects_of(w)
    )
    return _ranked(counts)[0] if counts else _NOUNS[aspect]


def _aspects_of(word: str) -> set[Aspect]:
    return {a for a in ASPECTS if cue_spans(word, a)}


def _performers(
    table: Sequence[AspectAgreement],
    by_row: dict[tuple[Aspect, str | None], list[AspectOpinion]],
) -> list[_Point]:
    """The performers critics praised, most praised first."""
    rows = [
        r
        for r in table
        if r.aspect == "performance" and r.target and r.label == "praised" and _nameable(r)
    ]
    rows.sort(key=lambda r: -r.praised)
    return [
        _Point(
            r.target or "",
            tuple(
                o.evidence for o in by_row.get((r.aspect, r.target), []) if o.polarity == "positive"
            ),
            r.praised,
        )
        for r in rows[:MAX_PERFORMERS]
    ]


def _nameable(row: AspectAgreement) -> bool:
    """A performer is named when two critics single them out, or one names them in full
    (a lone surname might be a place or a studio)."""
    votes = max(row.praised, row.panned)
    return votes >= 2 or len((row.target or "").split()) >= 2


def _echo(backing: Sequence[AspectOpinion], aspect: Aspect, sign: int) -> str | None:
    """The adjective on the side ``sign`` used most often within a few words of the
    aspect's cue."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for o in dict.fromkeys(o.evidence for o in backing):
        text = o.text
        spans = cue_spans(text, aspect) or [(0, len(text))]
        for m in _WORD.finditer(text):
            word = m.group(0).lower()
            if (
                word in _ADJECTIVES
                and _side_of(word) == sign
                and any(_near(m.span(), s, text) for s in spans)
            ):
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


def _distinct(points: Sequence[_Point], used: set[str]) -> list[_Point]:
    """The points with any adjective already said dropped ("the stunning performances"
    after "a stunning film" becomes "the performances")."""
    kept = []
    for p in points:
        words = p.phrase.split()
        if len(words) > 1 and words[0] in used:
            p = _Point(" ".join(words[1:]), p.evidence, p.weight, p.aspect)
        used.update(p.phrase.split()[:1])
        kept.append(p)
    return kept


def _the(points: Sequence[_Point]) -> str:
    return _join([f"the {p.phrase}" for p in points])


def _evidence(points: Sequence[_Point]) -> tuple[Evidence, ...]:
    return tuple(dict.fromkeys(e for p in points for e in p.evidence))


def _verdict(
    named: _Point,
    lead: _Point,
    good: Sequence[_Point],
    cast: Sequence[_Point],
    bad: Sequence[_Point],
    mood: Polarity,
    clauses: list[tuple[str, tuple[Evidence, ...]]],
) -> str:
    """ "Witty and charming, X's Title is a delightful comedy with the sharp script and
    the performances of A and B, though its thin plot holds it back." (or, for a film
    most critics pan, its faults first and what works after)."""
    adjectives, _, kind = lead.phrase.rpartition("|")
    text = f"{adjectives}, {named.phrase} is {kind}" if adjectives else f"{named.phrase} is {kind}"
    clauses.append((text, (*named.evidence, *lead.evidence)))
    with_what = [f"the {p.phrase}" for p in good]
    if cast:
        with_what.append(_performances(cast))
    if with_what:
        clause = f"with {_join(with_what)}"
        clauses.append((clause, _evidence([*good, *cast])))
        text += f" {clause}"
    if bad:
        if mood == "positive":
            clause = f"but its {_join([p.phrase for p in bad])} {_hold(bad)} it back"
        else:
            clause = f"despite {_the(bad)}"
        clauses.append((clause, _evidence(bad)))
        text += f", {clause}"
    return text + "."


def _performances(cast: Sequence[_Point]) -> str:
    noun = "performance" if len(cast) == 1 else "performances"
    return f"the {noun} of {_join([p.phrase for p in cast])}"


def _hold(faults: Sequence[_Point]) -> str:
    return "hold" if len(faults) > 1 or faults[0].phrase.endswith("s") else "holds"


def _weighed(
    named: _Point,
    good: Sequence[_Point],
    cast: Sequence[_Point],
    bad: Sequence[_Point],
    mood: Polarity,
    clauses: list[tuple[str, tuple[Evidence, ...]]],
) -> str:
    """For a film that divides its critics, or whose critics agree on no adjectives: what
    works, then what does not ("Title offers the breathtaking action and the electrifying
    score, but its thin story and its John Wick ties hold it back")."""
    offers = [f"the {p.phrase}" for p in good]
    if cast:
        offers.append(_performances(cast))
    parts = []
    if offers:
        parts.append(f"{named.phrase} offers {_join(offers)}")
        clauses.append((parts[-1], (*named.evidence, *_evidence([*good, *cast]))))
    if bad:
        faults = _join([f"its {p.phrase}" for p in bad])
        parts.append(
            f"but {faults} {_hold(bad)} it back"
            if parts
            else f"{named.phrase} is let down by {faults}"
        )
        clauses.append((parts[-1], _evidence(bad)))
    if not parts:
        if mood != "mixed":
            return ""  # one side prevails, but in no words a consensus could borrow
        parts.append(f"{named.phrase} divides critics")
        clauses.append((parts[-1], named.evidence))
    return ", ".join(parts) + "."


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
