"""``split_films``: a page reviewing several films becomes one review per film."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marquee.documents import ReadOptions, read_path
from marquee.ingest import add_reviews, read_reviews
from marquee.metadata import read_metadata
from marquee.records import PAGE_CREDIT, Block, Document
from marquee.review import FilmHint, parse_review
from marquee.roundups.split import split_films
from marquee.scores import read_score
from marquee.store import Store

ROOT = Path(__file__).resolve().parents[1]
PAGES = Path(__file__).parent / "fixtures" / "pages"
EXPECTED = json.loads((PAGES / "expected.json").read_text())
ROUNDUPS = sorted(EXPECTED)
SINGLE_FILM_FILES = [
    *sorted((ROOT / "examples" / "ballerina").iterdir()),
    *sorted((Path(__file__).parent / "fixtures" / "documents").glob("*.[hmt][tdx]*")),
    *sorted((Path(__file__).parent / "fixtures" / "films").iterdir()),
    PAGES / "single_review.html",
    PAGES / "site_byline.html",
]
PROSE = (
    "The film takes its time and rewards it, with a lead performance of real subtlety and "
    "a final act that lands every blow it has spent an hour setting up."
)


def page(name: str) -> Document:
    (doc,) = read_path(PAGES / name).documents
    return doc


def doc_of(*blocks: tuple[str, str], **meta: str) -> Document:
    made = tuple(Block(kind, text) for kind, text in blocks)  # type: ignore[arg-type]
    raw = "\n".join(text for _, text in blocks)
    return Document(source="t", shape="text", raw=raw, blocks=made, meta=meta)


def credited(doc: Document) -> list[tuple[str | None, str | None]]:
    """(film title, critic) of each review a page is split into, in page order."""
    return [(r.facts.title, r.meta.critic) for r in map(parse_review, split_films(doc))]


@pytest.mark.parametrize("name", ROUNDUPS)
def test_one_part_per_film_in_page_order(name: str) -> None:
    doc = page(name)
    parts = split_films(doc)
    assert [p.meta["film"] for p in parts] == list(EXPECTED[name]["films"])
    assert [p.part for p in parts] == [0, 1, 2]
    assert all(p.raw == doc.raw and p.source == doc.source for p in parts)


@pytest.mark.parametrize("name", ROUNDUPS)
def test_each_part_has_its_own_score_and_verdict_line(name: str) -> None:
    parts = split_films(page(name))
    expected = EXPECTED[name]
    for part, (film, score_line) in zip(parts, expected["films"].items(), strict=True):
        lines = [b.text for b in part.blocks]
        assert score_line in lines, film
        others = [s for f, s in expected["films"].items() if f != film and s != score_line]
        assert not set(others) & set(lines), film
        score = read_score(part)
        assert score is not None and score.raw == score_line.removeprefix("Rating: ")
    for part, verdict in zip(parts, expected["verdicts"], strict=False):
        lines = [b.text for b in part.blocks]
        assert verdict in lines
        assert not set(expected["verdicts"]) - {verdict} & set(lines)


@pytest.mark.parametrize("name", ROUNDUPS)
def test_every_part_is_by_the_pages_critic_and_about_its_film(name: str) -> None:
    for part in split_films(page(name)):
        review = parse_review(part)
        assert review.meta.critic == EXPECTED[name]["critic"]
        assert review.facts.title == part.meta["film"]


@pytest.mark.parametrize("path", SINGLE_FILM_FILES, ids=lambda p: p.name)
def test_a_page_about_one_film_comes_back_whole(path: Path) -> None:
    for doc in read_path(path).documents:
        assert split_films(doc) == (doc,)


def test_sub_headings_with_ratings_do_not_split_one_review() -> None:
    doc = doc_of(
        ("heading", "Aftersun review"),
        ("paragraph", PROSE),
        ("heading", "Story ★★★☆☆"),
        ("paragraph", "The story is thin. " + PROSE),
        ("heading", "Acting ★★★★★"),
        ("paragraph", "The acting is superb. " + PROSE),
    )
    assert split_films(doc) == (doc,)


def test_once_a_page_is_a_roundup_an_unnamed_heading_with_a_verdict_is_a_film() -> None:
    """ "Saw X" is never named in its own prose; its siblings are, and it has stars."""
    doc = doc_of(
        ("heading", "Maestro"),
        ("paragraph", "Bradley Cooper's Maestro is handsome and restless. " + PROSE),
        ("paragraph", "★★★★☆"),
        ("heading", "Saw X"),
        ("paragraph", "The tenth Saw film is grim and efficient. " + PROSE),
        ("paragraph", "★★☆☆☆"),
        ("heading", "Fallen Leaves"),
        ("paragraph", "Aki Kaurismäki's Fallen Leaves is deadpan and lovely. " + PROSE),
        ("paragraph", "★★★★★"),
    )
    parts = split_films(doc)
    assert [p.meta["film"] for p in parts] == ["Maestro", "Saw X", "Fallen Leaves"]
    assert [read_score(p).value for p in parts] == [80.0, 40.0, 100.0]  # type: ignore[union-attr]


def test_one_line_capsule_reviews_each_become_a_review() -> None:
    doc = doc_of(
        ("heading", "Quick takes"),
        ("list_item", "Napoleon (15) – The battles are spectacular; the emperor is petulant. 3/5"),
        (
            "list_item",
            "Wonka (PG) – Sugar-coated, and more charming than it has any right to be. 4/5",
        ),
        ("list_item", "The Marvels (12A) – Swapping places is more fun than it sounds. 2/5"),
    )
    parts = split_films(doc)
    assert [p.meta["film"] for p in parts] == ["Napoleon", "Wonka", "The Marvels"]
    assert [read_score(p).value for p in parts] == [60.0, 80.0, 40.0]  # type: ignore[union-attr]
    assert [b.text for b in parts[0].blocks[1:3]] == [
        "Napoleon (15)",
        "The battles are spectacular; the emperor is petulant. 3/5",
    ]


def test_capsules_without_a_verdict_are_listings_not_reviews() -> None:
    doc = doc_of(
        ("heading", "Coming soon"),
        ("list_item", "Napoleon (15) – Ridley Scott's epic opens on Friday."),
        ("list_item", "Wonka (PG) – Timothée Chalamet sings, from 8 December."),
    )
    assert split_films(doc) == (doc,)


def test_a_film_heading_without_a_verdict_is_not_a_review() -> None:
    """Two dated headings, only one with a verdict: a "see also" is not a second review."""
    doc = doc_of(
        ("heading", "Oppenheimer (15, 180 mins)"),
        ("paragraph", PROSE),
        ("paragraph", "Rating: ★★★★☆"),
        ("heading", "Tenet (12A, 150 mins)"),
        ("paragraph", "Nolan's previous film is streaming now, if you want the contrast."),
    )
    assert split_films(doc) == (doc,)


def test_a_repeated_film_heading_stays_inside_its_review() -> None:
    doc = doc_of(
        ("heading", "Monster (12A)"),
        ("paragraph", PROSE),
        ("paragraph", "Rating: 4/5"),
        ("heading", "Scrapper (12A)"),
        ("paragraph", PROSE),
        ("paragraph", "Rating: 3/5"),
        ("heading", "Monster (12A)"),
        ("paragraph", "Verdict: still the one to see"),
    )
    parts = split_films(doc)
    assert [p.meta["film"] for p in parts] == ["Monster", "Scrapper"]
    assert "Verdict: still the one to see" in [b.text for b in parts[1].blocks]


def test_stars_beside_a_title_become_the_parts_score_line() -> None:
    part = split_films(page("roundup_okafor.html"))[0]
    assert [b.text for b in part.blocks if b.kind == "heading"][-1] == "Monster"
    assert Block("paragraph", "★★★★☆") in part.blocks


def test_rating_boxes_moved_to_the_end_are_dealt_back_one_per_film() -> None:
    """The HTML reader appends score boxes its extractor dropped after the last film."""
    doc = page("roundup_viner.html")
    assert [b.text for b in doc.blocks[-3:]] == [
        "Rating: ★★★★★",
        "Rating: ★★☆☆☆",
        "Rating: ★★★☆☆",
    ]
    scores = [read_score(p) for p in split_films(doc)]
    assert [s.value if s else None for s in scores] == [100.0, 40.0, 60.0]


def test_rating_boxes_that_do_not_match_the_films_stay_with_the_last() -> None:
    doc = doc_of(
        ("heading", "Monster (12A)"),
        ("paragraph", PROSE),
        ("paragraph", "Verdict: the one to see"),
        ("heading", "Scrapper (12A)"),
        ("paragraph", PROSE),
        ("paragraph", "Verdict: charming"),
        ("paragraph", "Rating: 3/5"),
    )
    first, second = split_films(doc)
    assert read_score(first) is None
    assert read_score(second) is not None and read_score(second).value == 60.0


def test_the_masthead_and_sign_off_are_shared_the_intro_is_not() -> None:
    parts = split_films(page("roundup_pasted.txt"))
    for part in parts:
        lines = [b.text for b in part.blocks]
        assert "By Staff" in lines and "Reviews by Priya Desai" in lines
        assert not any(line.startswith("Three new releases this week") for line in lines)


def test_film_level_meta_is_not_handed_to_every_part() -> None:
    doc = doc_of(
        ("heading", "Monster (12A)"),
        ("paragraph", PROSE),
        ("paragraph", "Rating: 4/5"),
        ("heading", "Scrapper (12A, 2023)"),
        ("paragraph", PROSE),
        ("paragraph", "Rating: 3/5"),
        critic="Ines Okafor",
        score="5/5",
        film="Monster",
        director="Hirokazu Kore-eda",
    )
    first, second = split_films(doc)
    settled = {PAGE_CREDIT: "yes"}  # the page's credit, final for each part
    assert first.meta == {"critic": "Ines Okafor", "film": "Monster", **settled}
    assert second.meta == {"critic": "Ines Okafor", "film": "Scrapper", "year": "2023", **settled}
    assert read_metadata(second).critic == "Ines Okafor"


def test_table_rows_are_never_split() -> None:
    doc = doc_of(("heading", "Monster (12A)"), ("paragraph", "Rating: 4/5"))
    table_row = Document("t.csv", "csv", doc.raw, doc.blocks * 2)
    assert split_films(table_row) == (table_row,)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'm.db'}")


@pytest.mark.parametrize("name", ROUNDUPS)
def test_a_roundup_file_stores_one_review_per_film_and_none_in_passing(
    name: str, store: Store
) -> None:
    reviews, failures = read_reviews([PAGES / name], options=ReadOptions(), hint=FilmHint())
    assert failures == []
    outcomes = list(add_reviews(store, reviews))
    assert [o.status for o in outcomes] == ["added"] * 3
    titles = {f.facts.title for f in store.films()}
    assert titles == set(EXPECTED[name]["films"])
    assert not titles & set(EXPECTED[name]["passing"])
    assert store.counts()["documents"] == 1 and store.counts()["reviews"] == 3
    for entry in store.films():
        (review,) = store.reviews(entry.id)
        assert review.document.meta["film"] == entry.facts.title
        assert review.meta.critic == EXPECTED[name]["critic"]
    assert [o.status for o in add_reviews(store, reviews)] == ["duplicate"] * 3


def test_a_logs_day_and_a_countdowns_number_are_no_part_of_the_title() -> None:
    """ "October 1: Harbour Lights (2017)." is day one's film, not "October 1: Harbour
    Lights"; "Number Ten: “Salt Roads: Part One”" is the tenth, the colon inside the
    quotation marks the title's own."""
    log = doc_of(
        ("heading", "My October Horror Watchlist"),
        ("paragraph", f"October 1: Harbour Lights (2017). {PROSE}"),
        ("paragraph", f"October 2: Paper Kites (1981). {PROSE}"),
        ("paragraph", f"Oct. 3: Glass Rivers (2004). {PROSE}"),
    )
    countdown = doc_of(
        ("heading", "My Top 10 Films of the Year"),
        ("heading", "Number Ten: “Salt Roads: Part One”"),
        ("paragraph", PROSE),
        ("heading", "Number Nine: “Paper Kites”"),
        ("paragraph", PROSE),
    )
    assert [p.meta["film"] for p in split_films(log)] == [
        "Harbour Lights",
        "Paper Kites",
        "Glass Rivers",
    ]
    assert [p.meta["film"] for p in split_films(countdown)] == [
        "Salt Roads: Part One",
        "Paper Kites",
    ]


