"""The documents stage: shapes, decoding, refusals, blocks and the chrome they carry."""

from __future__ import annotations

import itertools
import json
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import marquee.documents as documents
from marquee.documents import Reading, ReadOptions, read_bytes, read_path
from marquee.errors import MarqueeError, ParseError, TooLarge
from marquee.records import Document

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "examples" / "ballerina"
FIXTURES = Path(__file__).parent / "fixtures" / "documents"


def sample(prefix: str) -> Document:
    (path,) = SAMPLES.glob(f"{prefix}_*.txt")
    return only(read_path(path))


def fixture(name: str, **options: object) -> Reading:
    return read_path(FIXTURES / name, options=ReadOptions(**options))  # type: ignore[arg-type]


def only(reading: Reading) -> Document:
    (doc,) = reading.documents
    return doc


def kinds(doc: Document, kind: str) -> list[str]:
    return [b.text for b in doc.blocks if b.kind == kind]


def test_public_api_is_exactly_the_documented_names() -> None:
    assert documents.__all__ == sorted(documents.__all__, key=str.casefold)
    assert documents.__all__ == [
        "read_bytes",
        "read_path",
        "Reading",
        "ReadOptions",
        "stream_bytes",
        "stream_path",
    ]
    assert all(hasattr(documents, name) for name in documents.__all__)


# --- the five samples --------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "shape"),
    [("000", "text"), ("001", "text"), ("002", "text"), ("003", "markdown"), ("004", "text")],
)
def test_sample_shapes_are_detected_from_content(prefix: str, shape: str) -> None:
    doc = sample(prefix)
    assert doc.shape == shape
    assert doc.encoding == "utf-8"
    assert doc.warnings == ()
    assert doc.source.endswith(".txt")


def test_000_blog_page_body_drops_link_list_newsletter_and_comment_prompts() -> None:
    doc = sample("000")
    body = doc.body
    for chrome in (
        "Also check out",
        "Sister Midnight (2024) | Film Review",
        "Island of the Dying Goddess",
        "Let me know in the comments",
        "Sign up to my newsletter",
        "Until next time",
        "Leave a Reply",
        "![",
        "ronitjauthor.com",
    ):
        assert chrome not in body, chrome
    for kept in (
        "I had enough reservations to almost not watch the Ballerina.",
        "Talk about unnecessary franchise expansions. Sigh.",
        "With John Wick, I guess the cap was five.",
        "Ask yourself: do you really want to watch a film",
    ):
        assert kept in body, kept
    # a verdict line one word long survives, right after its question
    paragraphs = kinds(doc, "paragraph")
    assert paragraphs[paragraphs.index("Is Ballerina (2025) worth watching?") + 1] == "No."
    assert {"Fails at the Fundamentals", "A John Wick Spin-Off", "In Conclusion:"} <= set(
        kinds(doc, "heading")
    )
    assert len(kinds(doc, "media")) == 2  # the two image-markdown lines
    assert "Sister Midnight (2024) | Film Review" in kinds(doc, "chrome")


def test_001_news_page_labels_captions_review_box_bio_and_ads() -> None:
    doc = sample("001")
    body = doc.body
    for chrome in (
        "Connect with us",
        "Film Reviews",
        "Photo Credit",
        "Advertisement",
        "Latest Posts",
        "More in Film Reviews",
        "UK born film critic",
    ):
        assert chrome not in body, chrome
    assert "Eleven years ago, in 2014, Chad Stahelski and David Leitch" in body
    assert "is ultimately somewhat of a damp squib." in body
    assert "Ballerina is a misfire on nearly every level." in body
    assert kinds(doc, "caption") == [
        "Ana de Armas as Eve in Ballerina. Photo Credit: Murray Close",
        "Ana de Armas as Eve in Ballerina. Photo Credit: Courtesy of Lionsgate",
    ]
    bylines = kinds(doc, "byline")
    assert bylines[0] == "Kat Hughes"  # the review box's name line, matched to the bio
    assert bylines[1].startswith("Kat Hughes is a UK born film critic")
    # the review box keeps its order for the score reader: Summary, sentence, bare score
    texts = [b.text for b in doc.blocks]
    summary = texts.index("Summary")
    assert doc.blocks[summary].kind == "heading"
    assert doc.blocks[summary + 2].text == "2"
    assert doc.blocks[summary + 2].kind == "paragraph"
    assert doc.blocks[3 - 1].kind == "heading"  # the headline after two chrome lines


def test_002_round_up_keeps_prose_and_marks_the_clips_line_as_media() -> None:
    doc = sample("002")
    assert kinds(doc, "media") == ["Watch the Ballerina (2025) Clips"]
    assert "Watch the" not in doc.body
    assert "Final Verdict" in kinds(doc, "heading")
    assert "Plot and Narrative: Simplicity or Missed Opportunity?" in kinds(doc, "heading")
    assert "Actor Norman Reedus, who plays Pine, commented" in doc.body
    assert kinds(doc, "byline") == []
    assert kinds(doc, "chrome") == []


