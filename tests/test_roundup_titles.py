"""A round-up's parts named as the page means its films (issue 12 item 5): the page's
labels, numbering and facts off a heading, a title's own colon or dash kept.

Each page here is small and hand-written, in a shape a real round-up prints."""

from __future__ import annotations

from marquee.records import Block
from marquee.roundups.layouts import FilmSection
from marquee.roundups.pairs import each_film
from marquee.roundups.split import split_films
from test_multifilm import PROSE, doc_of


def films(*blocks: tuple[str, str]) -> list[str]:
    return [part.meta["film"] for part in split_films(doc_of(*blocks))]


def test_a_label_every_heading_shares_is_no_part_of_its_film() -> None:
    page = (
        ("heading", "Program Notes: All About My Mother (1999)"),
        ("paragraph", f"All About My Mother is a valentine to women. {PROSE}"),
        ("heading", "Program Notes: Odd Man Out (1947)"),
        ("paragraph", f"Odd Man Out follows a wounded man through Belfast. {PROSE}"),
        ("heading", "Program Notes: The Circus (1928)"),
        ("paragraph", f"The Circus finds the Tramp in the ring. {PROSE}"),
    )
    assert films(*page) == ["All About My Mother", "Odd Man Out", "The Circus"]


def test_a_franchise_its_sequels_share_is_no_label() -> None:
    """Two headings opening "Alien:" name two films of one series, not a label: a label
    says what the line is ("Program Notes", "Mini Review", "SIFF 2023")."""
    page = (
        ("heading", "Alien: Covenant (2017)"),
        ("paragraph", f"Covenant returns to the franchise. {PROSE}"),
        ("heading", "Alien: Resurrection (1997)"),
        ("paragraph", f"Resurrection is the odd one out. {PROSE}"),
        ("heading", "Mission: Impossible – Fallout (2018)"),
        ("paragraph", f"Fallout is the best of them. {PROSE}"),
        ("heading", "Mission: Impossible – Rogue Nation (2015)"),
        ("paragraph", f"Rogue Nation is fine. {PROSE}"),
    )
    assert films(*page) == [
        *("Alien: Covenant", "Alien: Resurrection"),
        *("Mission: Impossible – Fallout", "Mission: Impossible – Rogue Nation"),
    ]


def capsules(*openings: str) -> list[str]:
    """The films of a numbered list of capsules, each an opening and a few sentences."""
    items = [
        (
            "paragraph",
            f"{n}) {opening} Decent acting, a fine score and a story that holds. 7 of 10.",
        )
        for n, opening in enumerate(openings, 1)
    ]
    return films(("heading", "Mini-Movie Reviews"), *items)


def test_a_capsules_title_keeps_its_own_subtitle_after_a_dash_or_colon() -> None:
    """The title runs through its subtitle to where the review starts, not to the first
    dash or colon."""
    assert capsules(
        "Skeleton Key (2005) – Semi-predictable thriller.",
        "Wallace and Gromit – Curse of the Were-Rabbit. Loved this movie.",
        "Mission Impossible: Dead Reckoning Part One – did you know Tom Cruise does it all?",
        "Chicken Little (2005) – Funny animated flick.",
    ) == [
        *("Skeleton Key", "Wallace and Gromit – Curse of the Were-Rabbit"),
        *("Mission Impossible: Dead Reckoning Part One", "Chicken Little"),
    ]


def test_a_capsule_opening_with_a_name_or_a_kind_of_film_is_no_subtitle() -> None:
    assert capsules(
        "Skeleton Key (2005) – Semi-predictable thriller.",
        "Baby Driver – Edgar Wright. Loved this movie.",
        "Night Watch – Russian Sci-Fi Thriller. Subtitled.",
        "The Jungle Book – Warm. Loved this movie.",
    ) == ["Skeleton Key", "Baby Driver", "Night Watch", "The Jungle Book"]