def test_a_numbered_title_in_quotation_marks_is_the_title_whole() -> None:
    """ "Number Ten: “Salt Roads: The Long Way Home”" is that film, though the review names
    only "Salt Roads" (a subtitle the quotation marks keep)."""
    doc = doc_of(
        ("heading", "My Top 10 Films of the Year"),
        ("heading", "Number Ten: “Salt Roads: The Long Way Home”"),
        ("paragraph", f"The Salt Roads films are back. {PROSE}"),
        ("heading", "Number Nine: “Paper Kites”"),
        (
            "paragraph",
            "This one makes the list for having one of the strangest and most frightening "
            "monsters to reach the screen in years.",
        ),
    )
    assert [p.meta["film"] for p in split_films(doc)] == [
        "Salt Roads: The Long Way Home",
        "Paper Kites",
    ]


def test_a_headline_saying_it_reviews_a_film_names_it_after_its_lead_in() -> None:
    """A category page of "Lead-in: Title reviewed" headlines, each over its teaser: the
    film is the title after the lead-in, however long the lead-in runs."""
    doc = doc_of(
        ("heading", "Cinema"),
        ("paragraph", "Someone stop the director: Harbour Lights reviewed"),
        ("paragraph", f"Harbour Lights is the third of his detective films. {PROSE}"),
        ("paragraph", "Did a machine write this? Paper Kites and the Glass River reviewed"),
        ("paragraph", f"Paper Kites and the Glass River ends a long series. {PROSE}"),
        (
            "paragraph",
            "As art it was weak but the young audience I saw it with loved every minute of "
            "it: Salt Roads: The Return reviewed",
        ),
        ("paragraph", f"Salt Roads began as a joke in the eighties. {PROSE}"),
    )
    assert [p.meta["film"] for p in split_films(doc)] == [
        "Harbour Lights",
        "Paper Kites and the Glass River",
        "Salt Roads: The Return",
    ]