def test_003_markdown_front_matter_figures_iframe_table_and_author() -> None:
    doc = sample("003")
    assert doc.meta["title"] == "Ballerina (2025) - Review"
    assert doc.meta["score"] == "7/10"
    assert doc.meta["director"] == "Len Wiseman"
    assert doc.meta["screenplay"] == "Shay Hatten"
    assert doc.meta["description"] == "Bloody, funny, and adrenaline-fueled"
    assert doc.meta["categories"] == "film review"
    assert kinds(doc, "table_row")[0] == "Story/Screenplay | 1.0 / 2.0"
    assert kinds(doc, "table_row")[-1] == "Bonus | 0.0 / 1.0"
    assert len(kinds(doc, "table_row")) == 8
    assert kinds(doc, "caption") == [
        "From the World of John Wick: Ballerina, directed by Len Wiseman",
        "Ana de Armas as the deadly Eve MaCarro",
        "Trailer for Ballerina (2025)",
    ]
    media = kinds(doc, "media")
    assert len(media) == 3
    assert "youtube.com/embed/0FSwsrFpkbw" in media[2]
    assert kinds(doc, "byline") == ["Author: Chia Jing Heng (andreusjh99)"]
    body = doc.body
    assert "**" not in body and "<a" not in body and "---" not in body
    assert "The music by Tyler Bates and Joel J. Richard is electrifying in Ballerina." in body
    assert "Ballerina, otherwise known and marketed under the less catchy" in body
    assert "Story/Screenplay" not in body  # table rows are not prose


def test_004_plain_review_byline_and_image_credit() -> None:
    doc = sample("004")
    assert kinds(doc, "byline") == ["Review Courtesy of Nadia Arain"]
    assert kinds(doc, "caption") == ["Feature Image Credit to Lionsgate via IMDb"]
    assert "Nadia Arain" not in doc.body and "Lionsgate via IMDb" not in doc.body
    assert doc.body.startswith("Assassin films featuring women often resort")
    assert len(kinds(doc, "paragraph")) == 6


def test_raw_is_the_whole_decoded_input_and_reading_is_deterministic() -> None:
    (path,) = SAMPLES.glob("003_*.txt")
    first, second = only(read_path(path)), only(read_path(path))
    assert first.raw == path.read_text(encoding="utf-8")
    assert first == second


def test_source_is_the_path_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    (path,) = SAMPLES.glob("004_*.txt")
    monkeypatch.chdir(ROOT)
    relative = f"examples/ballerina/{path.name}"
    assert only(read_path(relative)).source == relative
    assert only(read_path(path)).source == str(path)


# --- HTML pages ----------------------------------------------------------------------


def test_html_json_ld_review_fills_meta() -> None:
    doc = only(fixture("jsonld_newsroom.html"))
    assert doc.shape == "html"
    assert {k: doc.meta[k] for k in ("critic", "outlet", "published", "film", "year")} == {
        "critic": "Margaret Ellison",
        "outlet": "The Northern Screen",
        "published": "2023-09-08",
        "film": "Past Lives",
        "year": "2023",
    }
    assert doc.meta["score"] == "4/5"
    assert doc.meta["score_worst"] == "1"
    assert doc.meta["director"] == "Celine Song"
    assert doc.meta["title"].startswith("Past Lives review")
    assert doc.meta["url"] == "https://northernscreen.example/reviews/past-lives"
    assert "A triangle without villains" in kinds(doc, "heading")
    for chrome in ("Share on", "Related", "newsletter", "Privacy Policy", "Advertisement"):
        assert chrome not in doc.body, chrome
    assert "a late-night conversation in bed is the funniest and saddest scene" in doc.body


def test_html_microdata_review_fills_meta_and_keeps_the_rating_widget() -> None:
    doc = only(fixture("microdata_blog.html"))
    assert doc.meta["score"] == "8/10"
    assert doc.meta["critic"] == "Tomasz Wierzbicki"
    assert doc.meta["film"] == "Dune: Part Two"
    assert doc.meta["published"] == "2024-03-02"  # the review's date, not the film's
    assert "My rating: 8/10" in [b.text for b in doc.blocks]
    for chrome in ("Great write-up", "Leave a Reply", "Tags:", "Powered by", "Share this"):
        assert chrome not in doc.body, chrome
    assert "Austin Butler's Feyd-Rautha is a genuinely unnerving creation." in doc.body


def test_html_wordpress_blog_without_structured_data() -> None:
    doc = only(fixture("wordpress_blog.html"))
    assert doc.meta["critic"] == "Delia Okafor"
    assert doc.meta["outlet"] == "Popcorn & Paper"
    assert doc.meta["published"] == "2023-11-14"
    assert "score" not in doc.meta
    for chrome in (
        "Like Loading",
        "Like this",
        "I found it slow",
        "Recent Posts",
        "Previous Post",
        "Killers of the Flower Moon is a patient",
    ):
        assert chrome not in doc.body, chrome
    assert "Verdict: 4 out of 5 stars." in doc.body
    assert doc.body.startswith("Alexander Payne has always been at his best")


def test_html_chrome_inside_the_article_is_labelled() -> None:
    doc = only(fixture("magazine_inline_chrome.html"))
    assert kinds(doc, "byline")[:2] == ["By Priya Raman", "Published 18 November 2022"]
    assert kinds(doc, "byline")[-1].startswith("Priya Raman is a film critic for")
    chrome = kinds(doc, "chrome")
    assert "Advertisement" in chrome
    assert "Also read: The best debut features of the decade so far" in chrome
    assert "Sign up for our weekly newsletter and never miss a review." in chrome
    assert "Share this article" in chrome
    for text in chrome + kinds(doc, "byline"):
        assert text not in doc.body
    assert "By the end I was a wreck." in doc.body  # "By the end" is prose, not a byline
    assert "Aftersun is in cinemas now. Rating: 5/5" in doc.body


def _page_with_json_ld(data: object) -> bytes:
    ld = json.dumps(data)
    paragraphs = "".join(
        f"<p>Paragraph {n}: the film is patient and strange and it rewards attention.</p>"
        for n in range(6)
    )
    return (
        f'<html><head><script type="application/ld+json">{ld}</script></head>'
        f"<body><article><h1>Review</h1>{paragraphs}</article></body></html>"
    ).encode()


