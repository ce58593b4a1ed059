"""The critic is a person: pages signed by a site name the critic somewhere else."""

from __future__ import annotations

from pathlib import Path

from marquee.documents import read_bytes, read_path
from marquee.metadata import read_metadata
from marquee.records import Block, Document

PAGES = Path(__file__).parent / "fixtures" / "pages"
PROSE = (
    "The film takes its time and rewards it, with a lead performance of real subtlety and "
    "a final act that lands every blow it has spent an hour setting up."
)


def critic(*lines: str, **meta: str) -> str | None:
    blocks = tuple(Block("paragraph", line) for line in lines)
    return read_metadata(Document("t", "text", "\n".join(lines), blocks, meta=meta)).critic


def test_headline_names_the_critic_when_the_author_is_the_site() -> None:
    headline = "BRIAN VINER reviews Oppenheimer, Asteroid City and The Beanie Bubble"
    assert critic(PROSE, title=headline, critic="Finescoop", outlet="Finescoop") == "Brian Viner"
    assert critic(headline, PROSE) == "Brian Viner"


def test_reviews_by_line_at_the_bottom() -> None:
    assert critic("By Staff", PROSE, PROSE, "Reviews by Priya Desai", "Share this") == (
        "Priya Desai"
    )
    assert critic(PROSE, "Oppenheimer, reviewed by Ines Okafor") == "Ines Okafor"


def test_a_bare_name_closing_a_site_signed_page() -> None:
    (doc,) = read_path(PAGES / "site_byline.html").documents
    assert doc.meta["critic"] == "Finescoop"  # what the page's author field says
    assert read_metadata(doc).critic == "Hannah Clarke"
    assert critic("Posted by admin", PROSE, PROSE, "— Tom Whitfield") == "Tom Whitfield"


def test_a_bare_name_on_a_page_nobody_signed_is_not_the_critic() -> None:
    """Without a site's signature a closing name may be anyone (an actor's quote)."""
    assert critic(PROSE, PROSE, "Tom Whitfield") is None


def test_an_author_that_is_the_outlets_own_name_is_kept_only_when_no_person_signs() -> None:
    """The issue's rule: a byline is kept as written, never dropped; a person the page
    names still wins over the site's name, and a CMS account is no byline at all."""
    assert critic(PROSE, critic="Screen Daily", outlet="Screen Daily") == "Screen Daily"
    assert critic(PROSE, critic="Variety Staff", outlet="Variety") == "Variety Staff"
    assert critic(PROSE, "By Reel Desk", critic="The Reel Desk", outlet="The Reel Desk") == (
        "The Reel Desk"
    )
    assert critic(PROSE, critic="Staff") is None
    assert critic(PROSE, critic="The Film Desk", outlet="Reel") is None
    assert critic(
        PROSE, critic="Screen Daily", outlet="Screen Daily", title="AMY MARCH reviews It"
    ) == ("Amy March")


def test_schema_org_author_wins_over_a_site_byline() -> None:
    page = (
        (PAGES / "site_byline.html")
        .read_text()
        .replace(
            "</head>",
            '<script type="application/ld+json">{"@context": "https://schema.org", '
            '"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ines Okafor"}}'
            "</script></head>",
        )
    )
    (doc,) = read_bytes(page.encode(), "page.html").documents
    assert read_metadata(doc).critic == "Ines Okafor"


def test_a_person_byline_outranks_the_headline() -> None:
    assert critic("AMY MARCH reviews Oppenheimer", "By Amy Dorrit", PROSE) == "Amy Dorrit"


def test_headlines_that_name_no_reviewer() -> None:
    assert critic("Critics review the year's best films", PROSE) is None
    assert (
        critic("Keanu Reeves reviews his career in a new documentary, and " + PROSE, PROSE, PROSE)
        is None
    )
    assert critic(PROSE, "The film was reviewed by everyone who saw it.") is None