def test_a_labelled_headline_names_its_film_before_the_words_about_it() -> None:
    """ "FEST REVIEW: Harbour Lights a pulse-pounding gem": the label every headline
    repeats, the film, then what the critic thought of it."""
    doc = doc_of(
        ("heading", "FEST REVIEW: Harbour Lights a pulse-pounding foreign gem"),
        ("paragraph", f"Harbour Lights is a thriller that never lets go. {PROSE}"),
        ("heading", "FEST REVIEW: Love, Peter a testament to its subject's strength"),
        ("paragraph", f"Peter's story is both horrifying and triumphant. {PROSE}"),
        ("heading", "FEST REVIEW: Glass Rivers overlong, still astounding"),
        ("paragraph", f"Glass Rivers is a meditation on family. {PROSE}"),
    )
    assert [p.meta["film"] for p in split_films(doc)] == [
        "Harbour Lights",
        "Love, Peter",
        "Glass Rivers",
    ]


def test_a_numbered_heading_closed_by_its_facts_and_a_full_stop_is_a_film() -> None:
    """ "9. Harbour Lights (dir. Ana Ruiz). harbour-lights-poster": the entry's line ends
    with its facts and a full stop, and a copy kept the poster's file name after it."""
    doc = doc_of(
        ("heading", "Top 10 Films of the Year"),
        ("paragraph", "Picking a top ten has been an almost impossible task this year."),
        ("list_item", "Harbour Lights (dir. Ana Ruiz). harbour-lights-poster03"),
        ("paragraph", PROSE),
        ("list_item", "Paper Kites (dir. Tom Bell). PAPER-KITES-QUAD-UK"),
        ("paragraph", PROSE),
        ("list_item", "Glass Rivers (dir. Eve Macarro)."),
        ("paragraph", PROSE),
    )
    assert [p.meta["film"] for p in split_films(doc)] == [
        "Harbour Lights",
        "Paper Kites",
        "Glass Rivers",
    ]