def test_json_ld_review_inside_a_graph_with_a_list_of_authors() -> None:
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "name": "A page"},
            {
                "@type": "Review",
                "headline": "Anora is a screwball tragedy",
                "author": [{"@type": "Person", "name": "Ines Duarte"}, {"name": "Bo Chan"}],
                "publisher": "Cine Sur",
                "datePublished": "2024-10-18",
                "itemReviewed": {"@type": "Movie", "name": "Anora", "datePublished": "2024"},
                "reviewRating": {"ratingValue": 9},
            },
        ],
    }
    doc = only(read_bytes(_page_with_json_ld(data), "graph.html"))
    assert doc.meta["title"] == "Anora is a screwball tragedy"
    assert doc.meta["critic"] == "Ines Duarte"
    assert doc.meta["outlet"] == "Cine Sur"
    assert doc.meta["film"] == "Anora" and doc.meta["year"] == "2024"
    assert doc.meta["score"] == "9/10"  # no bestRating: 9 cannot be out of schema.org's 5


def test_json_ld_review_nested_in_the_movie_it_reviews() -> None:
    data = {
        "@context": "https://schema.org",
        "@type": "Movie",
        "name": "The Substance",
        "dateCreated": "2024-05-19",
        "director": [{"@type": "Person", "name": "Coralie Fargeat"}],
        "review": {
            "@type": "Review",
            "author": {"@type": "Person", "name": "Lea Brandt"},
            "reviewRating": {"ratingValue": "3.5", "bestRating": "4"},
        },
    }
    doc = only(read_bytes(_page_with_json_ld(data), "nested.html"))
    assert doc.meta["film"] == "The Substance" and doc.meta["year"] == "2024"
    assert doc.meta["director"] == "Coralie Fargeat"
    assert doc.meta["score"] == "3.5/4"
    assert doc.meta["critic"] == "Lea Brandt"


def test_broken_json_ld_is_ignored_not_fatal() -> None:
    page = _page_with_json_ld({}).replace(b"{}", b'{"@type": "Review", "author": ')
    doc = only(read_bytes(page, "broken.html"))
    assert "score" not in doc.meta
    assert "Paragraph 3: the film is patient" in doc.body


