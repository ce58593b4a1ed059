"""The grammar of printed scores: one expression → a value on 0–100.

Every form a critic prints ("7/10", "3 1/2/5", "★★★½", "***1/2", "three and a half stars
out of four", "B+", "85%", a bare "2" under a Rating heading) is one alternative of a single
regular expression, so finding scores inside a document and parsing one expression share
the same rules. What an expression may be trusted with depends on where it stands: a
fraction carries its own scale and may sit in prose; a bare number or letter means
nothing without a label or heading, so :class:`Reading` records which kind matched and
the caller (``_locate``) decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from marquee.records import Score

Kind = Literal["glyphs", "asterisks", "star_words", "fraction", "percent", "grade", "bare"]

SELF_SCALED: Final = frozenset({"glyphs", "asterisks", "star_words", "fraction", "percent"})
"""Kinds whose text states the scale, so prose may follow them on the same line."""

FRACTION_SCALES: Final = frozenset({4.0, 5.0, 10.0, 20.0, 100.0})
"""Denominators critics use. Others are quantities or dates: 24/7, 9/11, 1/2 hour, 2/3."""

STAR_SCALES: Final = frozenset({4.0, 5.0, 10.0})

DEFAULT_STAR_SCALE: Final = 5.0
DEFAULT_ASTERISK_SCALE: Final = 4.0
"""Asterisk ratings ("***1/2") come from the print and Usenet tradition of four stars."""

MAX_EXPRESSION: Final = 300
"""Longer text is prose, not one score expression."""
LABELS: Final = ("rating", "score", "grade", "verdict", "mark", "stars", "total", "overall")
LABEL_WORDS: Final = f"(?:{'|'.join(LABELS)})"
"""The words that label a score, and so cannot themselves be a sub-score's label."""
TITLE_WITH_YEAR: Final = re.compile(r"\((?:19|20)\d\d\)")
"""A film's year in brackets: a score beside it belongs to that film, not the review's."""

# Metacritic's letter-grade conversion, as the brief gives it from Metacritic's FAQ ("How We
# Create the Metascore Magic", metacritic.com/about-metascores). Checked with the search tool
# against Metacritic's own help article "Entertainment Weekly gave my favorite movie a B+. Why
# does Metacritic list their grade as an 83?" (A = 100, F = 0, B+ = 83) and against press that
# quotes Metacritic for B- = 67, C = 50 and A+ = A = 100. The other rows are the same equal
# steps of 8⅓ from A down to F, rounded as Metacritic prints them (D- 16, F+ 8); F- is 0.
GRADE_VALUES: Final[dict[str, int]] = {
    "A+": 100, "A": 100, "A-": 91,
    "B+": 83, "B": 75, "B-": 67,
    "C+": 58, "C": 50, "C-": 42,
    "D+": 33, "D": 25, "D-": 16,
    "F+": 8, "F": 0, "F-": 0,
}  # fmt: skip

NUMBER_WORDS: Final[dict[str, int]] = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "hundred": 100,
}  # fmt: skip

_WORD = r"(?:zero|no|one|two|three|four|five|six|seven|eight|nine|ten)"
_NUM = r"(?:\d{1,3}(?:\.\d{1,2}\d*)?|\.\d{1,2})"
"""A number as critics and exports print it: "7", "3.5", ".5", and an export's "8.71245284"."""
_SCALE = r"(?:\d{1,3}(?:\.0)?|four|five|ten|hundred)"
_HALF = r"(?:½|1/2)"
_FILLED, _EMPTY, _HALF_GLYPH = "★⭐✪✭✮✯", "☆✩", "⯨⯩⯪⯫"

