"""Polarity of each aspect a sentence names: the trained model scores clauses, and rules
for contrast, concession and hedges decide what each clause's score means.

Critics rarely judge one thing per sentence. "Creative and enjoyable as the action
sequences are, it felt as if the filmmakers thought outside the box, but only just"
praises the action in a conceded clause and takes it back in the main one: the action is
*mixed*, not positive. "A worthy, if imperfect, addition" is praise with a hedge that must
not flip it. So a sentence is cut into clauses at contrast markers ("but", "yet",
"however", ";", "—") and subordinators ("while", "although", "despite", "ADJ as X is"),
the model scores every clause in one batch, and each aspect takes the polarity of the
clause that names it — *mixed* when a conceded clause is contradicted by a main clause
that judges nothing else.

The model is trained on whole pull-quotes and reviews, so on a short clause it often
sits near 0.5 ("The music … is electrifying" reads 0.52). Each clause's score is
therefore combined with the judgement words the clause itself uses ("electrifying",
"flimsy", "meh"), turned round where the critic turns them round: after a negation
("never dull"), in a counterfactual ("could have been great", "I wish they had …") or
capped by "at best". The model's log-odds and the words' lean are added, so a clear
model reading stands and a clause the model cannot read is decided by its words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from marquee.errors import ScoringError
from marquee.opinions.cues import judgements
from marquee.opinions.records import Polarity, SentencePolarity
from marquee.text import tokenize
from marquee.wordlists import word_list

POSITIVE_AT = 0.6
NEGATIVE_AT = 0.4
"""P(positive) at or above which a clause praises, at or below which it blames."""

_SEPARATORS = re.compile(r"\s*(?:;|\s—\s|—|\s–\s|\s--\s|\.\.\.)\s*")
_CONTRAST = re.compile(
    r",?\s+(?:but|yet|however|whereas|except(?:\s+for)?|though(?=\s+\w+\s)|"
    r"although|even\s+though|while|whilst|nonetheless|nevertheless)\b,?\s*",
    re.IGNORECASE,
)
_SUBORDINATE = re.compile(
    r"^(?:while|whilst|although|though|even\s+though|even\s+if|despite|in\s+spite\s+of|"
    r"for\s+all|aside\s+from|apart\s+from|if|starting\s+(?:off|out)|beginning)\b",
    re.IGNORECASE,
)
_AS_CONCESSION = re.compile(
    r"^(?:\w+(?:\s*,\s*|\s+and\s+|\s+))*\w+\s+as\s+[^,]{1,60}?\s+(?:is|are|was|were|may\s+be)\s*,",
    re.IGNORECASE,
)
_HEDGE = re.compile(r",\s*if\s+[\w\s-]{1,30}?,|\(\s*if\s+[^)]{1,30}\)", re.IGNORECASE)
_TAKEBACK = re.compile(r"\bbut\s+only\s+just\b|\bonly\s+just\b", re.IGNORECASE)
_EFFORT = re.compile(
    r"\b(?:tr(?:y|ies|ied|ying)\s+(?:his|her|their|its|my|our|your)\s+(?:very\s+)?"
    r"(?:best|hardest)|try\s+as\s+(?:they|he|she|it|we)\s+might|does\s+(?:his|her|their|its)"
    r"\s+best)\b",
    re.IGNORECASE,
)
"""Effort, not success: "tries her best" praises no result (the clause after says how it went)."""
_CONTINUES = re.compile(
    r"^(?:is|was|are|were|has|had|have|does|did|feels?|felt|seems?|seemed|gets?|got|ends?|"
    r"ended|falls?|fell|lacks?|lacked|remains?|remained|never|also|still|ultimately|"
    r"just|only|comes?|came|proves?|proved|can't|cannot|can’t)\b",
    re.IGNORECASE,
)
"""A main clause with no subject of its own ("…, but is thwarted by …") goes on about the
conceded clause's subject."""
_NEGATORS = frozenset(word_list("marquee.opinions", "negators"))
_NEGATION_REACH = 3
_COUNTERFACTUAL = re.compile(
    r"\b(?:could|would|should|might)(?:\s+have|'ve|’ve)\s+been\b|\b(?:could|would|should|"
    r"might)(?:\s+have|'ve|’ve)\s+(?:gotten|become|made|worked)\b|\bi\s+wish\b|"
    r"\bif\s+only\b|\bhad\s+(?:the|great)\s+potential\b",
    re.IGNORECASE,
)
_PRAISE_WITHHELD = re.compile(
    r"\bthan\s+(?:[\w'’]+\s+){0,3}(?:allows|allowed|lets|permits|permitted)\b|"
    r"\b(?:better|more\s+\w+)\s+(?:\w+\s+)?(?:in|than\s+in)\s+(?:[A-Z]\w*['’]s\s+)?[A-Z]"
)
"""Praise that belongs elsewhere: "a far better talent than the film allows her to
demonstrate" (wasted), "her skills better demonstrated in No Time to Die" (another film)."""
_AT_BEST = re.compile(r"\s+at\s+(?:best|worst)\b", re.IGNORECASE)
LEAN_WEIGHT = 1.2
"""Log-odds each judgement word adds to the model's reading of its clause."""