def double_bill(heading: str, review: str) -> list[str]:
    """The films of a page of capsules, the second a double bill under one heading."""
    return films(
        ("heading", "In-flight Movies"),
        ("paragraph", f"Carol: Todd Haynes at his most precise. {PROSE}"),
        ("paragraph", f"{heading}: {review} {PROSE}"),
        ("paragraph", f"Bridge of Spies: A well-made, old-school genre film. {PROSE}"),
    )


def test_a_double_bill_under_one_heading_is_filed_under_each_film() -> None:
    """One review judging two films is each film's review: it cannot be cut between
    them, and a reader of either film expects it."""
    review = "I watched Spotlight on the way out, The Big Short on the way back; both of these."
    assert double_bill("Spotlight and The Big Short", review) == [
        *("Carol", "Spotlight", "The Big Short", "Bridge of Spies"),
    ]
    slashed = "Though very different, both films represent a revolution in horror."
    section = FilmSection("It Follows/The Babadook", None, (Block("paragraph", slashed),))
    assert [s.title for s in each_film([section])] == ["It Follows", "The Babadook"]


def test_one_film_with_and_in_its_title_stays_one_film() -> None:
    """ "Of Women and Magic" beside a review comparing it with the director's last film
    ("both films have…"); "Wallace and Gromit" with its review of one film."""
    compared = "Unlike The Class Trip, it is pacier. But both films have a sense of terror."
    assert double_bill("Of Women and Magic", compared)[1] == "Of Women and Magic"
    one = "Wallace invents, Gromit saves the day. Loved this movie."
    assert double_bill("Wallace and Gromit", one)[1] == "Wallace and Gromit"


def headed(*headings: str) -> list[str]:
    """The films of a page of headings with their year, a paragraph under each."""
    blocks = [
        (kind, text) for h in headings for kind, text in (("heading", h), ("paragraph", PROSE))
    ]
    return films(*blocks)


def test_a_countdowns_numbers_before_a_colon_are_no_part_of_its_films() -> None:
    """ "13: Warcraft", "12: The Jungle Book": numbers in sequence number the list; a
    title's own number stays ("300: Rise of an Empire" in a list of three, "2001: A Space
    Odyssey", "1917")."""
    assert headed("13: Warcraft (2016)", "12: The Jungle Book (2016)", "11: 1917 (2019)") == [
        "Warcraft",
        "The Jungle Book",
        "1917",
    ]
    assert headed(
        "3: Warcraft (2016)",
        "2: 300: Rise of an Empire (2014)",
        "1: 2001: A Space Odyssey (1968)",
    ) == ["Warcraft", "300: Rise of an Empire", "2001: A Space Odyssey"]


def test_a_lone_number_before_a_colon_is_a_titles_own() -> None:
    assert headed("9: The Fellowship (2009)", "Coraline (2009)", "Up (2009)")[0] == (
        "9: The Fellowship"
    )


def test_a_lists_categories_before_its_films_are_no_part_of_their_titles() -> None:
    """ "Love: Title", "Horror: Title", "Best Movie: Title": a category each, two or more on
    the page; a title opening with such a word and no colon keeps it."""
    assert headed(
        "Love: Love Actually (2003)",
        "Horror: Horror Express (1972)",
        "Best Movie: Alien: Covenant (2017)",
        "Star Wars: Episode IV – A New Hope (1977)",
    ) == [
        "Love Actually",
        "Horror Express",
        "Alien: Covenant",
        "Star Wars: Episode IV – A New Hope",
    ]


def test_a_capsules_number_or_category_before_a_colon_is_no_part_of_its_film() -> None:
    """The same in capsules sharing their title's line: "13: Warcraft – …", "Horror: …"."""
    review = f"{PROSE} 7 of 10."
    countdown = ("13: Warcraft – A game film that never lands.", "12: The Jungle Book – Warm.")
    assert films(
        ("heading", "Mini-Movie Reviews"), *(("paragraph", f"{c} {review}") for c in countdown)
    ) == ["Warcraft", "The Jungle Book"]
    listed = ("Love: Love Actually – Warm and silly.", "Horror: Horror Express – Cold and fun.")
    assert films(
        ("heading", "Mini-Movie Reviews"), *(("paragraph", f"{c} {review}") for c in listed)
    ) == ["Love Actually", "Horror Express"]