EXPRESSION: Final = re.compile(
    rf"""
    (?P<glyphs>
        (?=[{_FILLED}{_EMPTY}{_HALF_GLYPH}])
        (?P<g_full>[{_FILLED}]*)\s?(?P<g_half>{_HALF}|[{_HALF_GLYPH}])?(?P<g_empty>[{_EMPTY}]*)
        (?:\s*(?:out\s+of|/)\s*(?P<g_scale>{_SCALE}))?
    )
  | (?P<asterisks>
        (?<![\w*])
        (?:(?P<a_half_only>{_HALF})\s?\*
          |(?P<a_full>\*(?:\ \*){{1,4}}|\*{{1,5}})(?P<a_half>\s?{_HALF})?)
        (?:\s*(?:out\s+of|/)\s*(?P<a_scale>\*{{1,5}}|{_SCALE}))?
        (?![\w*])
    )
  | (?P<star_words>
        (?<![\w.,/])
        (?:(?P<s_half_only>{_HALF}|half(?:\s+a)?|(?:a|one)\s+half)
          |(?P<s_count>{_NUM}|{_WORD}|an?)(?P<s_half>\s*{_HALF}|\s+and\s+a\s+half|-and-a-half)?)
        \s*(?:of\s+(?:a|one)\s+)?(?:-?\s*stars?\b|\*(?![\w*]|\s?{_HALF}))
        (?P<s_half_after>\s+and\s+a\s+half\b)?
        (?:\s+(?:out\s+of|/|of)\s+(?P<s_scale>{_SCALE})(?:\s+stars)?\b)?
    )
  | (?P<fraction>
        (?<![\w.,/$£€:])
        (?:(?P<f_num>{_NUM})(?P<f_half>\s+1/2|\s?½)?\s*(?:/|out\s+of)\s*(?P<f_den>{_NUM})
          |(?P<f_wnum>{_WORD})\s+out\s+of\s+(?P<f_wden>four|five|ten|hundred))
        (?!\.?\d|\s*/\s*\d|:\d)
        (?:\s*(?:stars?|points?)\b)?
    )
  | (?P<percent>(?<![\w.,/$£€])(?P<p_num>{_NUM})\s?(?:%|percent\b|per\s+cent\b))
  | (?P<grade>
        (?<![\w+\-−–])
        (?P<letter>[a-df])(?P<modifier>[\s\-](?:plus|minus)\b|[+\-−–])?
        (?![\w+\-−–])
    )
  | (?P<bare>(?<![\w.,/$£€:])(?P<b_num>{_NUM})(?![\w%]|[.,:/]\d))
    """,
    re.VERBOSE | re.IGNORECASE,
)

STRICT_END: Final = re.compile(r"(?:\*\*|__)?\s*(?:$|[.,;:!?)(\[\]|/–—-])")
"""What may follow a bare number or a letter: the end, punctuation or a bracket."""

LOOSE_END: Final = re.compile(r"(?:\*\*|__)?(?![\w%])")
"""What may follow a self-scaled expression: anything but more of a word or number."""


@dataclass(frozen=True, slots=True)
class Reading:
    """One score expression: its value on 0–100, its exact text, its kind and place."""

    value: float
    raw: str
    kind: Kind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Scale:
    """The range a context declares, "Rating (0 to 10):" or JSON-LD best/worst rating."""

    best: float
    worst: float = 0.0


def as_score(reading: Reading) -> Score:
    """A reading as the review's stated score."""
    return Score(value=reading.value, raw=reading.raw, explicit=True)


def number(text: str) -> float | None:
    """A numeral or number word as a float; None when it is neither."""
    text = text.strip().lower()
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    try:
        return float(text)
    except ValueError:
        return None


def read_at(
    text: str,
    pos: int = 0,
    *,
    scale: Scale | None = None,
    legend: Scale | None = None,
) -> Reading | None:
    """The score expression starting exactly at ``pos``, or None.

    ``scale`` is a range the context declared for a bare number ("Rating (0 to 10):");
    ``legend`` the range of a star legend printed elsewhere in the document ("***** =
    Perfection … * = Awful"), which star counts without their own "out of" are on.
    """
    match = EXPRESSION.match(text, pos)
    if match is None or match.end() == pos:
        return None
    kind: Kind = match.lastgroup  # type: ignore[assignment]
    value = _VALUE_OF[kind](match, scale, legend)
    ender = LOOSE_END if kind in SELF_SCALED or (kind == "bare" and scale) else STRICT_END
    if value is None or not ender.match(text, match.end()):
        return None
    raw = match.group(kind).strip()
    return Reading(_clamp(value), raw, kind, match.start(), match.start() + len(raw))


def scan(text: str, kinds: frozenset[str], *, legend: Scale | None = None) -> list[Reading]:
    """Every expression of the given kinds in running text, left to right."""
    found = []
    for match in EXPRESSION.finditer(text):
        if match.lastgroup in kinds and (reading := read_at(text, match.start(), legend=legend)):
            found.append(reading)
    return found


_RANGE = (
    r"(?:(?P<worst>\d{1,2}|zero|one)\s*(?:to|-|–)\s*|out\s+of\s+)"
    r"(?P<best>\d{1,3}|four|five|ten|hundred)\b"
)
SCALE_SPEC: Final = re.compile(rf"\s*(?:scale\s+(?:of|from)\s+)?{_RANGE}\s*", re.IGNORECASE)
SCALE_IN_TEXT: Final = re.compile(
    rf"(?P<lead>scale\s+(?:of|from)\s+|\(\s*)?{_RANGE}(?P<tail>\s+scale|\s*\))?", re.IGNORECASE
)