def test_a_films_image_named_under_its_title_is_no_title_of_its_own() -> None:
    """ "The Harbour Lights Movie" over "Harbour", the name a copy kept of its image."""
    doc = doc_of(
        ("chrome", "Category: Reviews in Short"),
        ("heading", "The Harbour Lights Movie"),
        ("heading", "Harbour"),
        ("paragraph", f"So The Harbour Lights Movie is an advert. {PROSE} Release: 2014 Grade: B"),
        ("heading", "Paperkites"),
        ("heading", "Paper"),
        ("paragraph", f"I found Paperkites far too serious. {PROSE} Release: 2013 Grade: C-"),
    )
    assert [p.meta["film"] for p in split_films(doc)] == ["The Harbour Lights Movie", "Paperkites"]


def test_a_capsule_signed_before_its_link_to_the_full_review_credits_that_critic() -> None:
    """ "… – Ann R. (full review)", and "….Tom Bell (full review)" where a copy lost the
    dash: each capsule's own critic."""
    doc = doc_of(
        ("heading", "The Best Films of the Festival"),
        ("heading", "Harbour Lights (Eve Macarro)"),
        ("paragraph", f"Harbour Lights is a delight. {PROSE} – Ann R. (full review)"),
        ("heading", "Paper Kites (Joanna Hale)"),
        ("paragraph", f"Paper Kites melds two genres. {PROSE}Tom Bell (full review)"),
    )
    assert credited(doc) == [
        ("Harbour Lights", "Ann R."),
        ("Paper Kites", "Tom Bell"),
    ]