def test_a_films_year_studio_and_country_around_its_title_are_its_facts() -> None:
    """ "Abandoned – 1949 – Universal Pictures", "2016 — GRADUATION (Bacalaureat); Romania"
    (a film for each year, the years in sequence): the year, studio and country are facts
    of the film, not its title."""
    assert headed(
        "Abandoned – 1949 – Universal Pictures",
        "Criss Cross – 1949 – Universal Pictures",
        "The Set-Up – 1949 – RKO",
    ) == ["Abandoned", "Criss Cross", "The Set-Up"]
    yearly = [
        ("paragraph", "My favourite film of each year, going back to the year I was born."),
        ("paragraph", "2016 — GRADUATION (Bacalaureat); Romania"),
        ("paragraph", PROSE),
        ("paragraph", "2015 — STEVE JOBS; USA"),
        ("paragraph", PROSE),
        ("paragraph", "2014 — LEVIATHAN (Левиафан); Russia"),
        ("paragraph", PROSE),
    ]
    assert films(*yearly) == ["Graduation", "Steve Jobs", "Leviathan"]


def reviewed(*pairs: tuple[str, str]) -> list[str]:
    """The films of a page of "lead-in: Title reviewed" headlines, each over its review."""
    blocks = [
        (kind, text)
        for headline, review in pairs
        for kind, text in (("heading", f"{headline} reviewed"), ("paragraph", f"{review} {PROSE}"))
    ]
    return films(*blocks)


def test_a_headlines_one_word_lead_in_is_no_part_of_its_film() -> None:
    """ "Gripping: Name Me Lawand reviewed": the review names Name Me Lawand, never
    "Gripping"; a title's own first word is named in its review, and stays."""
    assert reviewed(
        ("Someone stop Kenneth Branagh: A Haunting in Venice", "A Haunting in Venice is dull."),
        ("Gripping: Name Me Lawand", "You would be moved by Name Me Lawand."),
        ("Terminator: Dark Fate", "Dark Fate is the best Terminator in years."),
        ("Alien: Covenant", "Covenant returns to the franchise."),
    ) == [
        *("A Haunting in Venice", "Name Me Lawand"),
        *("Terminator: Dark Fate", "Alien: Covenant"),
    ]


def test_an_images_caption_under_a_title_is_not_the_film() -> None:
    """ "The Double" over "The Double Poster": the copy kept the poster's caption."""
    assert films(
        ("paragraph", "Ruth and I have finished covering the film festival."),
        ("heading", "The Last of Robin Hood"),
        ("paragraph", "3 out of 5 Reels"),
        ("paragraph", PROSE),
        ("heading", "The Double"),
        ("heading", "The Double Poster"),
        ("paragraph", "4.5 out of 5 Reels (A)"),
        ("paragraph", PROSE),
    ) == ["The Last of Robin Hood", "The Double"]


def test_a_shouted_title_with_and_the_inside_is_one_film() -> None:
    """ "HARRY POTTER AND THE DEATHLY HALLOWS" beside "both films" (its two parts): in
    capitals "THE" says nothing of where a title starts."""
    review = "Of both films, this one is the darker. Harry Potter grows up."
    title = "HARRY POTTER AND THE DEATHLY HALLOWS"
    section = FilmSection(title, None, (Block("paragraph", review),))
    assert [s.title for s in each_film([section])] == [title]


def test_two_titles_a_slash_joins_under_one_heading_are_two_films() -> None:
    """ "1. It Follows/The Babadook" over "both films…"; "Face/Off" over its own review is
    one film."""
    both = "Though very different, both films represent a revolution in horror."
    assert films(
        ("heading", "The 10 Best Movies on Netflix"),
        ("heading", "1. It Follows/The Babadook"),
        ("paragraph", f"{both} {PROSE}"),
        ("heading", "2. Face/Off"),
        ("paragraph", f"Woo's best American film, and Travolta has fun. {PROSE}"),
        ("heading", "3. Coraline"),
        ("paragraph", PROSE),
    ) == ["It Follows", "The Babadook", "Face/Off", "Coraline"]