@dataclass(frozen=True, slots=True)
class Clause:
    """A span of a sentence; ``conceded`` when the sentence grants it only to contradict it."""

    text: str
    start: int
    end: int
    conceded: bool


def clauses(sentence: str) -> tuple[Clause, ...]:
    """Cut a sentence at separators and contrast markers, marking conceded clauses."""
    result: list[Clause] = []
    for start, end in _spans(sentence, _SEPARATORS):
        result.extend(_contrast_clauses(sentence, start, end))
    return tuple(c for c in result if c.text.strip(" ,.;:—-"))


def _spans(
    text: str, pattern: re.Pattern[str], start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    spans, cursor = [], start
    for m in pattern.finditer(text, start, end):
        spans.append((cursor, m.start()))
        cursor = m.end()
    spans.append((cursor, end))
    return [(a, b) for a, b in spans if b > a]


def _contrast_clauses(sentence: str, start: int, end: int) -> list[Clause]:
    """Before a contrast marker is conceded, after it is main; a leading subordinate
    clause ("While X, Y", "Creative as X is, Y") is conceded up to its comma."""
    marks = list(_CONTRAST.finditer(sentence, start, end))
    if not marks:
        return _subordinate_split(sentence, start, end)
    cut = marks[0]
    word = cut.group(0).strip(" ,").lower()
    before, after = (start, cut.start()), (cut.end(), end)
    if word.startswith(("though", "although", "even though", "while", "whilst")):
        # "Y, though X" / "Y, while X": the clause after the marker is the concession.
        return [
            Clause(sentence[before[0] : before[1]], *before, conceded=False),
            Clause(sentence[after[0] : after[1]], *after, conceded=True),
        ]
    return [
        *(_mark(c, conceded=True) for c in _subordinate_split(sentence, *before)),
        *_contrast_clauses(sentence, *after),
    ]


def _subordinate_split(sentence: str, start: int, end: int) -> list[Clause]:
    text = sentence[start:end]
    lead = _SUBORDINATE.match(text) or _AS_CONCESSION.match(text)
    comma = text.find(",", lead.end() - 1 if lead else 0) if lead else -1
    if lead and 0 < comma < len(text) - 1:
        return [
            Clause(text[:comma], start, start + comma, conceded=True),
            Clause(text[comma + 1 :], start + comma + 1, end, conceded=False),
        ]
    return [Clause(text, start, end, conceded=False)]


def _mark(clause: Clause, *, conceded: bool) -> Clause:
    return Clause(clause.text, clause.start, clause.end, conceded or clause.conceded)


def unhedged(text: str) -> str:
    """The text the model should score: hedges like ", if imperfect," removed, so a
    grudging qualifier does not outvote the praise it qualifies, and effort ("tries her
    best") reduced to the attempt, so it does not read as praise of the result."""
    return " ".join(_EFFORT.sub("tries", _HEDGE.sub(",", text)).split())


def lean(text: str) -> float:
    """The clause's judgement words summed, +1 each for praise and -1 for blame, each
    turned round after a negator ("never dull"; a turned-round blame counts half, "not
    bad" is faint praise). Anything said in a counterfactual counts as blame ("could have
    been great" is praise not delivered, "I wish they had not shoehorned him in" a
    complaint), and so does anything capped by "at best"."""
    text = unhedged(text)
    words = tokenize(text)
    negated_until = -1
    negator_at: dict[int, int] = {}
    for i, (start, _, word) in enumerate(words):
        following = words[i + 1][2] if i + 1 < len(words) else ""
        if _negator_itself(word) and following != "only":  # "not only … but" negates nothing
            negated_until = i + _NEGATION_REACH
        negator_at[start] = negated_until
    unreal = [m.start() for m in _COUNTERFACTUAL.finditer(text)]
    withheld = bool(_PRAISE_WITHHELD.search(text))
    capped = [m.start() for m in _AT_BEST.finditer(text)]
    index = {start: i for i, (start, _, _) in enumerate(words)}
    total = 0.0
    for start, end, sign in judgements(text):
        i = index.get(start, 0)
        if any(c <= start < c + 12 for c in capped):
            continue  # the "best" of "at best" is no praise
        if (
            any(end <= c <= end + 1 for c in capped)
            or any(u < start for u in unreal)
            or (withheld and sign > 0)
        ):
            total -= 1  # "good at best"; "could have been great", "wish they had not …"
        elif i <= negator_at.get(start, -1) and not _negator_itself(words[i][2]):
            total += -1 if sign > 0 else 0.5
        else:
            total += sign
    return total


def _negator_itself(word: str) -> bool:
    return word in _NEGATORS or word.endswith("n't")


def combined(p: float, text: str) -> float:
    """The model's P(positive) for ``text`` shifted by the lean of its judgement words."""
    p = min(max(p, 1e-3), 1 - 1e-3)
    logit = math.log(p / (1 - p)) + LEAN_WEIGHT * lean(text)
    return 1 / (1 + math.exp(-logit))


def label(p: float) -> Polarity | None:
    """Positive, negative, or None when the model is unsure."""
    if p >= POSITIVE_AT:
        return "positive"
    if p <= NEGATIVE_AT:
        return "negative"
    return None


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    """A sentence's clauses with the model's P(positive) for each and for the whole."""

    text: str
    clauses: tuple[Clause, ...]
    clause_p: tuple[float, ...]
    sentence_p: float

    @property
    def verdict_p(self) -> float:
        """P(positive) of what the sentence finally says: its main clauses ("Despite some
        subpar writing, it's refreshing to see …" is praise)."""
        main = [p for c, p in zip(self.clauses, self.clause_p, strict=True) if not c.conceded]
        return sum(main) / len(main) if main else self.sentence_p

    def _continued(self, i: int) -> Polarity | None:
        """The polarity of the main clause right after conceded clause ``i`` when it has
        no subject of its own, so it goes on judging the conceded clause's subject."""
        if i + 1 >= len(self.clauses) or not self.clauses[i].conceded:
            return None
        after = self.clauses[i + 1]
        if after.conceded or not _CONTINUES.match(after.text.lstrip(" ,")):
            return None
        return label(self.clause_p[i + 1])

    def clause_index(self, offset: int) -> int:
        """The clause containing character ``offset`` (the nearest one before it)."""
        return max((k for k, c in enumerate(self.clauses) if c.start <= offset), default=0)

    def polarity_at(self, offset: int, *, judged_elsewhere: bool) -> Polarity:
        """The polarity of an aspect named at ``offset``.

        ``judged_elsewhere`` says whether some other clause names an aspect of its own;
        when none does, a main clause that contradicts a conceded one is about the same
        thing, so the aspect is mixed.
        """
        i = self.clause_index(offset)
        clause = self.clauses[i] if self.clauses else None
        own = label(self.clause_p[i]) if clause else None
        whole = label(self.sentence_p)
        follow = self._continued(i)
        if follow is not None:
            # "X tries her best, but is thwarted": the main clause goes on about X.
            return "mixed" if own and own != follow else follow
        if clause is not None and clause.conceded and not judged_elsewhere:
            mains = [
                label(p) for c, p in zip(self.clauses, self.clause_p, strict=True) if not c.conceded
            ]
            if own and any(m and m != own for m in mains):
                return "mixed"
        if clause is not None and _TAKEBACK.search(self.text) and (own or whole) == "positive":
            return "mixed"
        return own or whole or "mixed"


def score_sentences(texts: Sequence[str], polarity: SentencePolarity) -> list[ScoredSentence]:
    """Clause and sentence scores for many sentences in one batched model call."""
    cut = [clauses(t) for t in texts]
    batch = [unhedged(t) for t in texts]
    for parts in cut:
        if len(parts) > 1:
            batch.extend(unhedged(c.text) for c in parts)
    scores = [float(p) for p in polarity(batch)] if batch else []
    sentence_p, clause_p = scores[: len(texts)], iter(scores[len(texts) :])
    result = []
    for text, parts, p in zip(texts, cut, sentence_p, strict=True):
        whole = combined(p, text)
        ps = (
            tuple(combined(next(clause_p), c.text) for c in parts)
            if len(parts) > 1
            else (whole,) * len(parts)
        )
        result.append(ScoredSentence(text, parts, ps, whole))
    return result


def model_polarity(artifact: str | None = None) -> SentencePolarity:
    """The project's trained scoring model (or the one at ``artifact``: a dev-split model
    when developing against the dev split) as a polarity function (P(fresh) per text)."""
    try:
        from marquee.model import load_model
    except ImportError as err:
        raise ScoringError("the scoring model (marquee.model) is not installed") from err
    model = load_model(artifact)

    def predict(texts: Sequence[str]) -> list[float]:
        # every sentence of every review: the n-gram views alone (the encoder, which reads
        # the doubtful short texts again for a review's own score, is 30 times slower)
        return [p.p_fresh for p in model.predict(list(texts), encoder=False)] if texts else []

    return predict