def test_a_capsule_whose_heading_the_copy_lost_is_a_film_of_its_own() -> None:
    """One paragraph under each title is the page's template; a further paragraph under
    one, about "the film Paper Kites", is a capsule that lost its heading."""
    doc = doc_of(
        ("heading", "Wednesday, March 31, 2021"),
        ("heading", "Harbour Lights"),
        ("paragraph", f"The monster movie Harbour Lights met my expectations. {PROSE}"),
        ("heading", "Monday, March 29, 2021"),
        (
            "paragraph",
            f"I find sexism disturbing. The story in the film Paper Kites struck me. {PROSE}",
        ),
        ("heading", "Sunday, March 28, 2021"),
        ("heading", "Glass Rivers"),
        ("paragraph", f"Alcohol abuse drives the film Glass Rivers. {PROSE}"),
        ("heading", "Thursday, March 25, 2021"),
        ("heading", "Salt Roads"),
        ("paragraph", f"The film Salt Roads is a reminder of how hard life was. {PROSE}"),
    )
    assert [p.meta["film"] for p in split_films(doc)] == [
        "Harbour Lights",
        "Paper Kites",
        "Glass Rivers",
        "Salt Roads",
    ]


def test_a_film_named_in_passing_in_a_second_paragraph_is_no_capsule() -> None:
    """ "… Costa's previous movie, Horse Money" names a film in passing, not its own."""
    doc = doc_of(
        ("heading", "Best Films of the Year: the countdown"),
        ("heading", "1. Harbour Lights (dir: Ana Ruiz)"),
        ("paragraph", f"Harbour Lights {PROSE}"),
        ("paragraph", f"One of the stars of Ruiz's previous movie, Glass Rivers, stars. {PROSE}"),
        ("heading", "2. Paper Kites (dir: Tom Bell)"),
        ("paragraph", f"Paper Kites {PROSE}"),
        ("heading", "3. Salt Roads (dir: Eve Macarro)"),
        ("paragraph", f"Salt Roads {PROSE}"),
    )
    assert [p.meta["film"] for p in split_films(doc)] == [
        "Harbour Lights",
        "Paper Kites",
        "Salt Roads",
    ]
