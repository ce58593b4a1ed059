"""Cheap pre-checks before costlier tests give the costlier tests' own answers.

Each guard (issue 15, reading full-length reviews faster) skips work only where the
work could find nothing; these tests compare the guarded answer with the unguarded one,
on hand-written lines that hit each guard's edges and on every line of the fixture pages.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marquee.documents import chrome, fields
from marquee.documents.lines import squash
from marquee.films import cast
from marquee.literals import CaseBlind, any_of
from marquee.records import CastMember

FIXTURES = Path(__file__).parent / "fixtures"


@functools.cache
def fixture_lines() -> tuple[str, ...]:
    """Every non-blank line of the fixture pages (every kind of page, round-ups, seeds)."""
    pages = sorted(FIXTURES.rglob("*.txt")) + sorted(FIXTURES.rglob("*.md"))
    lines = {line for page in pages for line in page.read_text(encoding="utf-8").splitlines()}
    return tuple(sorted(line for line in lines if line.strip()))


_SMALL = st.text(alphabet="abc ()\\.*", max_size=6)


@given(st.lists(_SMALL, max_size=6), st.text(alphabet="abc ()\\.*", max_size=30))
def test_any_of_finds_exactly_the_texts_holding_a_literal(literals: list[str], text: str) -> None:
    assert (any_of(literals).search(text) is not None) == any(lit in text for lit in literals)


def test_any_of_on_literals_that_extend_one_another() -> None:
    found = any_of(["comment", "comments", "com", "in the comments", " like"])
    assert found.search("no comment")
    assert found.search("a compass")
    assert not found.search("co mment")
    assert found.search("i like it")
    assert not found.search("likely")
    assert not any_of([]).search("anything")
    assert any_of(["", "x"]).search("")


def _unguarded(cues: chrome._Cues, text: str) -> bool:
    return any(pattern.search(text) for _, pattern in cues.patterns)


CUE_SETS = (chrome._CHROME_PATTERNS, chrome._MEDIA_PATTERNS, chrome._CAPTION_PATTERNS)
CHROME_LINES = (
    "leave a comment below",
    "share on facebook",
    "photo by jane doe",
    "(photo: getty)",
    "watch the official trailer",
    "© 2024 example media. all rights reserved",
    "sign up for our weekly newsletter to get updates",
    "5 min read",
)
NEAR_MISSES = ("the film's photography is lovely, and the comments in it ring true",)


def test_chrome_cues_guard_gives_the_unguarded_answer() -> None:
    """A line none of a cue set's literals is in is answered by one search; every line of
    the fixture pages, as the labeller reads it, is answered as testing each pattern."""
    lines = (*CHROME_LINES, *NEAR_MISSES, *fixture_lines())
    keys = [squash(line).lower() for line in lines]
    for cues in CUE_SETS:
        for key in keys:
            assert cues.search(key) == _unguarded(cues, key), key
            if cues.held.search(key) is None:
                assert not _unguarded(cues, key), key
    assert all(any(cues.search(key) for cues in CUE_SETS) for key in keys[: len(CHROME_LINES)])


def test_one_scan_of_cue_words_reads_each_place_a_cue_may_open() -> None:
    """The joint scan, which tries only the characters a cue may follow, finds what each
    lexicon's own search finds: a cue opening the text, after a hyphen (no cue there),
    after punctuation or a digit, two cues side by side, a cue opening on a sign, and on
    every line of the fixture pages."""
    from marquee.documents import kind

    edges = [
        "film",
        "Film review: the movie, the film-maker and a non-film; a $5 million budget.",
        "the series finale (episode 3) of the show",
        "album track single-track 4album ,album",
        "film film movie  movies\nfilm",
        " -film x-movie _movie",
    ]
    for text in (*edges, *fixture_lines()):
        if text.isascii():
            assert kind._cue_words(text) == [lexicon.findall(text) for lexicon in kind._ALL], text


def test_credit_lines_guard_gives_the_unguarded_answer() -> None:
    """A line holding none of the credit phrases' literals skips the trigger scan: it
    would have found nothing there, on any fixture line or a few hand-written ones."""
    from marquee.films import credits

    lines = ("Directed by Len Wiseman", "DIR. LEN WISEMAN", "a score by Tyler Bates", "Café")
    for line in (*lines, *fixture_lines()):
        assert credits._may_credit(line) == (credits._ANY_TRIGGER.search(line) is not None)


@given(st.text(alphabet=" \t\n\u00a0*_aB.", max_size=40))
def test_a_squashed_line_without_emphasis_is_the_line_without_emphasis_squashed(
    line: str,
) -> None:
    """Bylines squash each line once and drop emphasis marks from that: the same text as
    dropping the marks from the line as written, then squashing."""
    from marquee.documents import bylines

    assert bylines._plain(squash(line)) == squash(bylines._EMPHASIS.sub("", line))


@given(st.text(alphabet="abstrSTARſKkİi *", max_size=30))
def test_case_blind_literals_are_missed_only_where_a_case_blind_search_finds_none(
    text: str,
) -> None:
    import re

    held = CaseBlind(["star", "Kit", "is"])
    if not held.may_hold(text):
        assert not re.search("star|kit|is", text, re.IGNORECASE)


SCORE_LINES = (
    "On my four-star scale, three.",
    "ON MY FOUR-STAR SCALE: ***",
    "Rating: 4/5",
    "In the end. Our verdict: B+",
    "On a scale of 1 to 10: 7",
    "I give it *** in my book.",
    "It gets ** FROM ME.",
    "A sequel to the original films, with the first one's cast.",
)


def test_score_guards_give_the_unguarded_answers() -> None:
    """The star-scale, label, "my book" and other-films guards skip a search only where
    it would have found nothing, on every fixture line and hand-written score lines."""
    import re

    from marquee.model import features
    from marquee.scores import _grammar as g
    from marquee.scores import _locate, _voice

    my_book = re.compile(_voice._MY_BOOK, re.IGNORECASE)  # as written, without look-ahead
    for line in (*SCORE_LINES, *fixture_lines()):
        if not _locate.STAR_WORD.may_hold(line):
            assert _locate.STAR_SCALE.search(line) is None, line
        if not _locate.LABEL_HELD.may_hold(line):
            for start in _locate._sentence_starts(line):
                assert _locate._labelled(line[start:], legend=None) is None, line
        assert [m.span() for m in _voice.MY_BOOK.finditer(line)] == [
            m.span() for m in my_book.finditer(line)
        ], line
        assert features._mentions_other_films(line) == bool(features._COMPARISON.search(line))
        if not _voice.RATING_WORDS.may_hold(line):
            assert _voice.RATING_VERB.search(line) is None, line
    assert _locate.STAR_SCALE.search(SCORE_LINES[1]) and _locate.LABEL_HELD.may_hold("GRADE")
    assert all(word in g.LABEL_WORDS for word in g.LABELS)
    verbs = "GIVEN GAVE Giving AWARDS rated RATING GRADES SCORED GETS got EARNED WINS Won"
    assert all(_voice.RATING_WORDS.may_hold(verb) for verb in (*verbs.split(), "MERITS"))
    assert all(_voice.RATING_VERB.search(f"I {verb} it") for verb in verbs.split())


def test_a_rating_verb_reads_its_sentences_scale_only_when_a_score_follows() -> None:
    """The scale a sentence declares is read once a score follows the verb; a bare number
    counts only with it, as before."""
    from marquee.scores import _voice

    def given_values(text: str) -> list[float]:
        return [reading.value for reading in _voice.critic_gives(text, legend=None)]

    assert given_values("On a scale of 1 to 10, I give it a 7.") == [66.67]
    assert given_values("I give it a 7.") == []
    assert given_values("I give it ***, on a scale of 1 to 10.") == [75.0]


def test_every_dateline_has_a_byline_entry() -> None:
    """The metadata stage asks is_dateline only of lines find_bylines gave an entry: on
    every fixture page (and hand-written ones), no dateline is without one."""
    from marquee.documents.bylines import find_bylines, is_dateline

    pages = [
        ["Published on March 3, 2024", "By Ann Smith", "Posted on 2 May 2023 by Bob Lee"],
        ["**Reviewed by Ann Smith**", "Published: 8 September 2023", "text " * 30],
    ]
    for page in sorted(FIXTURES.rglob("*.txt")):
        pages.append([ln for ln in page.read_text(encoding="utf-8").splitlines() if ln.strip()])
    for lines in pages:
        found = find_bylines(lines)
        assert all(index in found for index, ln in enumerate(lines) if is_dateline(ln)), lines


@given(st.text(alphabet=" \t\u00a0\x1c|/•·»›>,–—-aZ", max_size=30))
def test_a_nav_token_is_what_splitting_at_separators_gives(text: str) -> None:
    """_is_nav looks at the first token alone first: the tokens _NAV_TOKEN finds are those
    the line splits into at its separators and white space."""
    assert chrome._NAV_TOKEN.findall(text) == chrome._NAV_SEPARATOR.sub(" ", text).split()


def test_menu_lines_still_read_as_navigation() -> None:
    for key in ("home | reviews | about", "film reviews", "news » reviews", "— home —"):
        assert chrome._is_nav(key), key
    for key in ("the film was good", "home is where the heart is", "", " | "):
        assert not chrome._is_nav(key), key


def test_shape_and_spoiler_guards_give_the_unguarded_answers() -> None:
    """Markdown marks are found where they were before the look-ahead opening the pattern;
    a text without "spoiler" (case aside) is answered without the case-blind scan."""
    import re

    from marquee import metadata
    from marquee.documents import detect

    marks = re.compile(  # as written before the look-ahead
        r"\*\*[^*\n]+\*\*|__[^_\n]+__|(?<!!)\[[^\]\n]+\]\([^)\s]+\)|^>\s|"
        r"^\s*<(?:figure|div|p|table|iframe|img|blockquote|ul|ol|section|video|h[1-6])\b",
        re.MULTILINE | re.IGNORECASE,
    )
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.rglob("*"))
             if p.suffix in {".txt", ".md", ".html"}]  # fmt: skip
    hand = ["**Bold** and [a link](https://x.y)\n> quote\n  <div>", "\n\n<P class=x>", "x __y__"]
    for text in (*hand, *pages):
        assert detect._MARKDOWN_MARKS.findall(text) == marks.findall(text)
        assert metadata._SPOILER_LITERAL.may_hold(text) or not metadata._SPOILER_WORD.search(text)
    assert len(detect._MARKDOWN_MARKS.findall(hand[0])) == 4


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_words_are_the_letters_tokens(text: str) -> None:
    """language_warning reads a lower-cased ASCII text with a plain [a-z] set: the same
    words as its Unicode letters pattern."""
    from marquee.documents import language

    lowered = text.lower()
    assert language._ASCII_TOKEN.findall(lowered) == language._TOKEN.findall(lowered)


DATE_LINES = (
    "2023-07-14",
    "14 July 2023",
    "July 14th, 2023",
    "14.07.2023 8:00am",
    "Posted Sept. 8, 2023 by Jo March",
    "٢٠٢٣-٠٧-١٤",  # Arabic-Indic digits: the date pattern's digit class reads them too
    "Released in July, a year ago",
)


@given(st.text(alphabet="0123456789٣ -/.,JulyThstSep", max_size=24))
def test_a_date_is_found_exactly_where_the_unguarded_search_finds_one(text: str) -> None:
    found, unguarded = fields.find_date(text), fields._DATE_IN_TEXT.search(text)
    assert (found and found.span()) == (unguarded and unguarded.span())


def test_date_guard_gives_the_unguarded_answer_and_skips_digitless_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every line of the fixture pages gets the unguarded search's date; a line without a
    digit never reaches the date pattern."""
    for line in (*DATE_LINES, *fixture_lines()):
        found, unguarded = fields.find_date(line), fields._DATE_IN_TEXT.search(line)
        assert (found and found.span()) == (unguarded and unguarded.span()), line
    searched: list[str] = []

    class Spy:
        def search(self, text: str) -> None:
            searched.append(text)

    monkeypatch.setattr(fields, "_DATE_IN_TEXT", Spy())
    fields.find_date("Released in July, a year ago")
    fields.find_date("July 14th, 2023")
    assert searched == ["July 14th, 2023"]


