"""``read_metadata``: critic, outlet, date, headline, spoilers and url of a review."""

from __future__ import annotations

from pathlib import Path

import pytest

from marquee.documents import read_path
from marquee.metadata import read_metadata
from marquee.records import Block, Document, ReviewMeta

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "examples" / "ballerina"
FIXTURES = Path(__file__).parent / "fixtures" / "documents"


def sample_meta(prefix: str) -> ReviewMeta:
    (path,) = SAMPLES.glob(f"{prefix}_*.txt")
    (doc,) = read_path(path).documents
    return read_metadata(doc)


def fixture_meta(name: str) -> ReviewMeta:
    (doc,) = read_path(FIXTURES / name).documents
    return read_metadata(doc)


def doc_of(*lines: str, meta: dict[str, str] | None = None) -> Document:
    """A Document the way another stage's tests build one: every line a paragraph."""
    blocks = tuple(Block("paragraph", line) for line in lines)
    return Document(source="t", shape="text", raw="\n".join(lines), blocks=blocks, meta=meta or {})


PROSE = (
    "The film is a slow-burning thriller that rewards patience, with a central performance "
    "of real subtlety and a final act that lands every blow it has been setting up."
)


# --- the five samples ----------------------------------------------------------------


def test_000_blog_page_warns_of_spoilers_and_names_no_critic() -> None:
    meta = sample_meta("000")
    assert meta.spoilers is True
    assert meta.critic is None
    assert meta.title is None  # "Ballerina (2025) Review:" is a section heading mid-page


def test_001_critic_from_the_bio_and_headline_from_the_first_line() -> None:
    meta = sample_meta("001")
    assert meta.critic == "Kat Hughes"
    assert meta.title == "‘Ballerina’ review: Dir. Len Wiseman (2025)"
    assert meta.outlet is None  # "An editor for THN" is another job, not this outlet
    assert meta.published is None  # "arrives in cinemas on 6th June 2025" is a release date
    assert meta.spoilers is False


def test_002_quoted_actor_is_not_the_critic() -> None:
    meta = sample_meta("002")
    assert meta.critic is None
    assert meta.spoilers is False


def test_003_author_label_and_front_matter_title() -> None:
    meta = sample_meta("003")
    assert meta.critic == "Chia Jing Heng"
    assert meta.title == "Ballerina (2025) - Review"
    assert meta.spoilers is False


def test_004_review_courtesy_of() -> None:
    meta = sample_meta("004")
    assert meta.critic == "Nadia Arain"
    assert meta.spoilers is False


# --- fixtures of other sites ---------------------------------------------------------


def test_json_ld_page() -> None:
    assert fixture_meta("jsonld_newsroom.html") == ReviewMeta(
        critic="Margaret Ellison",
        outlet="The Northern Screen",
        published="2023-09-08",
        title="Past Lives review – a quiet heartbreaker that lingers for days",
        spoilers=False,
        url="https://northernscreen.example/reviews/past-lives",
    )


def test_microdata_page() -> None:
    meta = fixture_meta("microdata_blog.html")
    assert (meta.critic, meta.outlet, meta.published) == (
        "Tomasz Wierzbicki",
        "Reel Ramblings",
        "2024-03-02",
    )
    assert meta.title == "Dune: Part Two (2024) – Review"


def test_magazine_page_byline_dateline_and_bio_outlet() -> None:
    meta = fixture_meta("magazine_inline_chrome.html")
    assert meta.critic == "Priya Raman"
    assert meta.published == "2022-11-18"
    assert meta.outlet == "Frame Rate Magazine"


def test_pasted_blog_page_posted_on_by() -> None:
    meta = fixture_meta("pasted_blog_page.txt")
    assert meta.critic == "Eleanor Marsh"  # not "Martin P", who commented
    assert meta.published == "2024-01-20"
    assert meta.title == "The Zone of Interest – Review"


def test_pasted_trade_page_bare_dateline_and_author_box() -> None:
    meta = fixture_meta("pasted_trade_page.txt")
    assert meta.critic == "Naomi Castellanos"
    assert meta.published == "2023-10-12"
    assert meta.title is not None and meta.title.startswith("‘Killers of the Flower Moon’ Review")


def test_markdown_front_matter_wins() -> None:
    meta = fixture_meta("perfect_days.md")
    assert (meta.critic, meta.outlet, meta.published) == (
        "Hana Kobayashi",
        "The Slow Cinema Club",
        "2024-02-23",
    )