def scale_of(spec: str) -> Scale | None:
    """The range a label states: "0 to 10", "1-5", "out of 4", "scale of 1 to 10"."""
    return _range(SCALE_SPEC.fullmatch(spec))


def scale_in(text: str) -> Scale | None:
    """A range a sentence declares as a scale: "on a scale of 1 to 10", "the 0 to 10 scale"."""
    for match in SCALE_IN_TEXT.finditer(text):
        if match["lead"] or match["tail"]:
            return _range(match)
    return None


def _range(match: re.Match[str] | None) -> Scale | None:
    if match is None:
        return None
    best, worst = number(match["best"]), number(match["worst"] or "0")
    if best is None or worst is None or best <= worst:
        return None
    return Scale(best=best, worst=worst)


def bare_scale(value: float) -> float:
    """The scale a bare number implies: up to 5 is stars, up to 10 is tenths, else percent."""
    return 5.0 if value <= 5 else 10.0 if value <= 10 else 100.0


def on_scale(value: float, scale: Scale) -> float | None:
    """``value`` placed linearly between the scale's worst and best, or None outside it."""
    if not scale.worst <= value <= scale.best or scale.best <= scale.worst:
        return None
    return 100 * (value - scale.worst) / (scale.best - scale.worst)


def _clamp(value: float) -> float:
    return round(min(100.0, max(0.0, value)), 2)


def _stars(count: float, stated: str | None, default: Scale) -> float | None:
    """``count`` stars on the stated "out of" scale, else on ``default``."""
    if stated is not None:
        best = float(len(stated)) if stated.startswith("*") else number(stated)
        default = Scale(best) if best is not None else default
    if default.best not in STAR_SCALES:
        return None
    return on_scale(count, default)


def _glyphs(m: re.Match[str], _: Scale | None, __: Scale | None) -> float | None:
    full, empty = len(m["g_full"]), len(m["g_empty"])
    half = 0.5 if m["g_half"] else 0.0
    drawn = full + (1 if half else 0) + empty
    return _stars(full + half, m["g_scale"], Scale(drawn if empty else DEFAULT_STAR_SCALE))


def _asterisks(m: re.Match[str], _: Scale | None, legend: Scale | None) -> float | None:
    full = (m["a_full"] or "").count("*")
    count = 0.5 if m["a_half_only"] else full + (0.5 if m["a_half"] else 0.0)
    default = legend or Scale(max(DEFAULT_ASTERISK_SCALE, float(full)))
    return _stars(count, m["a_scale"], default)


def _star_words(m: re.Match[str], _: Scale | None, legend: Scale | None) -> float | None:
    if m["s_half_only"]:
        count: float | None = 0.5
    else:
        count = number(m["s_count"])
        if count is not None and (m["s_half"] or m["s_half_after"]):
            count += 0.5
    default = legend or Scale(DEFAULT_STAR_SCALE)
    return None if count is None else _stars(count, m["s_scale"], default)


def _fraction(m: re.Match[str], _: Scale | None, __: Scale | None) -> float | None:
    num = number(m["f_num"] or m["f_wnum"])
    den = number(m["f_den"] or m["f_wden"])
    if num is None or den not in FRACTION_SCALES:
        return None
    if m["f_half"]:  # a mixed number: "3 1/2/5", "3½ out of 5"
        num += 0.5
    return on_scale(num, Scale(den))


def _percent(m: re.Match[str], _: Scale | None, __: Scale | None) -> float | None:
    return on_scale(float(m["p_num"]), Scale(100.0))


def _grade(m: re.Match[str], _: Scale | None, __: Scale | None) -> float | None:
    """A letter grade; a lone lower-case "a" is the article ("I give this movie a .")."""
    if m["letter"] == "a" and not m["modifier"]:
        return None
    modifier = (m["modifier"] or "").strip().lower()
    word = modifier.lstrip("-")  # "B minus", "B-minus"
    sign = {"plus": "+", "minus": "-", "−": "-", "–": "-"}.get(word, modifier)
    value = GRADE_VALUES.get(m["letter"].upper() + sign)
    return None if value is None else float(value)


def _bare(m: re.Match[str], scale: Scale | None, _: Scale | None) -> float | None:
    value = float(m["b_num"])
    return on_scale(value, scale or Scale(bare_scale(value)))


_VALUE_OF: Final = {
    "glyphs": _glyphs,
    "asterisks": _asterisks,
    "star_words": _star_words,
    "fraction": _fraction,
    "percent": _percent,
    "grade": _grade,
    "bare": _bare,
}