@given(st.text(alphabet=" \t\n\u00a0aZ,:", max_size=20))
def test_a_string_cell_reads_as_itself_stripped(text: str) -> None:
    assert fields.as_text(text) == str(text).strip()


def test_a_row_is_normalised_asking_each_column_name_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The vocabularies' aliases are compared as keys worked out once, not once a row."""
    row = {"Film": "Dune", "Critic": "Ann Lee", "Date": "2021-10-22", "Text": "Vast.", "x": "1"}
    first = fields.normalise(row, fields.TABLE_FIELDS)
    asked: list[object] = []
    keyed = fields.field_key

    def counting(name: object) -> str:
        asked.append(name)
        return keyed(name)

    monkeypatch.setattr(fields, "field_key", counting)
    assert fields.normalise(row, fields.TABLE_FIELDS) == first
    assert first == {
        "film": "Dune",
        "critic": "Ann Lee",
        "published": "2021-10-22",
        "text": "Vast.",
        "x": "1",
    }
    assert sorted(map(str, asked)) == sorted(row)


def test_full_names_are_looked_for_only_to_orient_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A review with no "X (Y)" pair settles its cast without listing its full names; one
    with a pair still orients it by them."""
    looked: list[tuple[str, ...]] = []
    listed = cast.full_names_in

    def listing(lines: Sequence[str]) -> list[str]:
        looked.append(tuple(lines))
        return listed(lines)

    monkeypatch.setattr(cast, "full_names_in", listing)
    plain = ["Keanu Reeves is superb, and Ian McShane steals every scene."]
    assert cast.settle_cast(plain, ["John Wick"], []).cast == ()
    assert looked == []
    paired = ["Winston (Ian McShane) runs the hotel, and Keanu Reeves returns."]
    reading = cast.settle_cast(paired, ["John Wick"], [])
    assert looked == [tuple(paired)]
    assert reading.cast == (CastMember("Ian McShane", "Winston"),)