def test_table_row_columns() -> None:
    (first, *_) = read_path(FIXTURES / "reviews.jsonl").documents
    meta = read_metadata(first)
    assert (meta.critic, meta.outlet, meta.published, meta.url) == (
        "Lena Fischer",
        "Film Monthly",
        "2023-07-21",
        "https://filmmonthly.example/oppenheimer",
    )
    assert meta.title is None  # a table's "title" is the film, never the review's headline


# --- critic --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "critic"),
    [
        ("Review Courtesy of Nadia Arain", "Nadia Arain"),
        ("Review by Tom Avery", "Tom Avery"),
        ("Reviewed by Ana de la Cruz", "Ana de la Cruz"),
        ("By Margaret Ellison | June 6, 2025", "Margaret Ellison"),
        ("By JOHN HALLORAN FOR THE EVENING POST", "John Halloran"),
        ("By Sam Okafor and Lee Park", "Sam Okafor"),
        ("**Author**: Chia Jing Heng (andreusjh99)", "Chia Jing Heng"),
        ("Critic: Jan van der Berg @jvdb", "Jan van der Berg"),
        ("Words by A.O. Marsh", "A.O. Marsh"),
        ("Written by Paolo Ferri", "Paolo Ferri"),
        ("Copyright 1997 James Berardinelli", "James Berardinelli"),
        ("© ALL RIGHTS RESERVED DENNIS SCHWARTZ", "Dennis Schwartz"),
        ("A Film Review by James Berardinelli", "James Berardinelli"),
        ("© 2023 The Northern Screen. All rights reserved.", None),
        ("By Staff", None),
        ("By Admin", None),
        ("By The Film Desk", None),
        ("By the end I was in tears.", None),
        ("By Christopher Nolan's standards it is short.", None),
        ("Written by", None),
    ],
)
def test_critic_from_a_closing_byline(line: str, critic: str | None) -> None:
    assert read_metadata(doc_of(PROSE, PROSE, line)).critic == critic


def test_structured_critic_wins_but_a_site_name_is_not_a_person() -> None:
    assert read_metadata(doc_of(PROSE, meta={"critic": "Jo March"})).critic == "Jo March"
    assert read_metadata(doc_of(PROSE, meta={"critic": "Staff"})).critic is None
    assert read_metadata(doc_of(PROSE, meta={"critic": "Admin"})).critic is None
    staff_then_byline = doc_of(PROSE, "By Jo March", meta={"critic": "Staff"})
    assert read_metadata(staff_then_byline).critic == "Jo March"
    messy = {"critic": "Margaret Ellison · Published"}
    assert read_metadata(doc_of(PROSE, meta=messy)).critic == "Margaret Ellison"


def test_written_by_in_the_middle_or_in_credits_is_the_films_writer() -> None:
    middle = doc_of(*[PROSE] * 7, "Written by Shay Hatten", *[PROSE] * 7)
    assert read_metadata(middle).critic is None
    credits = doc_of("Directed by Len Wiseman", "Written by Shay Hatten", PROSE, PROSE)
    assert read_metadata(credits).critic is None
    sentence = doc_of("Ballerina is an action film written by Shay Hatten.", PROSE)
    assert read_metadata(sentence).critic is None


def test_reviewed_by_closing_a_credits_paragraph_names_the_critic_but_stays_prose() -> None:
    credits = (
        "THE WINGS OF THE DOVE (Miramax) Starring: Helena Bonham Carter, Linus Roache. "
        "Director: Iain Softley. Running Time: 101 minutes. Reviewed by Scott Renshaw."
    )
    doc = doc_of(credits, PROSE, PROSE)
    assert read_metadata(doc).critic == "Scott Renshaw"
    header = doc_of("MATILDA A film review by Steve Rhodes Copyright 1996 Steve Rhodes", PROSE)
    assert read_metadata(header).critic == "Steve Rhodes"
    mention = doc_of("The cut reviewed by Roger Ebert in 1990 was longer.", PROSE)
    assert read_metadata(mention).critic is None


def test_a_quoted_person_is_not_the_critic() -> None:
    quoted = (
        "Actor Norman Reedus, who plays Pine, commented that the film's fight scenes are "
        "“very choreographed and calculated,” highlighting the precision fans expect."
    )
    assert read_metadata(doc_of(PROSE, quoted, PROSE)).critic is None