@pytest.mark.parametrize("name", ["fragment_tiny.html", "fragment_tiny.txt"])
def test_html_fragment_is_html_whatever_its_name(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes((FIXTURES / "fragment_tiny.html").read_bytes())
    doc = only(read_path(path))
    assert doc.shape == "html"
    assert "<p>" not in doc.text
    assert "Ryan Gosling steals every scene as Ken. Grade: B+" in doc.body
    assert "published" not in doc.meta  # "(2023)" in a heading is not a publication date


# --- Markdown ------------------------------------------------------------------------


def test_markdown_post_front_matter_is_normalised_and_kept() -> None:
    doc = only(fixture("perfect_days.md"))
    assert doc.shape == "markdown"
    meta = dict(doc.meta)
    assert meta["title"] == "Perfect Days (2023): Wenders finds grace in a Tokyo toilet"
    assert meta["critic"] == "Hana Kobayashi"
    assert meta["outlet"] == "The Slow Cinema Club"
    assert meta["published"] == "2024-02-23"  # a YAML date object, as ISO text
    assert meta["film"] == "Perfect Days" and meta["year"] == "2023"
    assert meta["score"] == "A-"
    assert meta["writers"] == "Wim Wenders, Takuma Takasaki"  # lists joined, key as written
    assert meta["starring"] == "Kōji Yakusho, Tokio Emoto"
    assert meta["director"] == "Wim Wenders"


def test_markdown_body_blocks() -> None:
    doc = only(fixture("perfect_days.md"))
    assert kinds(doc, "heading") == ["Perfect Days (2023)", "A life in repetition"]
    assert kinds(doc, "list_item") == [
        "Yakusho won Best Actor at Cannes, and deserves it.",
        "The soundtrack (Lou Reed, Patti Smith, The Animals) is a character in itself.",
    ]
    assert kinds(doc, "caption") == ["Photo courtesy of Mubi"]
    assert kinds(doc, "media")[0] == "Kōji Yakusho as Hirayama: /img/perfect-days.jpg"
    assert kinds(doc, "media")[1].startswith("Perfect Days trailer: https://www.youtube.com")
    body = doc.body
    assert "Perfect Days follows Hirayama (Kōji Yakusho), a man who cleans" in body
    assert "Read our interview with Wim Wenders for more" in body  # link text kept
    assert "](" not in body and "*" not in body
    assert "Drive My Car" not in body and "Let us know in the comments" not in body


def test_front_matter_syntax_error_names_the_line() -> None:
    data = b"---\ntitle: Fine\nrating: [7/10\nauthor: X\n---\nBody text here.\n"
    with pytest.raises(ParseError, match=r"bad\.md: malformed YAML front matter at line \d"):
        read_bytes(data, "bad.md")


def test_front_matter_mixing_keys_and_a_list_is_malformed() -> None:
    with pytest.raises(ParseError, match="malformed YAML front matter at line 3"):
        read_bytes(b"---\nKey: value\n- item\n---\nBody.\n", "mixed.md")


def test_text_between_rules_is_not_mistaken_for_front_matter() -> None:
    data = b"---\nA quiet, lovely film.\n---\nIt stays with you for days afterwards.\n"
    doc = only(read_bytes(data, "rules.txt"))
    assert "A quiet, lovely film." in doc.body and doc.meta == {}


def test_front_matter_with_an_impossible_date_is_refused_not_a_traceback() -> None:
    with pytest.raises(ParseError, match="front matter"):
        read_bytes(b"---\ndate: 2025-13-45\n---\nBody.\n", "date.md")


# --- tables --------------------------------------------------------------------------


def test_csv_with_usual_columns_one_document_per_row_and_a_problem_line() -> None:
    reading = fixture("critics_usual.csv")
    source = str(FIXTURES / "critics_usual.csv")
    assert [d.source for d in reading.documents] == [
        f"{source}#row=1",
        f"{source}#row=2",
        f"{source}#row=4",
    ]
    assert reading.problems == (f"{source} row 3: no review text",)
    first = reading.documents[0]
    assert first.shape == "csv"
    assert dict(first.meta) == {
        "critic": "Owen Hartley",
        "outlet": "The Daily Reel",
        "published": "2024-03-29",
        "score": "4/5",
        "film": "Godzilla Minus One",  # "title" in a table is the film
        "verdict": "fresh",
    }
    assert first.body == "A thrilling, big-hearted monster movie that earns every roar."
    raw = json.loads(first.raw)
    assert raw["quote"] == first.body and raw["title"] == "Godzilla Minus One"
    assert first.raw == json.dumps(raw, sort_keys=True, ensure_ascii=False)
    assert reading.documents[1].meta["verdict"] == "rotten"


def test_csv_with_unusual_columns_needs_and_takes_a_mapping() -> None:
    with pytest.raises(ParseError, match="no review-text column.*Blurb, By, Mag"):
        fixture("critics_unusual.csv")
    columns = {"text": "blurb", "critic": "By", "outlet": "mag", "published": "when"}
    columns |= {"score": "marks", "film": "picture"}
    reading = fixture("critics_unusual.csv", columns=columns)
    assert reading.problems == ()
    first, second = reading.documents
    assert first.shape == "csv"  # semicolons sniffed
    assert dict(first.meta) == {
        "critic": "Anna Lindqvist",
        "outlet": "Kino Nord",
        "published": "2023-07-14",  # 14.07.2023, day first
        "score": "B+",
        "film": "Barbie",
    }
    assert second.body.startswith("Too pleased with its own cleverness")


def test_csv_mapping_to_a_missing_column_is_refused() -> None:
    with pytest.raises(ParseError, match="no column 'blurb' for text"):
        fixture("critics_usual.csv", columns={"text": "blurb"})


def test_csv_row_with_the_wrong_number_of_fields_is_a_problem() -> None:
    data = b"text,critic\nGood film.,Ann Lee\nToo,many,fields\nBad film.,Bo Chan\n"
    reading = read_bytes(data, "r.csv")
    assert [d.body for d in reading.documents] == ["Good film.", "Bad film."]
    assert reading.problems == ("r.csv row 2: 3 fields where the header has 2",)


def test_jsonl_rows_and_problems() -> None:
    reading = fixture("reviews.jsonl")
    source = str(FIXTURES / "reviews.jsonl")
    assert len(reading.documents) == 2
    assert reading.problems[0].startswith(f"{source} row 3: not valid JSON")
    assert reading.problems[1] == f"{source} row 4: no review text"
    first = reading.documents[0]
    assert first.shape == "jsonl"
    assert first.source == f"{source}#row=1"
    assert first.meta["year"] == "2023" and first.meta["score"] == "4.5/5"
    assert first.meta["url"] == "https://filmmonthly.example/oppenheimer"
    assert json.loads(first.raw)["movie"] == "Oppenheimer"


def test_jsonl_with_unusual_keys_mapped() -> None:
    columns = {"text": "blurb", "critic": "writer", "outlet": "outlet_name"}
    reading = fixture("reviews_odd_keys.jsonl", columns=columns | {"score": "stars"})
    assert reading.problems == ()
    assert [d.meta["critic"] for d in reading.documents] == ["Ruth Okonkwo", "Ivan Petrov"]
    assert reading.documents[1].meta["score"] == "★★★☆☆"
    assert reading.documents[0].meta["picture"] == "Killers of the Flower Moon"


def test_tsv_and_nested_json_values() -> None:
    tsv = b"Review\tCritic\tScore\nA tender, funny film.\tAnn Lee\t8/10\n"
    (doc,) = read_bytes(tsv, "export.tsv").documents
    assert (doc.body, doc.meta["critic"], doc.meta["score"]) == (
        "A tender, funny film.",
        "Ann Lee",
        "8/10",
    )
    row = {"text": "Loved it.", "critic": {"name": "Bo Chan", "id": 7}, "tags": ["a", "b"]}
    (doc,) = read_bytes(json.dumps(row).encode() + b"\n", "n.jsonl").documents
    assert doc.meta["critic"] == "Bo Chan" and doc.meta["tags"] == "a, b"


def test_markdown_author_given_as_a_mapping() -> None:
    data = b"---\nauthor:\n  name: Jo March\n  twitter: '@jo'\n---\nA fine film.\n"
    assert only(read_bytes(data, "a.md")).meta["critic"] == "Jo March"


def test_json_array_of_reviews_reads_as_rows() -> None:
    data = json.dumps([{"review": "Great.", "critic": "Ann Lee"}, {"review": "Poor."}]).encode()
    reading = read_bytes(data, "export.json")
    assert [d.body for d in reading.documents] == ["Great.", "Poor."]
    assert reading.documents[0].shape == "jsonl"


def test_one_pretty_printed_json_review_is_one_row() -> None:
    row = {"review": "A tender, devastating debut.", "critic": "Jane Roe", "rating": "4/5"}
    (doc,) = read_bytes(json.dumps(row, indent=2).encode(), "review.json").documents
    assert (doc.shape, doc.body, doc.meta["critic"]) == ("jsonl", row["review"], "Jane Roe")


def test_json_that_holds_no_review_is_a_problem_not_a_review() -> None:
    """A pretty-printed JSON file of anything else must not be read as prose and filed
    under whatever film its strings name."""
    data = json.dumps({"page.html": {"critic": "Brian Viner", "films": ["Oppenheimer"]}}, indent=2)
    reading = read_bytes(data.encode(), "expected.json")
    assert reading.documents == () and reading.problems == ("expected.json row 1: no review text",)


@pytest.mark.parametrize(
    "feed",
    [
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Reviews</title>'
        "<item><title>Oppenheimer review</title><link>https://x.example/o</link></item>"
        "</channel></rss>",
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Reviews</title><entry><title>Past Lives</title></entry></feed>",
    ],
)
def test_a_saved_feed_points_to_add_feed(feed: str) -> None:
    with pytest.raises(ParseError, match="--feed URL"):
        read_bytes(feed.encode(), "reviews.xml")


def test_table_detected_from_content_even_as_txt() -> None:
    assert read_bytes(b"review,critic\nLoved it.,Ann Lee\n", "x.txt").documents[0].shape == "csv"
    assert read_bytes(b'{"text": "Loved it."}\n', "x.txt").documents[0].shape == "jsonl"


# --- plain text ----------------------------------------------------------------------


def test_pasted_blog_page_with_comments_keeps_only_the_review() -> None:
    doc = only(fixture("pasted_blog_page.txt"))
    assert doc.body.split("\n\n") == [
        "The Zone of Interest – Review",
        "Jonathan Glazer's The Zone of Interest is set almost entirely inside the garden wall "
        "of the Höss family home, and the horror is what we never see. We hear it instead: the "
        "gunshots, the furnaces, the screams carried over the wall while the children play in "
        "the pool.",
        "Christian Friedel and Sandra Hüller play the commandant and his wife as people wholly "
        "absorbed in domestic comforts. Hüller in particular is chilling, fussing over her "
        "flower beds and trying on a fur coat taken from a prisoner.",
        "Mica Levi's score is used sparingly, and it is devastating when it arrives. The sound "
        "design by Johnnie Burn deserves every award it gets.",
        "It is not an easy watch, and it is not meant to be. It is, though, essential.",
        "Rating: 9/10",
    ]
    assert kinds(doc, "byline") == ["Posted on January 20, 2024 by Eleanor Marsh"]
    assert "Saw it last night. I could not sleep afterwards." in kinds(doc, "chrome")


def test_pasted_trade_page_menus_share_bar_author_box_and_footer() -> None:
    doc = only(fixture("pasted_trade_page.txt"))
    assert doc.body.split("\n\n")[:2] == [
        "‘Killers of the Flower Moon’ Review: Scorsese’s Furious Epic Finds Its Heart in "
        "Lily Gladstone",
        "Leonardo DiCaprio and Robert De Niro are superb, but it is Gladstone who holds the "
        "film's moral center.",
    ]
    assert doc.body.split("\n\n")[-1].startswith("Reviewed at Cannes Film Festival")
    for chrome in (
        "Got A Tip?",
        "Box Office",
        "Newsletters",
        "Plus Icon",
        "Share to Flipboard",
        "Show more sharing options",
        "Related Stories",
        "The 30 Best Movies of 2023 So Far",
        "Read More About",
        "Jump to Comments",
        "Must Read",
        "you agree to our Terms of Use",
        "All Rights Reserved",
    ):
        assert chrome not in doc.body, chrome
    assert kinds(doc, "byline") == [
        "Oct 12, 2023 8:00am PT",
        "By Naomi Castellanos",
        "Naomi Castellanos",
        "Chief Film Critic",
    ]
    assert kinds(doc, "caption") == ["Courtesy of Apple TV+"]


def test_pasted_letterboxd_review() -> None:
    doc = only(fixture("letterboxd_copy.txt"))
    assert kinds(doc, "byline") == ["Review by Marta Kowalczyk ★★★½"]
    assert kinds(doc, "chrome") == [
        "Sign in",
        "Create account",
        "Films",
        "Lists",
        "Members",
        "Journal",
        "Like review",
        "142 likes",
        "Reply",
    ]
    assert doc.body.split("\n\n")[0] == "Poor Things 2023"


def test_short_rhetorical_lines_above_the_prose_are_not_a_menu() -> None:
    text = "Suspense?\nHumor?\nFun?\nNone of it, in a film that runs on fumes.\n"
    doc = only(read_bytes(text.encode(), "q.txt"))
    assert kinds(doc, "chrome") == []


def test_hard_wrapped_text_is_joined_into_paragraphs() -> None:
    doc = only(fixture("hard_wrapped.txt"))
    assert kinds(doc, "heading") == ["ANATOMY OF A FALL"]
    paragraphs = kinds(doc, "paragraph")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Justine Triet's courtroom drama opens with a fall from an")
    assert "attic window and spends" in paragraphs[0]
    assert kinds(doc, "byline") == ["Written by Paolo Ferri"]


def test_written_by_inside_prose_or_a_credits_box_is_not_a_byline() -> None:
    text = (
        "Directed by Jane Campion\nWritten by Jane Campion\nStarring Benedict Cumberbatch\n"
        "The Power of the Dog is a slow-burning western written by Jane Campion and adapted "
        "from the novel by Thomas Savage, and it is a masterpiece of tension.\n"
    )
    doc = only(read_bytes(text.encode(), "credits.txt"))
    assert kinds(doc, "byline") == []


def test_a_closing_reviewed_by_sentence_keeps_its_credits_paragraph_in_the_body() -> None:
    credits = "Starring: Whoopi Goldberg. Director: Norman Jewison. Reviewed by Scott Renshaw."
    doc = only(read_bytes(f"{credits}\nA warm, minor film.\n".encode(), "r.txt"))
    assert credits in doc.body
    assert kinds(doc, "byline") == []


@pytest.mark.parametrize(
    "line",
    [
        "Why did the actors sign up for this?",
        "He started a sexually explicit newsletter that grew into a magazine.",
        "Too many comedies today subscribe to the notion that a laugh is enough.",
        "Sometimes the concept is still viable but the material isn't worthy of it.",
        "My diagnosis for this picture: a good weekend rental, not worth a ticket.",
        "Watch the film if you like slow burns.",
        "By the end I was in tears.",
        "In stunningly composed images by Teshigahara, that eroticism becomes overwhelming.",
    ],
)
def test_prose_that_merely_mentions_chrome_words_stays_prose(line: str) -> None:
    doc = only(read_bytes(f"{line}\nThe second paragraph of the review.\n".encode(), "p.txt"))
    assert doc.blocks[0].kind == "paragraph"


@pytest.mark.parametrize("verdict", ["Recommended.", "Highly recommended!", "Skip it.", "No."])
def test_one_word_verdicts_at_the_end_stay_in_the_body(verdict: str) -> None:
    text = f"{'The film is long, loud and oddly moving in its last act. ' * 4}\n{verdict}\n"
    doc = only(read_bytes(text.encode(), "v.txt"))
    assert doc.body.endswith(verdict)


def test_asterisk_ratings_are_not_bullets() -> None:
    doc = only(read_bytes(b"* * * amazing, potent stuff.\n***1/2\n* A real bullet\n", "s.txt"))
    assert [b.text for b in doc.blocks] == [
        "* * * amazing, potent stuff.",
        "***1/2",
        "A real bullet",
    ]
    assert doc.blocks[2].kind == "list_item"


def test_csv_quotes_are_read_the_standard_way_whatever_the_sniffer_guesses() -> None:
    # With no doubled quote in its sample, csv.Sniffer guesses doublequote=False and
    # would split the last row; the real RT export has such rows after 64 kB.
    rows = [f'Critic {n},"Plain quote number {n}, with a comma."' for n in range(2_000)]
    rows.append('Jo March,"It is ""Speed"" on a train, and hipper than ""Die Hard."""')
    reading = read_bytes(("critic,quote\n" + "\n".join(rows)).encode(), "q.csv")
    assert reading.problems == ()
    assert reading.documents[-1].body == 'It is "Speed" on a train, and hipper than "Die Hard."'


def test_short_title_like_lines_are_headings_but_sentences_and_scores_are_not() -> None:
    text = "Final Verdict\nSummary\nIt works.\n7/10\nRating: 4 out of 5\nWhat a ride!\n"
    doc = only(read_bytes(text.encode(), "t.txt"))
    assert kinds(doc, "heading") == ["Final Verdict", "Summary"]
    assert kinds(doc, "paragraph") == ["It works.", "7/10", "Rating: 4 out of 5", "What a ride!"]


# --- bad input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"   \n\t\r\n  ", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "looks like a PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "looks like a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "looks like a zip archive"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "looks like a JPEG image"),
        (b"review text\x00\x01\x02\x03 with NULs", "contains NUL bytes"),
    ],
)
def test_unreadable_inputs_are_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message) as caught:
        read_bytes(data, "upload.bin")
    assert str(caught.value).startswith("upload.bin: ")
    assert "\n" not in str(caught.value)


