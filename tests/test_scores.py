"""Explicit scores: the grammar (parse_score) and finding a review's own score (read_score)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import cast

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from marquee.records import Block, BlockKind, Document, SubScore
from marquee.scores import parse_score, read_score

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "ballerina"


def doc(*blocks: str | tuple[str, str], meta: dict[str, str] | None = None) -> Document:
    """A Document from block texts; a (kind, text) pair sets a kind other than paragraph."""
    pairs = (b if isinstance(b, tuple) else ("paragraph", b) for b in blocks)
    built = tuple(Block(cast(BlockKind, kind), text) for kind, text in pairs)
    raw = "\n".join(b.text for b in built)
    return Document(source="test", shape="text", raw=raw, blocks=built, meta=meta or {})


def sample(prefix: str) -> Document:
    """A sample review as the document reader would give it, built crudely from its lines.

    Front matter goes to ``meta`` (its ``rating`` as ``score``), each HTML table row becomes
    a "Label | x / y" table_row block, other markup lines are dropped, every other
    non-empty line is a paragraph.
    """
    path = next(EXAMPLES.glob(f"{prefix}_*.txt"))
    raw = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    body = raw
    if raw.startswith("---\n"):
        front, body = raw[4:].split("\n---\n", 1)
        meta = {str(k): str(v) for k, v in yaml.safe_load(front).items()}
        if "rating" in meta:
            meta["score"] = meta["rating"]
    blocks = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = [
            re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)
        ]
        blocks.append(Block("table_row", " | ".join(cells)))
    lines = [
        line.strip() for line in re.sub(r"<table.*?</table>", "", body, flags=re.S).splitlines()
    ]
    paragraphs = [Block("paragraph", line) for line in lines if line and not line.startswith("<")]
    return Document(
        source=str(path), shape="text", raw=raw, blocks=tuple(paragraphs + blocks), meta=meta
    )


# --- parse_score: the grammar -------------------------------------------------------------

FORMS = [
    # fractions
    ("7/10", 70, "7/10"),
    ("7 / 10", 70, "7 / 10"),
    ("7.5/10", 75, "7.5/10"),
    ("3.5/5", 70, "3.5/5"),
    ("85/100", 85, "85/100"),
    ("4/4", 100, "4/4"),
    ("0/10", 0, "0/10"),
    ("rating: 7/10", 70, "7/10"),
    ("4 out of 5", 80, "4 out of 5"),
    ("8 out of 10", 80, "8 out of 10"),
    ("8.5 out of 10", 85, "8.5 out of 10"),
    ("4 out of 5 stars", 80, "4 out of 5 stars"),
    ("three out of four", 75, "three out of four"),
    # stars: glyphs, words, asterisks
    ("★★★½", 70, "★★★½"),
    ("★★★☆☆", 60, "★★★☆☆"),
    ("★★☆☆", 50, "★★☆☆"),
    ("★★★★★★★☆☆☆", 70, "★★★★★★★☆☆☆"),
    ("★★★ out of 4", 75, "★★★ out of 4"),
    ("3.5 stars", 70, "3.5 stars"),
    ("3 1/2 stars", 70, "3 1/2 stars"),
    ("3½ stars", 70, "3½ stars"),
    ("three and a half stars out of four", 87.5, "three and a half stars out of four"),
    ("two stars", 40, "two stars"),
    ("4 stars out of 5", 80, "4 stars out of 5"),
    ("half a star", 10, "half a star"),
    ("zero stars", 0, "zero stars"),
    ("****", 100, "****"),
    ("***1/2", 87.5, "***1/2"),
    ("** 1/2", 62.5, "** 1/2"),
    ("*1/2", 37.5, "*1/2"),
    ("1/2*", 12.5, "1/2*"),
    ("*** out of ****", 75, "*** out of ****"),
    ("*****", 100, "*****"),
    # letter grades, labelled (Metacritic's table)
    ("Grade: A+", 100, "A+"),
    ("Grade: A", 100, "A"),
    ("Rating: A-", 91, "A-"),
    ("Grade: B+", 83, "B+"),
    ("Grade: B", 75, "B"),
    ("Our grade: B-", 67, "B-"),
    ("Final grade – C+", 58, "C+"),
    ("Grade: C", 50, "C"),
    ("Grade: C-", 42, "C-"),
    ("Grade: D+", 33, "D+"),
    ("Grade: D", 25, "D"),
    ("Grade: D minus", 16, "D minus"),
    ("Grade: F", 0, "F"),
    ("grade : b+", 83, "b+"),
    # percentages
    ("85%", 85, "85%"),
    ("Score: 85%", 85, "85%"),
    ("Score: 85 percent", 85, "85 percent"),
    # labels and their scales
    ("Verdict: ★★★½", 70, "★★★½"),
    ("Our score: 8/10", 80, "8/10"),
    ("Rating: 4 out of 5", 80, "4 out of 5"),
    ("Rating: 4 out of 5 — a lean, mean thriller", 80, "4 out of 5"),
    ("**Rating:** 4/5", 80, "4/5"),
    ("Rating: **4/5**", 80, "4/5"),
    ("Final Score | 7/10", 70, "7/10"),
    ("Rating: 3.5", 70, "3.5"),
    ("Rating: 2", 40, "2"),
    ("Rating: 8", 80, "8"),
    ("Score: 85", 85, "85"),
    ("Rating (0 to 10): 7.5", 75, "7.5"),
    ("Rating (1-5): 4", 75, "4"),
    ("RATING: ***", 75, "***"),
    ("RATING: * [LOWEST RATING]", 25, "*"),
    # the critic in the first person
    ("I give it **.", 50, "**"),
    ("I'd give it a 7/10.", 70, "7/10"),
    ("I award the film a full ****.", 100, "****"),
    ("i give it a b+ .", 83, "b+"),
    ("I rate it 3 1/2 stars out of 5.", 70, "3 1/2 stars out of 5"),
    ("I strongly recommend it to you and give it *** 1/2.", 87.5, "*** 1/2"),
    ("I give HEAVENLY CREATURES ** and do not recommend it.", 50, "**"),
    ("I give Ballerina two stars.", 40, "two stars"),
    ("I give it my top rating of ****.", 100, "****"),
    ("I give the show a mild thumbs up and ** 1/2.", 62.5, "** 1/2"),
    ("I generously award the picture a * 1/2 for the technical aspects.", 37.5, "* 1/2"),
    ("Its energy won me over enough for me to give it ** 1/2.", 62.5, "** 1/2"),
    ("I do not recommend the movie and give it * 1/2 only for the leads.", 37.5, "* 1/2"),
    ("If you like mysteries, I recommend it and award it ***.", 75, "***"),
    ("I can not recommend EVITA, but will generously give it ** for the visuals.", 50, "**"),
    ("I award this dog only one half of one star.", 10, "one half of one star"),
    ("Ultimately, I gave it a star and a half.", 30, "a star and a half"),
    ("It gets *** 1/2 in my book.", 87.5, "*** 1/2"),
    ("It gets *** from me.", 75, "***"),
    ("It was a *** movie for me.", 75, "***"),
    ("This is a **** picture in my book.", 100, "****"),
    ("It still gets my top recommendation and rating of ****.", 100, "****"),
    ("I rate it a 7 on the 0 to 10 scale.", 70, "7"),
    ("On a scale of 1 to 10: 7", 66.67, "7"),
    ("On the Renshaw scale of 0 to 10: 6", 60, "6"),
    ("RATING (0 to 10): 7.5 Alternative Scale: *** out of ****", 75, "7.5"),
]


@pytest.mark.parametrize(("text", "value", "raw"), FORMS)
def test_parse_score_reads_every_form(text: str, value: float, raw: str) -> None:
    score = parse_score(text)
    assert score is not None, text
    assert score.value == pytest.approx(value, abs=0.01)
    assert score.raw == raw
    assert score.explicit is True


NOT_SCORES = [
    "",
    "   ",
    "11/10",
    "6/5",
    "★★★★★★",
    "6/10/2025",
    "24/7",
    "9/11",
    "1/2 hour",
    "2/3",
    "Chapter 3",
    "top 10",
    "John Wick 3",
    "1:42",
    "2025",
    "$10",
    "2",  # a bare number means something only under a rating heading
    "B+",  # so does a bare letter
    "A",
    "Grade: A film about grief",
    "Grade: B- movie",
    "Rating: PG-13",
    "MPAA rating: R",
    "Rating: 150",
    "Score: 120%",
    "My son Jeffrey, age 10, gave it ***.",
    "He loved it and gave it ****.",
    "If it were boring, I'd give it zero stars.",
    "I would have given it no stars at all.",
    "You might wonder why I haven't given this film four stars.",
    "I give it 7",
    "I'd give it a 7.",
    "I give this movie a .",  # the grade was cut out; "a" is the article
    "I give a nod to Disney for their spectacular ***** masterpiece, Mulan.",
    "I came very close to rating it ****.",
    "I thought about giving it no stars.",
    "That doesn't mean I'm gonna give it four stars.",
    "The remake, to which I gave ***, was better.",
    "If it were shorter, it would get **** from me.",
    "It gets my son's *** rating.",
    "It was a *** movie.",
    "The film's two stars are wasted.",
    "It runs 1:42 and is rated PG-13.",
]


@pytest.mark.parametrize("text", NOT_SCORES)
def test_parse_score_refuses_what_is_not_a_score(text: str) -> None:
    assert parse_score(text) is None


@given(st.text())
def test_parse_score_never_raises_and_stays_in_range(text: str) -> None:
    score = parse_score(text)
    assert score is None or 0 <= score.value <= 100


SCOREISH = st.text(alphabet="0123456789/.,:%*★☆½ abcdfABCDF+-ratingscoreoutfhlvI'", max_size=40)


@given(SCOREISH)
def test_parse_score_survives_score_like_noise(text: str) -> None:
    score = parse_score(text)
    assert score is None or (0 <= score.value <= 100 and score.raw.strip() in text)


@given(st.lists(st.tuples(st.sampled_from(["paragraph", "heading", "table_row"]), SCOREISH)))
def test_read_score_never_raises_and_stays_in_range(blocks: list[tuple[str, str]]) -> None:
    score = read_score(doc(*blocks))
    assert score is None or 0 <= score.value <= 100


# --- read_score: where the score is --------------------------------------------------------

BALLERINA_TAIL = (
    "It is sad to see, as in theory, Ballerina could have been blisteringly fun.",
    "From the World of John Wick: Ballerina",
    "Kat Hughes",
    "From the World of John Wick: Ballerina",
    "Summary",
    "A disappointing first venture into the wider world of John Wick, Ballerina is a misfire.",
    "2",
    "Ballerina arrives in cinemas on 6th June 2025.",
)


def test_bare_number_under_a_summary_heading_is_stars_out_of_five() -> None:
    score = read_score(doc(*BALLERINA_TAIL))
    assert score is not None
    assert (score.value, score.raw) == (40, "2")


@pytest.mark.parametrize(
    ("heading", "value", "expected"),
    [
        ("Verdict", "8", 80),
        ("## Final score", "85", 85),
        ("Rating:", "3.5", 70),
        ("Our Verdict", "B+", 83),
        ("Grade", "C-", 42),
        ("Verdict", "★★★★☆", 80),
        ("Summary", "B+", None),  # letters only under a Grade or Verdict heading
        ("Conclusion", "8", None),  # not a rating heading
    ],
)
def test_value_standing_under_a_rating_heading(
    heading: str, value: str, expected: float | None
) -> None:
    score = read_score(doc("A fine, grim thriller.", heading, "One line of summary.", value))
    assert (score.value if score else None) == expected


def test_heading_value_must_come_before_the_next_heading() -> None:
    blocks = (("heading", "Verdict"), "Worth a look.", ("heading", "Comments"), "8")
    assert read_score(doc(*blocks)) is None


@pytest.mark.parametrize(
    "text",
    [
        "The film opens on 6/10 in cinemas nationwide.",
        "Reviewed on 6/10/2025 at the festival.",
        "The diner is open 24/7 and so is the violence.",
        "It made my top 10 list last year.",
        "Better than John Wick 3, worse than Chapter 4.",
        "It runs 1:42 and tickets cost $10 in 2025.",
        "A fun ride. A",
        "An A-list cast in a B-movie plot, with grade B- effects.",
        "Only 1/4 of the film is action.",
        'She watches "20/20" every night.',
        "Not as good as DEVIL'S ADVOCATE (8/10).",
        "A sequel to the shawshank redemption ( 9 . 5/10 ) .",
        "Since then her career has skyrocketed, as in Heat (1995) 9/10 and more.",
    ],
)
def test_numbers_in_prose_are_not_scores(text: str) -> None:
    assert read_score(doc("A review paragraph.", text)) is None


def test_fraction_in_the_reviews_own_prose_is_read() -> None:
    score = read_score(doc("Stylish and hollow.", "Overall, a solid 7/10."))
    assert score is not None
    assert (score.value, score.raw) == (70, "7/10")


def test_other_films_scores_in_a_link_list_do_not_win() -> None:
    related = (
        "Also check out:",
        "Sister Midnight (2024) 8/10",
        ("list_item", "Takopi's Original Sin (2025) | 9/10"),
        "Popstar: Never Stop Never Stopping (2016) 7/10",
    )
    assert read_score(doc("Ballerina is a misfire.", *related)) is None
    own = read_score(doc("Ballerina is a misfire.", "Rating: 2/10", *related))
    assert own is not None and own.value == 20


def test_scores_in_chrome_bylines_and_captions_are_ignored() -> None:
    blocks = (
        "A lean, mean thriller.",
        ("chrome", "Rating: 9/10 — readers' favourite"),
        ("caption", "★★★★★ from our readers"),
        ("byline", "Our score: 8/10 by Jo"),
    )
    assert read_score(doc(*blocks)) is None


def test_somebody_elses_rating_is_not_the_critics() -> None:
    son = "My son Jeffrey, age 10, gave it ***. His friend Nickolas gave it ****."
    assert read_score(doc("A dull caper.", son)) is None
    score = read_score(doc("A dull caper. I give it **.", son))
    assert score is not None and score.raw == "**"


def test_a_star_legend_sets_the_scale_but_is_never_read_as_a_score() -> None:
    four_star = (
        "**** = A must see film. *** = Excellent show. ** = Average movie. "
        "* = Poor show. 0 = Totally unbearable."
    )
    assert read_score(doc("A film.", four_star)) is None
    score = read_score(doc("I give it ***.", four_star))
    assert score is not None and score.value == 75
    half = read_score(doc("I would give it one half of a star for the sets.", four_star))
    assert half is not None and half.value == 12.5


def test_a_legend_without_zero_starts_the_scale_at_one_star() -> None:
    legend = r"\ ***** Perfection \ **** Good \ *** Average \ ** Sub-par \ * Awful \ "
    score = read_score(doc("RATING: ***", legend))
    assert score is not None and score.value == 50


def test_a_declared_star_scale_applies_to_star_counts() -> None:
    score = read_score(doc("I review on a four-star scale.", "I give it three stars."))
    assert score is not None and score.value == 75
    default = read_score(doc("A fine film.", "I give it three stars."))
    assert default is not None and default.value == 60


def test_the_critic_rating_two_films_gives_none() -> None:
    blocks = ("I saw THE FIRM, awarded it ** 1/2, and liked it.", "I award this one ***.")
    assert read_score(doc(*blocks)) is None


def test_labelled_scores_that_disagree_give_none() -> None:
    three_films = ("Rating: 8.4", "Another film entirely.", "Rating: 6.0")
    assert read_score(doc(*three_films)) is None


def test_labelled_scores_that_agree_are_kept() -> None:
    score = read_score(doc("Rating: 4/5", "A fine film.", "Verdict: ★★★★☆"))
    assert score is not None and score.value == 80


def test_label_beats_a_prose_fraction() -> None:
    score = read_score(doc("Some called it a 9/10 experience.", "Our score: 6/10"))
    assert score is not None and score.value == 60


def test_a_standalone_star_row_is_read() -> None:
    score = read_score(doc("Stylish, hollow, loud.", "★★★★☆"))
    assert score is not None and (score.value, score.raw) == (80, "★★★★☆")


def test_a_separator_of_asterisks_is_not_a_score() -> None:
    assert read_score(doc("First part.", "***", "Second part.")) is None


# --- meta ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meta", "value", "raw"),
    [
        ({"score": "7/10"}, 70, "7/10"),
        ({"score": "B+"}, 83, "B+"),
        ({"score": "★★★½"}, 70, "★★★½"),
        ({"score": "4"}, 80, "4"),
        ({"score": "4", "bestRating": "5", "worstRating": "1"}, 75, "4"),
        ({"score": "8/10", "worst_rating": "1"}, 77.78, "8/10"),
        ({"score": "4/5", "score_worst": "1"}, 75, "4/5"),
        ({"score": "3", "best_rating": "6"}, 50, "3"),
        ({"Rating": "85%"}, 85, "85%"),
    ],
)
def test_structured_meta_states_the_score(meta: dict[str, str], value: float, raw: str) -> None:
    score = read_score(doc("A review with no printed score.", meta=meta))
    assert score is not None
    assert score.value == pytest.approx(value, abs=0.01)
    assert score.raw == raw


@pytest.mark.parametrize(
    "meta", [{"rating": "PG-13"}, {"score": "11/10"}, {"score": "6", "bestRating": "5"}]
)
def test_meta_that_is_not_a_score_is_ignored(meta: dict[str, str]) -> None:
    assert read_score(doc("A review.", meta=meta)) is None
    fallback = read_score(doc("A review.", "Rating: 3/5", meta=meta))
    assert fallback is not None and fallback.value == 60


def test_meta_beats_the_text() -> None:
    score = read_score(doc("Rating: 9/10", meta={"score": "7/10"}))
    assert score is not None and score.value == 70


# --- sub-score tables ----------------------------------------------------------------------

ROWS = (
    ("Story/Screenplay", 1.0, 2.0),
    ("Performance", 1.75, 2.0),
    ("Editing", 0.75, 1.0),
    ("Direction", 0.5, 1.0),
    ("Sound design/Music", 1.0, 1.0),
    ("Cinematography/Visuals", 1.0, 1.0),
    ("Set/Production", 1.0, 1.0),
    ("Bonus", 0.0, 1.0),
)
TABLE = tuple(("table_row", f"{label} | {v} / {m}") for label, v, m in ROWS)
SUBSCORES = tuple(SubScore(label, v, m) for label, v, m in ROWS)


def test_subscore_table_with_a_stated_total_that_adds_up() -> None:
    score = read_score(doc("A review.", *TABLE, meta={"score": "7/10"}))
    assert score is not None
    assert (score.value, score.raw) == (70, "7/10")
    assert score.subscores == SUBSCORES
    assert score.subscores_sum_ok is True


def test_subscore_table_whose_rows_do_not_add_up_to_the_stated_total() -> None:
    score = read_score(doc("A review.", "Our score: 8/10", *TABLE))
    assert score is not None
    assert score.value == 80
    assert score.subscores == SUBSCORES
    assert score.subscores_sum_ok is False


def test_subscore_table_without_a_total_is_the_score() -> None:
    score = read_score(doc("A review.", *TABLE))
    assert score is not None
    assert score.value == 70
    assert score.subscores == SUBSCORES
    assert score.subscores_sum_ok is True
    assert "Bonus 0 / 1" in score.raw


def test_subscore_lines_in_plain_text() -> None:
    score = read_score(doc("A review.", "Story: 1/2", "Acting: 2/2", "Visuals: 1.5/2", "Fin."))
    assert score is not None
    assert score.value == 75
    assert [s.label for s in score.subscores] == ["Story", "Acting", "Visuals"]


def test_one_labelled_fraction_is_not_a_table() -> None:
    score = read_score(doc("A review.", "Rating: 7/10"))
    assert score is not None and score.subscores == () and score.subscores_sum_ok is None


def test_a_table_of_other_films_is_not_a_subscore_table() -> None:
    rows = (("table_row", "Heat (1995) | 9 / 10"), ("table_row", "Ronin (1998) | 7 / 10"))
    assert read_score(doc("A review.", *rows)) is None


# --- the sample reviews --------------------------------------------------------------------


def test_sample_001_states_two_stars_under_its_summary() -> None:
    score = read_score(sample("001"))
    assert score is not None
    assert (score.value, score.raw) == (40, "2")


def test_sample_003_states_seven_out_of_ten_and_its_table_adds_up() -> None:
    score = read_score(sample("003"))
    assert score is not None
    assert (score.value, score.raw) == (70, "7/10")
    assert len(score.subscores) == 8
    assert sum(s.value for s in score.subscores) == 7.0
    assert sum(s.max for s in score.subscores) == 10.0
    assert score.subscores_sum_ok is True


@pytest.mark.parametrize("prefix", ["000", "002", "004"])
def test_samples_without_a_printed_score_give_none(prefix: str) -> None:
    assert read_score(sample(prefix)) is None


@pytest.mark.parametrize(
    ("lines", "verdict"),
    [
        (["A gripping ride.", "Verdict: Fresh"], "fresh"),
        (["Dull.", "**My verdict:** Rotten."], "rotten"),
        (["Tomatometer – Certified Fresh"], "fresh"),
        (["Verdict: fresh takes on an old story, mostly."], None),
        (["The verdict is rotten, as everyone says."], None),
    ],
)
def test_a_verdict_line_is_the_critics_own(lines, verdict):
    from marquee.records import Block, Document
    from marquee.review import parse_review
    from marquee.scores import read_verdict

    doc = Document("r.txt", "text", "\n".join(lines), tuple(Block("paragraph", t) for t in lines))
    assert read_verdict(doc) == verdict
    assert parse_review(doc).stated_verdict == verdict


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("8.71245284/10", 87.12),  # an export's average of sub-scores, unrounded
        (".5/5", 10.0),
        ("B-minus", 67.0),
        ("B minus", 67.0),
        ("A-", 91.0),
    ],
)
def test_score_cells_as_exports_print_them(cell, value):
    from marquee.records import Block, Document
    from marquee.scores import read_score

    doc = Document("x.csv#row=1", "csv", "{}", (Block("paragraph", "Fine."),), {"score": cell})
    score = read_score(doc)
    assert score is not None and score.value == value and score.raw == cell