def test_closing_bio_names_critic_and_outlet() -> None:
    bio = "Jo March is the chief film critic for The Boston Ledger and a podcaster."
    meta = read_metadata(doc_of(PROSE, PROSE, bio))
    assert (meta.critic, meta.outlet) == ("Jo March", "The Boston Ledger")


def test_a_bio_early_in_the_text_is_about_someone_in_the_film() -> None:
    line = "Greta Gerwig is a writer and director whose films reward repeat viewing."
    assert read_metadata(doc_of(line, PROSE, PROSE, PROSE)).critic is None


def test_labelled_byline_beats_a_bio() -> None:
    doc = doc_of("By Jo March", PROSE, PROSE, "Amy Dorrit is a film critic and programmer.")
    assert read_metadata(doc).critic == "Jo March"


# --- outlet, date, title, url --------------------------------------------------------


def test_outlet_from_meta() -> None:
    assert read_metadata(doc_of(PROSE, meta={"outlet": "Sight Lines"})).outlet == "Sight Lines"
    assert read_metadata(doc_of(PROSE)).outlet is None


@pytest.mark.parametrize(
    ("stated", "iso"),
    [("2025-06-06", "2025-06-06"), ("June 6, 2025", "2025-06-06"), ("6 June 2025", "2025-06-06")],
)
def test_published_from_meta_is_iso(stated: str, iso: str) -> None:
    assert read_metadata(doc_of(PROSE, meta={"published": stated})).published == iso


def test_published_from_a_dateline_but_never_from_prose() -> None:
    top = doc_of("Published 8 September 2023", PROSE)
    assert read_metadata(top).published == "2023-09-08"
    posted = doc_of("Posted on March 2, 2024 by Jo March", PROSE)
    assert read_metadata(posted).published == "2024-03-02"
    release = doc_of(PROSE, "Ballerina arrives in cinemas on 6th June 2025.")
    assert read_metadata(release).published is None
    closing = doc_of(*[PROSE] * 10, "REVIEWED ON 2/17/99")
    assert read_metadata(closing).published == "1999-02-17"
    deep_byline = doc_of(*[PROSE] * 10, "By Jo March, June 6, 2025")
    assert read_metadata(deep_byline).published is None


def test_title_from_a_headline_that_names_the_review() -> None:
    assert read_metadata(doc_of("Past Lives review: a quiet heartbreaker", PROSE)).title == (
        "Past Lives review: a quiet heartbreaker"
    )
    assert read_metadata(doc_of("Stylish Action and Choreography", PROSE)).title is None
    assert read_metadata(doc_of(PROSE, PROSE, PROSE, "Past Lives Review")).title is None
    assert read_metadata(doc_of(PROSE, meta={"title": "Mine"})).title == "Mine"


def test_url_from_meta() -> None:
    assert read_metadata(doc_of(PROSE, meta={"url": "https://x.example/r"})).url == (
        "https://x.example/r"
    )
    assert read_metadata(doc_of(PROSE)).url is None


# --- spoilers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "THIS REVIEW CONTAINS SPOILERS",
        "Warning: spoilers ahead!",
        "Spoiler warning",
        "Ballerina (2025) Ending Explained (SPOILERS)",
        "Major spoilers follow for the final act.",
        "Spoilers",
    ],
)
def test_spoiler_warnings(line: str) -> None:
    assert read_metadata(doc_of(PROSE, line, PROSE)).spoilers is True


@pytest.mark.parametrize(
    "line",
    [
        "A spoiler-free review",
        "No spoilers here, promise.",
        "I'll keep this review without spoilers.",
        "Spoiler free: the twist stays secret.",
        "The trailer spoils too much.",
    ],
)
def test_spoiler_free_reviews(line: str) -> None:
    assert read_metadata(doc_of(PROSE, line, PROSE)).spoilers is False


def test_spoiler_flag_in_front_matter() -> None:
    assert read_metadata(doc_of(PROSE, meta={"spoilers": "true"})).spoilers is True


def test_a_spoiler_link_in_chrome_does_not_count() -> None:
    blocks = (Block("paragraph", PROSE), Block("chrome", "Barbie ending explained (spoilers)"))
    doc = Document(source="t", shape="text", raw="", blocks=blocks)
    assert read_metadata(doc).spoilers is False