def test_over_the_cap_is_refused_whole_with_sizes() -> None:
    data = ("A review sentence that repeats. " * 400).encode()
    with pytest.raises(TooLarge, match=r"big\.txt: is 12\.8 kB, over the 10\.0 kB cap"):
        read_bytes(data, "big.txt", options=ReadOptions(max_bytes=10_000))


def test_tables_may_be_twenty_times_the_cap_but_no_more() -> None:
    row = b'"A fine film that I liked a great deal.",Ann Lee\n'
    table = b"review,critic\n" + row * 300  # about 15 kB
    reading = read_bytes(table, "t.csv", options=ReadOptions(max_bytes=1_000))
    assert len(reading.documents) == 300
    with pytest.raises(TooLarge, match="cap for a table"):
        read_bytes(table, "t.csv", options=ReadOptions(max_bytes=500))


def test_a_tables_rows_are_built_as_they_are_read_in_row_order() -> None:
    """stream_bytes hands a table over a row at a time, problems in their place, and holds
    no Document the caller has not asked for: reading the first chunk of a 10,000-row
    table takes a fraction of the memory of reading it whole."""
    rows = "".join(
        f"Film {i},Critic {i},A fine film and a long quote: number {i}.\n" for i in range(10_000)
    )
    table = ("film,critic,text\n" + "Dune,Ann,\n" + rows).encode()
    tracemalloc.start()
    try:
        stream = documents.stream_bytes(table, "t.csv")
        first = list(itertools.islice(stream, 256))
        _, chunk_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        whole = read_bytes(table, "t.csv")
        _, whole_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert first[0] == "t.csv row 1: no review text"
    assert [d.source for d in first[1:3]] == ["t.csv#row=2", "t.csv#row=3"]  # type: ignore[union-attr]
    assert first[1:] == list(whole.documents[:255])
    assert len(first[1:]) + sum(1 for _ in stream) == len(whole.documents) == 10_000
    assert chunk_peak < whole_peak / 4


def test_cp1252_smart_quotes_are_decoded() -> None:
    data = "It\u2019s \u201cthe\u201d film of the year \u2013 really.".encode("cp1252")
    doc = only(read_bytes(data, "win.txt"))
    assert doc.encoding == "cp1252"
    assert doc.body == "It\u2019s \u201cthe\u201d film of the year \u2013 really."


def test_latin1_accents_read_correctly() -> None:
    data = "Am\u00e9lie is charming, and Audrey Tautou is a d\u00e9licieuse lead.".encode("latin-1")
    doc = only(read_bytes(data, "fr.txt"))
    assert doc.body == "Am\u00e9lie is charming, and Audrey Tautou is a d\u00e9licieuse lead."
    assert doc.encoding == "cp1252"  # cp1252 agrees with latin-1 on every accented letter


def test_legacy_cyrillic_encoding_is_detected_not_read_as_cp1252() -> None:
    text = "Этот фильм — настоящий шедевр современного кино, и актёры играют великолепно."
    doc = only(read_bytes(text.encode("cp1251"), "ru.txt"))
    assert doc.encoding == "cp1251"
    assert doc.body == text
    assert doc.warnings[0].startswith("looks like Cyrillic-script text")


def test_latin1_is_the_last_resort() -> None:
    data = "Am\u00e9lie is charming.\x81".encode("latin-1")  # 0x81 is undefined in cp1252
    doc = only(read_bytes(data, "old.txt"))
    assert doc.encoding == "latin-1"
    assert doc.body.startswith("Am\u00e9lie is charming.")


def test_utf8_bom_is_stripped() -> None:
    doc = only(read_bytes("Caf\u00e9 Society review".encode("utf-8-sig"), "b.txt"))
    assert doc.encoding == "utf-8-sig"
    assert doc.raw == "Caf\u00e9 Society review"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom_is_decoded(codec: str) -> None:
    text = "\ufeffThe film is a triumph.\nIt earns 4 out of 5 stars.\n"
    doc = only(read_bytes(text.encode(codec), "u16.txt"))
    assert doc.encoding == "utf-16"
    assert doc.body == "The film is a triumph.\n\nIt earns 4 out of 5 stars."


def test_utf16_without_a_bom_is_not_mistaken_for_binary() -> None:
    doc = only(read_bytes("A quietly great film.".encode("utf-16-le"), "u16.txt"))
    assert doc.body == "A quietly great film."


def test_non_english_is_read_with_a_warning() -> None:
    doc = only(fixture("german_review.txt"))
    assert doc.warnings == ("looks like German, not English: scores and opinions assume English",)
    assert "Leonie Benesch spielt die Hauptrolle" in doc.body


def test_non_latin_script_is_read_with_a_warning() -> None:
    text = "Этот фильм — настоящий шедевр современного кино, и актёры играют великолепно."
    doc = only(read_bytes(text.encode(), "ru.txt"))
    assert doc.warnings == (
        "looks like Cyrillic-script text, not English: scores and opinions assume English",
    )


def test_english_reviews_carry_no_warning() -> None:
    assert only(fixture("pasted_blog_page.txt")).warnings == ()


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match=r"nope\.txt: no such file"):
        read_path(tmp_path / "nope.txt")


def test_directory_path(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="is a directory, not a file"):
        read_path(tmp_path)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("A review.")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(ParseError, match=r"locked\.txt: permission denied"):
        read_path(path)


def test_file_over_even_a_tables_cap_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * 3_000)
    with pytest.raises(TooLarge, match="3.0 kB, over the 2.0 kB cap"):
        read_path(path, options=ReadOptions(max_bytes=100))


def test_forced_shape_overrides_detection() -> None:
    data = b"# Not a heading, just a hash\nPlain words."
    doc = only(read_bytes(data, "x.md", options=ReadOptions(shape="text")))
    assert doc.shape == "text"
    assert doc.blocks[0].text == "# Not a heading, just a hash"


# --- never a traceback ---------------------------------------------------------------

_FRAGMENTS = st.sampled_from(
    [
        "---\n",
        "title: x\n",
        "<html>",
        "<p>",
        "</p>",
        "<table><tr><td>",
        "{",
        '"text": ',
        "}\n",
        "[",
        ",",
        ";",
        "\n",
        "# ",
        "**",
        "![a](b)",
        "By Jane Doe\n",
        "Review Courtesy of ",
        "Related\n",
        "- ",
        "\x00",
        "\ufeff",
        "é",
        "★",
        "review,critic\n",
        "Leave a Reply\n",
    ]
)
_SHAPES = st.sampled_from([None, "text", "markdown", "html", "csv", "jsonl"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400), shape=_SHAPES)
def test_arbitrary_bytes_never_raise_anything_but_marquee_errors(
    data: bytes, shape: str | None
) -> None:
    try:
        reading = read_bytes(data, "fuzz", options=ReadOptions(shape=shape))  # type: ignore[arg-type]
    except MarqueeError as err:
        assert str(err) and "\n" not in str(err)
    else:
        assert isinstance(reading, Reading)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(st.one_of(_FRAGMENTS, st.text(max_size=20)), max_size=25),
    shape=_SHAPES,
)
def test_arbitrary_text_never_raises_anything_but_marquee_errors(
    parts: list[str], shape: str | None
) -> None:
    data = "".join(parts).encode("utf-8", "surrogatepass")
    try:
        reading = read_bytes(data, "fuzz.txt", options=ReadOptions(shape=shape))  # type: ignore[arg-type]
    except MarqueeError as err:
        assert str(err) and "\n" not in str(err)
    else:
        for doc in reading.documents:
            assert doc.blocks


RT_EXPORTS = {
    "snake_case": (
        "rotten_tomatoes_link,critic_name,top_critic,publisher_name,review_type,review_score,"
        "review_date,review_content\n"
        'm/the_dark_knight,Jane Roe,True,The Daily Planet,Fresh,2/5,2008-07-18,"A sprawling, '
        'haunted crime epic."\n'
        "m/the_dark_knight,John Doe,False,Gotham Gazette,Rotten,,2008-07-19,Loud and joyless.\n"
    ),
    "camelCase": (
        "id,reviewId,creationDate,criticName,isTopCritic,originalScore,reviewState,"
        "publicationName,reviewText,scoreSentiment,reviewUrl\n"
        "the_dark_knight,1,2008-07-18,Jane Roe,True,2/5,fresh,The Daily Planet,"
        '"A sprawling, haunted crime epic.",POSITIVE,http://example.org/a\n'
        "the_dark_knight,2,2008-07-19,John Doe,False,,rotten,Gotham Gazette,"
        "Loud and joyless.,NEGATIVE,\n"
    ),
}


@pytest.mark.parametrize("generation", sorted(RT_EXPORTS))
def test_rotten_tomatoes_exports_are_read_as_downloaded(generation: str) -> None:
    """Both generations of RT's critic-review export, with no column mapping: each row is
    filed under its film (named by the export's movie id), the export's own fresh/rotten is
    the verdict (over a printed 2/5), and the top-critic flag is kept."""
    from marquee.review import parse_review

    reading = read_bytes(RT_EXPORTS[generation].encode(), f"rt-{generation}.csv")
    reviews = [parse_review(doc) for doc in reading.documents]
    assert not reading.problems and len(reviews) == 2
    assert [r.facts.title for r in reviews] == ["The Dark Knight"] * 2
    assert [r.verdict for r in reviews] == ["fresh", "rotten"]
    assert [r.meta.critic for r in reviews] == ["Jane Roe", "John Doe"]
    assert [r.meta.outlet for r in reviews] == ["The Daily Planet", "Gotham Gazette"]
    assert reviews[0].score is not None and reviews[0].score.raw == "2/5"
    assert reviews[0].document.meta["top_critic"].lower() == "true"
    assert reviews[0].meta.published == "2008-07-18"


def test_a_plain_id_column_is_no_film() -> None:
    """Only an export that also numbers its reviews (reviewId) names films by ``id``."""
    reading = read_bytes(b"id,text\n7,A fine film.\n", "plain.csv")
    assert "film" not in reading.documents[0].meta


def test_cells_lose_html_entities_and_stray_tags() -> None:
    """A scraped export's "A&#45;" is the grade A-, and "<i>…</i>" and "<br>" are markup."""
    table = (
        b'film,text,score,critic\nDune,"A <i>grand</i> epic.<br>Vast &amp; strange.",A&#45;,Ann\n'
    )
    (doc,) = read_bytes(table, "scraped.csv").documents
    assert doc.body == "A grand epic.\n\nVast & strange."
    assert doc.meta["score"] == "A-"


def test_a_chrome_pattern_is_searched_only_where_its_literal_is() -> None:
    """Each chrome, media and caption pattern is searched only in a line holding one of the
    literals its every match holds; on every line of the real fixture pages (and the
    line's lower-cased, trimmed key) that decides exactly what searching every pattern
    decides, and a pattern's every match there holds one of its literals."""
    from marquee.documents import chrome

    lines = [
        variant
        for path in sorted(Path(__file__).parent.joinpath("fixtures").rglob("*.*"))
        if path.suffix in {".txt", ".md", ".html", ".htm"}
        for line in path.read_text(errors="replace").splitlines()
        for variant in (line.lower(), chrome._key(line))
        if variant
    ]
    assert len(lines) > 5_000
    for cues in (chrome._CHROME_PATTERNS, chrome._MEDIA_PATTERNS, chrome._CAPTION_PATTERNS):
        patterns = [pattern for _, pattern in cues.patterns]
        for line in lines:
            assert cues.search(line) == any(p.search(line) for p in patterns)
        for needles, pattern in cues.patterns:
            for line in lines:
                for found in pattern.finditer(line):
                    assert any(n in found.group() for n in needles)
    assert chrome._needles(r"\b(?:in|to) the comments\b") == ("in the comments", "to the comments")
    assert chrome._needles(r"©|\(c\) \d{4}|^copyright\b") == ("©", "(c) ", "copyright")
    assert chrome._needles(r"^(?:official )?trailer") == ("trailer",)  # past a repeat
    assert chrome._needles(r"\b(?:join|register)\b.{0,9}\b(?:e-?mail|news)") == ("join", "register")
    assert chrome._needles(r"^\d+$") == ("",)  # no literal: always searched


def test_a_line_without_an_arrow_is_never_a_breadcrumb() -> None:
    """The breadcrumb test skips a line holding no arrow (nearly every line) without
    squashing or splitting it; on every line of every fixture, and on trails of each
    arrow, it answers as the whole test does."""
    from marquee.documents import chrome
    from marquee.documents.lines import squash

    def whole(text: str) -> bool:
        parts = chrome._BREADCRUMB.split(squash(text))
        return len(parts) >= 3 and all(0 < len(p.split()) <= 6 for p in parts)

    fixtures = Path(__file__).parent / "fixtures"
    lines = [
        line
        for path in sorted(fixtures.rglob("*.*"))
        if path.suffix in {".txt", ".md", ".html", ".csv"}
        for line in path.read_text(errors="replace").splitlines()
    ]
    trails = [f"Home {arrow} Reviews {arrow}  Past Lives" for arrow in chrome._ARROWS]
    assert all(chrome._is_breadcrumb(trail) for trail in trails)
    for line in [*lines, *trails]:
        assert chrome._is_breadcrumb(line) == whole(line)
