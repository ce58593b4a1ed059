"""Film facts: what each review states about its film, merged across reviews, matched to films.

Documents are built here with a stand-in for the document reader (one paragraph block per
non-empty line, front matter into ``meta``, HTML tags stripped), so these tests pin the
film stage alone; a few tests label blocks as the real reader does (chrome, byline,
caption) to check which blocks are read.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import marquee.films
from marquee.films import film_slug, match_film, merge_facts, read_facts
from marquee.records import Block, CastMember, Document, FilmFacts, ReviewMeta

SAMPLES = Path(__file__).parent.parent / "examples" / "ballerina"
FIXTURES = Path(__file__).parent / "fixtures" / "films"


def document(text: str, source: str = "review.txt", **fields: str) -> Document:
    """What the document reader would give: front matter into meta, a paragraph per line."""
    meta = dict(fields)
    shape = "text"
    if text.startswith("---\n"):
        _, front, text = text.split("---\n", 2)
        meta.update({k: str(v) for k, v in yaml.safe_load(front).items()})
        shape = "markdown"
    lines = (re.sub(r"<[^>]+>", "", line).strip() for line in text.splitlines())
    blocks = tuple(Block("paragraph", line) for line in lines if line)
    return Document(source, shape, text, blocks, meta)


def sample(prefix: str) -> Document:
    (path,) = SAMPLES.glob(f"{prefix}_*.txt")
    return document(path.read_text(), str(path))


SAMPLE_META = {
    "000": ReviewMeta(spoilers=True),
    "001": ReviewMeta(critic="Kat Hughes", title="‘Ballerina’ review: Dir. Len Wiseman (2025)"),
    "002": ReviewMeta(),
    "003": ReviewMeta(critic="Chia Jing Heng", title="Ballerina (2025) - Review"),
    "004": ReviewMeta(critic="Nadia Arain"),
}


@pytest.fixture(scope="module")
def samples() -> dict[str, FilmFacts]:
    return {prefix: read_facts(sample(prefix), meta) for prefix, meta in SAMPLE_META.items()}


def said(facts: FilmFacts) -> set[tuple[str, str]]:
    """Actor/character pairs a review states, settled or not, characters casefolded."""
    settled = {(m.actor, (m.role or "").casefold()) for m in facts.cast}
    return (
        settled
        | {(a, b.casefold()) for a, b in facts.pairs}
        | {(b, a.casefold()) for a, b in facts.pairs}
    )


def fixture(name: str, *, headline: bool = False, **fields: str) -> tuple[Document, ReviewMeta]:
    """A fixture review; with ``headline`` its first line is the review's headline."""
    doc = document((FIXTURES / name).read_text(), name, **fields)
    title = doc.blocks[0].text if headline else doc.meta.get("title")
    return doc, ReviewMeta(title=title, critic=doc.meta.get("author"))


def read(name: str, *, headline: bool = False) -> FilmFacts:
    return read_facts(*fixture(name, headline=headline))


# --- the five samples, one at a time ---------------------------------------------------


@pytest.mark.parametrize("prefix", sorted(SAMPLE_META))
def test_each_sample_names_ballerina_2025(samples: dict[str, FilmFacts], prefix: str) -> None:
    assert samples[prefix].title == "Ballerina"
    assert samples[prefix].year == 2025


@pytest.mark.parametrize("prefix", ["001", "003", "004"])
def test_franchise_title_is_an_alias(samples: dict[str, FilmFacts], prefix: str) -> None:
    aliases = [a.casefold() for a in samples[prefix].aliases]
    assert aliases == ["from the world of john wick: ballerina"]


def test_sample_000_states_every_credit(samples: dict[str, FilmFacts]) -> None:
    assert dict(samples["000"].credits) == {
        "director": ("Len Wiseman",),
        "writer": ("Shay Hatten",),
        "producer": ("Basil Iwanyk", "Erica Lee", "Chad Stahelski"),
        "cinematographer": ("Romain Lacourbas",),
        "editor": ("Nicholas Lundgren", "Jason Ballantine", "Julian Clarke"),
        "composer": ("Tyler Bates", "Joel J. Richard"),
    }


@pytest.mark.parametrize("prefix", ["001", "002", "004"])
def test_only_len_wiseman_directs(samples: dict[str, FilmFacts], prefix: str) -> None:
    """001 says Stahelski did *not* direct it and that he and Leitch made John Wick in
    2014; 004 has "franchise veteran Chad Stahelski reshot"; none is a credit."""
    assert dict(samples[prefix].credits) == {"director": ("Len Wiseman",)}


def test_front_matter_and_prose_credits_of_003(samples: dict[str, FilmFacts]) -> None:
    assert dict(samples["003"].credits) == {
        "director": ("Len Wiseman",),
        "writer": ("Shay Hatten",),
        "composer": ("Tyler Bates", "Joel J. Richard"),
    }


EXPECTED_PAIRS = {
    "000": {
        ("Ana de Armas", "eve macarro"),
        ("Anjelica Huston", "the director"),
        ("Gabriel Byrne", "the chancellor"),
        ("Lance Reddick", "charon"),
        ("Norman Reedus", "daniel pine"),
        ("Catalina Sandino Moreno", "lena"),
        ("Ian McShane", "winston scott"),
        ("Keanu Reeves", "john wick"),
    },
    "001": {("Ana de Armas", "eve"), ("Ian McShane", "winston"), ("Lance Reddick", "charon")},
    "002": {
        ("Norman Reedus", "pine"),
        ("Ana de Armas", "eve macarro"),
        ("Keanu Reeves", "john wick"),
        ("Ian McShane", "winston"),
        ("Anjelica Huston", "the director"),
    },
    "003": {
        ("Ana de Armas", "eve macarro"),
        ("Victoria Comte", "eve macarro"),
        ("Ian McShane", "winston"),
        ("Anjelica Huston", "director"),
    },
    "004": {("Ana de Armas", "eve")},
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED_PAIRS))
def test_each_sample_states_its_pairs(samples: dict[str, FilmFacts], prefix: str) -> None:
    assert said(samples[prefix]) == EXPECTED_PAIRS[prefix]


def test_list_of_pairs_orients_the_unclear_one(samples: dict[str, FilmFacts]) -> None:
    """ "Keanu Reeves (John Wick), Ian McShane (Winston), and Anjelica Huston (the
    Director)": the other two put the actor first, so John Wick is the character."""
    assert CastMember("Keanu Reeves", "John Wick") in samples["002"].cast
    assert samples["002"].pairs == ()


def test_untitled_roundup_title_from_its_prose_alone() -> None:
    """002 as the real reader labels it: the "Watch the Ballerina (2025) Clips" line is
    media, so no "Title (year)" is left and the title is the name the prose repeats."""
    doc = sample("002")
    blocks = tuple(
        Block("media", b.text) if b.text.startswith("Watch the") else b for b in doc.blocks
    )
    facts = read_facts(Document(doc.source, "text", doc.raw, blocks), ReviewMeta())
    assert (facts.title, facts.year) == ("Ballerina", None)


# --- the five samples merged -------------------------------------------------------------


@pytest.fixture(scope="module")
def merged(samples: dict[str, FilmFacts]) -> FilmFacts:
    return merge_facts([samples[p] for p in sorted(samples)])


def test_merged_title_alias_year(merged: FilmFacts) -> None:
    assert merged.title == "Ballerina"
    assert merged.aliases == ("From the World of John Wick: Ballerina",)
    assert merged.year == 2025


def test_merged_credits_are_exactly_the_truth(merged: FilmFacts) -> None:
    assert dict(merged.credits) == {
        "director": ("Len Wiseman",),
        "writer": ("Shay Hatten",),
        "producer": ("Basil Iwanyk", "Erica Lee", "Chad Stahelski"),
        "cinematographer": ("Romain Lacourbas",),
        "editor": ("Nicholas Lundgren", "Jason Ballantine", "Julian Clarke"),
        "composer": ("Tyler Bates", "Joel J. Richard"),
    }


def test_merged_cast_is_exactly_the_truth(merged: FilmFacts) -> None:
    assert {(m.actor, (m.role or "").casefold()) for m in merged.cast} == {
        ("Ana de Armas", "eve macarro"),
        ("Victoria Comte", "eve macarro"),
        ("Anjelica Huston", "the director"),
        ("Gabriel Byrne", "the chancellor"),
        ("Lance Reddick", "charon"),
        ("Norman Reedus", "daniel pine"),
        ("Catalina Sandino Moreno", "lena"),
        ("Ian McShane", "winston scott"),
        ("Keanu Reeves", "john wick"),
    }
    assert len(merged.cast) == 9  # one entry each, nothing else
    assert merged.pairs == ()


def test_merged_cast_keeps_first_seen_order(merged: FilmFacts) -> None:
    assert [m.actor for m in merged.cast[:3]] == [
        "Ana de Armas",
        "Anjelica Huston",
        "Gabriel Byrne",
    ]


def test_no_cast_entry_for_a_film_or_show(samples: dict[str, FilmFacts]) -> None:
    everything = " ".join(f"{m.actor} {m.role}" for f in samples.values() for m in f.cast)
    everything += " ".join(s for f in samples.values() for pair in f.pairs for s in pair)
    for not_a_part in ("Rogue One", "Walking Dead", "Underworld", "SPOILERS", "Ghosted"):
        assert not_a_part not in everything


# --- fixtures of other films ----------------------------------------------------------


def test_guardian_style_review() -> None:
    facts = read("past_lives_guardian.txt", headline=True)
    assert (facts.title, facts.year) == ("Past Lives", 2023)
    assert dict(facts.credits) == {
        "director": ("Celine Song",),  # "Director Celine Song's debut"
        "cinematographer": ("Shabier Kirchner",),
        "editor": ("Keith Fraase",),
        "composer": ("Christopher Bear", "Daniel Rossen"),
    }
    assert set(facts.cast) == {
        CastMember("Greta Lee", "Nora"),
        CastMember("Teo Yoo", "Hae Sung"),
        CastMember("John Magaro", "Arthur"),
    }


def test_other_films_crews_are_not_this_films() -> None:
    """Before Sunrise's writers and In the Mood for Love's director are named in clauses
    about those films; Interstellar's composer likewise."""
    crews = [read("past_lives_guardian.txt", headline=True), read("oppenheimer_passing.txt")]
    credited = {n for facts in crews for people in facts.credits.values() for n in people}
    assert not credited & {"Richard Linklater", "Kim Krizan", "Wong Kar-wai", "Hans Zimmer"}


def test_markdown_post_with_cast_in_front_matter() -> None:
    facts = read("anatomy_of_a_fall.md")
    assert (facts.title, facts.aliases, facts.year) == ("Anatomy of a Fall", (), 2023)
    assert dict(facts.credits) == {
        "director": ("Justine Triet",),
        "writer": ("Justine Triet", "Arthur Harari"),
        "cinematographer": ("Simon Beaufils",),
        "editor": ("Laurent Sénéchal",),
    }
    assert facts.cast == (
        CastMember("Sandra Hüller", "Sandra Voyter"),
        CastMember("Swann Arlaud", "Vincent Renzi"),
        CastMember("Milo Machado-Graner", "Daniel"),
        CastMember("Antoine Reinartz"),  # listed, no part named anywhere
    )


def test_review_naming_other_films_in_passing() -> None:
    facts = read("oppenheimer_passing.txt", headline=True)
    assert (facts.title, facts.year) == ("Oppenheimer", 2023)  # not 2017's Dunkirk, 2006, 2014
    assert facts.credits["director"] == facts.credits["writer"] == ("Christopher Nolan",)
    assert facts.credits["cinematographer"] == ("Hoyte van Hoytema",)
    assert facts.credits["composer"] == ("Ludwig Göransson",)
    assert CastMember("Cillian Murphy", "J. Robert Oppenheimer") in facts.cast
    assert CastMember("Robert Downey Jr.", "Lewis Strauss") in facts.cast
    assert CastMember("Matt Damon", "General Leslie Groves") in facts.cast  # a rank is a part
    assert facts.pairs == ()


def test_plays_and_played_by() -> None:
    facts = read("aftersun_plays.txt", headline=True)
    assert (facts.title, facts.year) == ("Aftersun", 2022)
    assert facts.cast == (
        CastMember("Paul Mescal", "Calum"),
        CastMember("Frankie Corio", "Sophie"),
        CastMember("Celia Rowlson-Hall", "Sophie"),
    )
    assert dict(facts.credits) == {
        "director": ("Charlotte Wells",),
        "writer": ("Charlotte Wells",),
        "cinematographer": ("Gregory Oke",),
        "composer": ("Oliver Coates",),
    }


def test_accents_particles_initials_and_aka() -> None:
    facts = read("pinocchio_accents.txt", headline=True)
    assert (facts.title, facts.aliases, facts.year) == (
        "Pinocchio",
        ("Guillermo del Toro's Pinocchio",),
        2022,
    )
    assert facts.credits["director"] == ("Guillermo del Toro", "Mark Gustafson")
    assert facts.credits["writer"] == ("Guillermo del Toro", "Patrick McHale")
    assert set(facts.cast) == {
        CastMember("David Bradley", "Geppetto"),
        CastMember("Gregory Mann", "Pinocchio"),
        CastMember("Ewan McGregor", "Sebastian J. Cricket"),
        CastMember("Tilda Swinton", "the Wood Sprite"),
        CastMember("Christoph Waltz", "Count Volpe"),
        CastMember("Cate Blanchett", "Spazzatura"),
    }


def test_csv_capsule_takes_film_and_year_from_its_columns() -> None:
    doc = document((FIXTURES / "dune_2021_capsule.txt").read_text(), "dune.csv#row=1")
    row = Document(doc.source, "csv", doc.raw, doc.blocks, {"title": "Dune", "year": "2021"})
    facts = read_facts(row, ReviewMeta())
    assert (facts.title, facts.year) == ("Dune", 2021)  # a table's "title" is the film
    assert facts.credits == {"director": ("Denis Villeneuve",), "composer": ("Hans Zimmer",)}
    assert CastMember("Timothée Chalamet", "Paul Atreides") in facts.cast


def test_makers_possessive_is_not_part_of_the_title() -> None:
    facts = read("dune_1984_capsule.txt")
    assert (facts.title, facts.aliases, facts.year) == ("Dune", ("David Lynch's Dune",), 1984)
    assert facts.credits == {"director": ("David Lynch",)}
    bridget = document("Bridget Jones's Diary (2001) is a comedy directed by Sharon Maguire.")
    assert read_facts(bridget, ReviewMeta()).title == "Bridget Jones's Diary"


def test_credit_labels_run_together_in_a_header_line() -> None:
    facts = facts_of(
        "Cast: Maya Okafor, Tom Lindqvist, Ruth Adeyemi Director: Dana Whitcombe Producers: "
        "Lee Park and Sam Ortiz Screenplay: Dana Whitcombe Cinematography: Ines Duarte Music: "
        "Kofi Mensah U.S. Distributor: Northlight",
        "The script, by director Dana Whitcombe and Ruth Adeyemi, is sharp.",
        "Maya Okafor (Ingrid) is superb.",
    )
    assert dict(facts.credits) == {
        "director": ("Dana Whitcombe",),  # not her co-writer after "by director … and"
        "writer": ("Dana Whitcombe",),
        "producer": ("Lee Park", "Sam Ortiz"),
        "cinematographer": ("Ines Duarte",),
        "composer": ("Kofi Mensah",),
    }
    assert facts.cast == (
        CastMember("Maya Okafor", "Ingrid"),
        CastMember("Tom Lindqvist"),
        CastMember("Ruth Adeyemi"),
    )


@pytest.mark.parametrize(
    ("header", "title", "aliases", "year"),
    [
        ("WHITE BALLOON, THE (director: Jafar Panahi; cast: Aida Mohammadkhani, 1995-Iran)",
         "The White Balloon", (), 1995),
        ("RUN LOLA RUN (LOLA RENNT)(director/writer: Tom Tykwer; cast: Franka Potente (Lola), "
         "Moritz Bleibtreu (Manni), 1998-Germany)", "Run Lola Run", ("Lola Rennt",), 1998),
        ("L.A. CONFIDENTIAL ( director: Curtis Hanson; cast: Kevin Spacey, 1997)",
         "L.A. Confidential", (), 1997),
        ("Le Boucher (Dir. Claude Chabrol, 1969)", "Le Boucher", (), 1969),
    ],
)  # fmt: skip
def test_capsule_credit_header_names_the_film(header, title, aliases, year) -> None:
    """A capsule's "TITLE (director: …; YEAR)" line is the critic's statement of the film,
    trusted without the prose repeating it (Dennis Schwartz writes every review this way)."""
    facts = facts_of(header, "A quiet film that earns every one of its small surprises.",
                     headline=None)  # fmt: skip
    assert (facts.title, facts.aliases, facts.year) == (title, aliases, year)
    assert facts.credits["director"]


@pytest.mark.parametrize(
    ("lines", "headline", "title", "year"),
    [
        # Letterboxd copied as text: the film and its year on a line of their own
        (["Review by Marta Kowalczyk ★★★½", "Poor Things 2023", "Watched 14 Jan, 2024",
          "Emma Stone walks through it like a newborn with a scalpel."], None, "Poor Things", 2023),
        # a plain-text review opening with its title in capitals
        (["ANATOMY OF A FALL", "Justine Triet's courtroom drama opens with a fall."], None,
         "Anatomy of a Fall", None),
        # a capsule header naming the distributor, not another title
        (["THE WINGS OF THE DOVE (Miramax) Starring: Helena Bonham Carter, Linus Roache.",
          "A handsome, chilly adaptation."], None, "The Wings of the Dove", None),
        # headlines that are sentences about the film
        (["Alexander Payne has always been at his best with prickly people."],
         "The Holdovers is the warmest film of the winter", "The Holdovers", None),
        (["Sophie is eleven, on holiday in Turkey with her father."],
         "Aftersun: Charlotte Wells' debut is a devastating memory piece", "Aftersun", None),
        # Usenet's "TITLE A film review by …", its capitals as prose writes them
        (["It is a small film, and it knows it."],
         "THE WHOLE WIDE WORLD A film review by James Berardinelli", "The Whole Wide World", None),
    ],
)  # fmt: skip
def test_how_copied_pages_and_capsules_name_their_film(lines, headline, title, year) -> None:
    facts = facts_of(*lines, headline=headline)
    assert (facts.title, facts.year) == (title, year)


@pytest.mark.parametrize(
    "lines",
    [
        ["FILM REVIEW", "A slow, handsome film that never finds its pulse."],
        ["SPOILERS AHEAD", "The ending is a cheat, and the middle drags."],
        ["Cannes is busy.", "Top 10 2023", "A slow, handsome film that never finds its pulse."],
    ],
)
def test_opening_lines_that_name_no_film(lines) -> None:
    assert facts_of(*lines, headline=None).title is None


def test_titles_in_capitals_read_as_prose_writes_them() -> None:
    from marquee.films.titles import as_written

    assert as_written("TEACHING MRS. TINGLE") == "Teaching Mrs. Tingle"
    assert [as_written(t) for t in ("JFK", "ROCKY II", "L.A. CONFIDENTIAL", "eXistenZ")] == [
        "JFK", "Rocky II", "L.A. Confidential", "eXistenZ"
    ]  # fmt: skip


def test_prose_naming_a_director_is_no_credit_header() -> None:
    facts = facts_of("It was made quickly (director: unknown), and it shows.", headline=None)
    assert facts.title is None


def test_roundup_without_a_title_stays_untitled() -> None:
    assert read("oppenheimer_roundup.txt").title is None


# --- negative cases ----------------------------------------------------------------------


def facts_of(*lines: str, headline: str | None = "Ballerina review", **fields: str) -> FilmFacts:
    return read_facts(document("\n".join(lines), **fields), ReviewMeta(title=headline))


def test_pair_nothing_settles_is_kept_as_written() -> None:
    facts = facts_of("The film belongs to Jane Roe (Mary Major).")
    assert (facts.cast, facts.pairs) == ((), (("Jane Roe", "Mary Major"),))


def test_pairs_follow_the_reviews_one_form() -> None:
    """A critic who writes "Dr. Kemp (Harrigan)" writes every pair character-first."""
    facts = facts_of(
        "Dr. Kemp (William Harrigan) is puzzled.",
        "Later Jack Griffin (Claude Rains) goes mad, and Flora Cranley (Gloria Stuart) weeps.",
    )
    assert set(facts.cast) == {
        CastMember("William Harrigan", "Dr. Kemp"),
        CastMember("Claude Rains", "Jack Griffin"),
        CastMember("Gloria Stuart", "Flora Cranley"),
    }


def test_a_lone_surname_does_not_settle_a_pair() -> None:
    """ "Nick Falzone (Cusack)" beside "John Cusack (Nick Falzone)": Cusack is a surname,
    not a character's first name, so the one-word rule must not make him the part."""
    facts = facts_of("John Cusack (Nick Falzone) stars.", "Nick Falzone (Cusack) is cocky.")
    assert not any(m.role == "Cusack" for m in facts.cast)


def test_parentheses_that_are_not_people() -> None:
    facts = facts_of(
        "It works in the mold of an installment like Rogue One (2016).",
        "Ballerina (2025) Ending Explained (SPOILERS)",
        "Norman Reedus finally gets something other than The Walking Dead (2010-2022).",
        "The Continental (which tanked spectacularly) was a TV show.",
        "Chia Jing Heng (andreusjh99)",
    )
    assert facts.cast == () and facts.pairs == ()


@pytest.mark.parametrize(
    "line",
    [
        "Ana de Armas is terrific as the titular character.",
        "Keanu Reeves appears as well as Ian McShane.",
        "Stars such as Keanu Reeves return.",
        "Ana de Armas works hard as a character with no depth.",
    ],
)
def test_as_that_is_not_a_part(line: str) -> None:
    facts = facts_of(line)
    assert all(m.role is None for m in facts.cast) and facts.pairs == ()


@pytest.mark.parametrize(
    "line",
    [
        "In 2014, Chad Stahelski and David Leitch gave the movie world John Wick.",
        "Ballerina is the first film in the franchise to not be directed by Chad Stahelski.",
        "Atomic Blonde (2017), directed by David Leitch, did this better.",
        "Unlike 2014's John Wick, directed by Chad Stahelski, it drags.",
        "It was never directed by David Leitch, whatever the rumours say.",
        'The videographer is "Atomic Blonde" director David Leitch.',
        "It is a remake of the 2014 classic directed by David Leitch.",
        "He hires the great director David Leitch to stage a ballet.",
    ],
)
def test_another_films_director_is_not_credited(line: str) -> None:
    assert "director" not in facts_of(line).credits


def test_a_year_of_another_film_is_not_this_films() -> None:
    facts = facts_of(
        "Director Len Wiseman (2003's Underworld) brings a fresh eye.",
        "It beats her work in the 2023 action film Ghosted.",
        "Reedus gets something other than The Walking Dead (2010-2022).",
        "Compare Rogue One (2016).",
    )
    assert facts.year is None
    assert facts.credits == {"director": ("Len Wiseman",)}


@pytest.mark.parametrize(
    ("line", "year"),
    [
        ("Ballerina, the 2025 film, is a spin-off.", 2025),
        ("This 2025 action film is a spin-off.", 2025),
        ("The 2025 film Ballerina is a spin-off.", 2025),
        ("It restores the 1905 film the brothers shot in Greece.", None),
        ("It beats the 2023 action film Ghosted.", None),
    ],
)
def test_this_films_year_from_the_nnnn_film(line: str, year: int | None) -> None:
    assert facts_of(line).year == year


@pytest.mark.parametrize(
    "line",
    [
        "In a fresh move the film's director Len Wiseman goes big.",
        "From the World of John Wick: Ballerina's director Len Wiseman goes big.",
        "It has a real flair, and director Len Wiseman goes big.",
    ],
)
def test_this_films_director_by_job_word(line: str) -> None:
    assert facts_of(line).credits == {"director": ("Len Wiseman",)}


def test_typo_repeated_phrases_still_credit() -> None:
    facts = facts_of(
        "It is written by Shay Hatten & directed by directed by Len Wiseman.",
        "The film is produced by Produced by Basil Iwanyk, Erica Lee & Chad Stahelski.",
    )
    assert facts.credits == {
        "director": ("Len Wiseman",),
        "writer": ("Shay Hatten",),
        "producer": ("Basil Iwanyk", "Erica Lee", "Chad Stahelski"),
    }


def test_capitalised_job_word_mid_sentence_is_a_character() -> None:
    facts = facts_of("Starring Anjelica Huston as the Director, Gabriel Byrne as the Chancellor.")
    assert facts.credits == {}
    assert CastMember("Gabriel Byrne", "the Chancellor") in facts.cast


def test_a_character_is_not_crew() -> None:
    facts = facts_of("Keanu Reeves as John Wick returns.", "Eve is shot by John Wick.")
    assert "cinematographer" not in facts.credits


def test_critic_is_neither_crew_nor_cast() -> None:
    doc = document("Written by Kat Hughes\nBallerina (2025) is written by Shay Hatten.")
    facts = read_facts(doc, ReviewMeta(critic="Kat Hughes"))
    assert facts.credits == {"writer": ("Shay Hatten",)}


def test_chrome_and_byline_blocks_are_not_read_but_captions_are() -> None:
    blocks = (
        Block("paragraph", "Ballerina (2025) is a spin-off. Ballerina is long. Ballerina!"),
        *(Block("chrome", f"Sister Midnight (2024) | Film Review {i}") for i in range(4)),
        Block("caption", "Ana de Armas as Eve in Ballerina. Photo Credit: Murray Close"),
        Block("byline", "Review by Kat Hughes, written by Kat Hughes"),
    )
    facts = read_facts(Document("r", "html", "", blocks), ReviewMeta())
    assert (facts.title, facts.year) == ("Ballerina", 2025)
    assert facts.cast == (CastMember("Ana de Armas", "Eve"),)
    assert facts.credits == {}


def test_markdown_emphasis_and_bold_titles() -> None:
    facts = read_facts(
        document("**Ballerina**, otherwise known as *From the World of John Wick: Ballerina*."),
        ReviewMeta(title="Ballerina (2025) - Review"),
    )
    assert facts.aliases == ("From the World of John Wick: Ballerina",)


def test_a_sentence_headline_is_not_a_title() -> None:
    facts = facts_of("A slow, handsome film that never finds its pulse.", headline=None)
    assert facts.title is None
    assert facts_of("It is fine.", headline="Ana de Armas dazzles in a spin-off").title is None


@pytest.mark.parametrize(
    ("headline", "title", "year"),
    [
        ("‘Ballerina’ review: Dir. Len Wiseman (2025)", "Ballerina", 2025),
        ("Ballerina (2025) - Review", "Ballerina", 2025),
        ("Review: Ballerina", "Ballerina", None),
        ("Ballerina review – Ana de Armas pirouettes through a spin-off", "Ballerina", None),
        ("[Review] Sister Midnight (2024) | Radhika Apte | Film", "Sister Midnight", 2024),
        ("Film Review: 'Schindler's List' Still Burns", "Schindler's List", None),
    ],
)
def test_headline_shapes(headline: str, title: str, year: int | None) -> None:
    facts = facts_of("Nothing here names it.", headline=headline)
    assert (facts.title, facts.year) == (title, year)


# --- merging ----------------------------------------------------------------------------


def test_merge_spelling_variants_keep_the_best_cased_form() -> None:
    merged = merge_facts(
        [
            FilmFacts(cast=(CastMember("Ian Mcshane", "Winston"),)),
            FilmFacts(cast=(CastMember("Ian McShane", "Winston Scott"),)),
            FilmFacts(cast=(CastMember("Timothee Chalamet", "Paul"),)),
            FilmFacts(cast=(CastMember("Timothée Chalamet", "Paul Atreides"),)),
        ]
    )
    assert merged.cast == (
        CastMember("Ian McShane", "Winston Scott"),
        CastMember("Timothée Chalamet", "Paul Atreides"),
    )


def test_merge_short_and_long_character_forms() -> None:
    merged = merge_facts(
        [
            FilmFacts(cast=(CastMember("Ana de Armas", "Eve"),)),
            FilmFacts(cast=(CastMember("Ana de Armas", "Eve Macarro"),)),
            FilmFacts(cast=(CastMember("Victoria Comte", "Eve MaCarro"),)),
            FilmFacts(cast=(CastMember("Norman Reedus", "Pine"),)),
            FilmFacts(cast=(CastMember("Norman Reedus", "Daniel Pine"),)),
        ]
    )
    roles = {m.actor: m.role for m in merged.cast}
    assert len(merged.cast) == 3
    assert roles["Ana de Armas"] == roles["Victoria Comte"] == "Eve MaCarro"
    assert roles["Norman Reedus"] == "Daniel Pine"


def test_merge_leaves_an_ambiguous_short_form_alone() -> None:
    merged = merge_facts(
        [
            FilmFacts(
                cast=(
                    CastMember("A Bee", "John Wick"),
                    CastMember("C Dee", "John Smith"),
                    CastMember("E Eff", "John"),
                )
            )
        ]
    )
    assert [m.role for m in merged.cast] == ["John Wick", "John Smith", "John"]


def test_merge_orients_pairs_by_other_reviews() -> None:
    merged = merge_facts(
        [
            FilmFacts(pairs=(("Matt Damon", "General Leslie Groves"),)),
            FilmFacts(pairs=(("Leslie Groves", "Matt Damon"), ("Wick", "Reeves"))),
            FilmFacts(
                cast=(
                    CastMember("Matt Damon", "Leslie Groves"),
                    CastMember("Keanu Reeves", "John Wick"),
                )
            ),
        ]
    )
    assert merged.cast == (
        CastMember("Matt Damon", "General Leslie Groves"),
        CastMember("Keanu Reeves", "John Wick"),
    )
    assert merged.pairs == ()


def test_merge_keeps_unsettled_pairs_once() -> None:
    merged = merge_facts(
        [
            FilmFacts(pairs=(("Jane Roe", "Mary Major"),)),
            FilmFacts(pairs=(("Mary Major", "Jane Roe"),)),
        ]
    )
    assert merged.pairs == (("Jane Roe", "Mary Major"),)


def test_merge_credits_once_each_in_first_seen_order() -> None:
    merged = merge_facts(
        [
            FilmFacts(credits={"producer": ("Erica Lee", "Basil Iwanyk", "Erica Lee")}),
            FilmFacts(
                credits={
                    "producer": ("Basil Iwanyk", "Chad Stahelski"),
                    "director": ("Len Wiseman",),
                }
            ),
            FilmFacts(credits={"director": ("Len Wiseman",)}),
        ]
    )
    assert dict(merged.credits) == {
        "director": ("Len Wiseman",),
        "producer": ("Erica Lee", "Basil Iwanyk", "Chad Stahelski"),
    }
    assert list(merged.credits) == ["director", "producer"]  # CREDIT_ROLES order


def test_merge_title_year_aliases() -> None:
    merged = merge_facts(
        [
            FilmFacts(title="From The World of John Wick: Ballerina", year=2025),
            FilmFacts(
                title="Ballerina", aliases=("From the World of John Wick: Ballerina",), year=2025
            ),
            FilmFacts(title="Ballerina", year=2024),
            FilmFacts(title="Ballerina", aliases=("From the World of John Wick: Ballerina",)),
        ]
    )
    assert (merged.title, merged.year) == ("Ballerina", 2025)
    assert merged.aliases == ("From the World of John Wick: Ballerina",)


def test_merge_keeps_a_sequel_part_whole() -> None:
    merged = merge_facts([FilmFacts(title="John Wick: Chapter 4"), FilmFacts(title="Chapter 4")])
    assert merged.title == "John Wick: Chapter 4"


def test_merge_of_nothing_is_empty() -> None:
    assert merge_facts([]) == FilmFacts()


# --- which film -----------------------------------------------------------------------


PAST_LIVES = FilmFacts(title="Past Lives", year=2023, credits={"director": ("Celine Song",)})
OPPENHEIMER = FilmFacts(
    title="Oppenheimer", year=2023, credits={"director": ("Christopher Nolan",)}
)
BARBIE = FilmFacts(title="Barbie", year=2023)
DUNE_1984 = FilmFacts(title="Dune", year=1984, credits={"director": ("David Lynch",)})
DUNE_2021 = FilmFacts(title="Dune", year=2021, credits={"director": ("Denis Villeneuve",)})


def test_two_films_in_one_batch() -> None:
    films = [PAST_LIVES, OPPENHEIMER]
    assert match_film(read("oppenheimer_passing.txt", headline=True), films, "") == 1
    assert match_film(read("past_lives_guardian.txt", headline=True), films, "") == 0
    assert match_film(read("aftersun_plays.txt", headline=True), films, "") is None


def test_titleless_roundup_goes_to_the_film_it_names_most() -> None:
    doc, meta = fixture("oppenheimer_roundup.txt")
    facts = read_facts(doc, meta)
    assert match_film(facts, [BARBIE, PAST_LIVES, OPPENHEIMER], doc.body) == 2
    assert match_film(facts, [BARBIE, PAST_LIVES], doc.body) is None  # Barbie only in passing


def test_a_common_word_title_counts_only_mid_sentence() -> None:
    it = FilmFacts(title="It", year=2017)
    text = "It is slow. It drags. It never lands, and the leads try. It ends."
    assert match_film(FilmFacts(), [it], text) is None
    assert match_film(FilmFacts(), [it], "Unlike It, this is quiet; we liked It more.") == 0


def test_titleless_review_naming_no_known_film() -> None:
    assert match_film(FilmFacts(), [PAST_LIVES], "A lovely film about nothing.") is None
    assert match_film(FilmFacts(), [], "Past Lives, Past Lives.") is None


def test_alias_or_franchise_prefix_matches() -> None:
    ballerina = FilmFacts(title="Ballerina", aliases=("From the World of John Wick: Ballerina",))
    assert (
        match_film(FilmFacts(title="From The World of John Wick: Ballerina"), [ballerina], "") == 0
    )
    assert match_film(FilmFacts(title="Ballerina"), [FilmFacts(title="John Wick")], "") is None
    assert (
        match_film(FilmFacts(title="John Wick: Chapter 4"), [FilmFacts(title="Chapter 4")], "")
        is None
    )


def test_same_title_different_years_are_different_films() -> None:
    assert match_film(FilmFacts(title="Dune", year=2021), [DUNE_1984], "") is None
    assert match_film(FilmFacts(title="Dune", year=2021), [DUNE_1984, DUNE_2021], "") == 1
    assert match_film(read("dune_1984_capsule.txt"), [DUNE_2021, DUNE_1984], "") == 1


def test_same_title_without_a_year_settled_by_people_or_not_at_all() -> None:
    villeneuve = FilmFacts(title="Dune", credits={"director": ("Denis Villeneuve",)})
    assert match_film(villeneuve, [DUNE_1984, DUNE_2021], "") == 1
    assert match_film(FilmFacts(title="Dune"), [DUNE_1984, DUNE_2021], "Dune (1984) again") == 0
    assert match_film(FilmFacts(title="Dune"), [DUNE_1984, DUNE_2021], "Spice.") is None


def test_a_film_with_no_year_yet_matches_either_way() -> None:
    assert match_film(FilmFacts(title="Dune", year=2021), [FilmFacts(title="Dune")], "") == 0
    assert match_film(FilmFacts(title="Dune"), [DUNE_2021], "") == 0


def test_samples_are_one_film() -> None:
    facts = [read_facts(sample(p), meta) for p, meta in SAMPLE_META.items()]
    films = [facts[0]]
    for review, prefix in zip(facts[1:], sorted(SAMPLE_META)[1:], strict=True):
        assert match_film(review, films, sample(prefix).body) == 0, prefix


# --- slugs and the public surface ---------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "year", "slug"),
    [
        ("Ballerina", 2025, "ballerina-2025"),
        (
            "From the World of John Wick: Ballerina",
            2025,
            "from-the-world-of-john-wick-ballerina-2025",
        ),
        ("Amélie", None, "amelie"),
        ("Schindler's List", 1993, "schindlers-list-1993"),
        ("Fast & Furious", 2009, "fast-and-furious-2009"),
        ("!!!", None, "untitled"),
    ],
)
def test_film_slug(title: str, year: int | None, slug: str) -> None:
    assert film_slug(title, year) == slug


@given(st.text(max_size=40), st.one_of(st.none(), st.integers(1888, 2100)))
def test_slug_is_always_url_safe(title: str, year: int | None) -> None:
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", film_slug(title, year))


@settings(max_examples=60, deadline=2000)
@given(
    st.lists(st.text(alphabet=st.sampled_from("AaBb Ee()'.,:&-1920sJ"), max_size=120), max_size=4)
)
def test_read_facts_survives_any_text(lines: list[str]) -> None:
    doc = Document("x", "text", "\n".join(lines), tuple(Block("paragraph", t) for t in lines))
    assert isinstance(read_facts(doc, ReviewMeta(title=lines[0] if lines else None)), FilmFacts)


def test_public_api() -> None:
    assert marquee.films.__all__ == [
        "film_slug",
        "match_film",
        "merge_facts",
        "normal_facts",
        "read_facts",
    ]


_NAME_WORDS = st.sampled_from(["Ana", "de", "Armas", "Eve", "Macarro", "John", "Wick", "the"])


@given(
    st.lists(st.lists(_NAME_WORDS, min_size=1, max_size=4).map(" ".join), max_size=12),
    st.lists(_NAME_WORDS, min_size=1, max_size=3).map(" ".join),
    st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_name_matching_by_index_equals_trying_every_pair(known, name, prefix) -> None:
    """``matches`` looks names up by their parts instead of comparing every pair (a film's
    merged cast runs to hundreds); the answer must be the pairwise definition's."""
    from marquee.films import names

    keys = {names.tokens(k) for k in known}
    key = names.tokens(name)
    pairwise = key in keys or sum(names.is_part(key, k, prefix=prefix) for k in keys) == 1
    assert names.matches(name, known, prefix=prefix) == pairwise


@pytest.mark.parametrize(
    "trigger",
    [
        "Directed by",
        "DIR.",
        "co-written by",
        "DP:",
        "Film Editing:",
        "Original Score:",
        "lensed by",
        "Producers",
        "screenwriter",
        "from a script by",
        "Director of Photography",
    ],
)
def test_credit_line_pre_check_lets_every_phrase_through(trigger: str) -> None:
    from marquee.films import credits

    line = f"the {trigger} Jane Doe"
    assert credits._ANY_TRIGGER.search(line) and credits._may_credit(line)


def test_credit_line_pre_check_agrees_with_the_trigger_scan() -> None:
    """The substring pre-check only ever skips lines the trigger pattern finds nothing in."""
    from marquee.films import credits

    texts = [
        p.read_text(encoding="utf-8", errors="replace") for p in FIXTURES.parent.rglob("*.txt")
    ]
    lines = [line for text in texts for line in text.splitlines()]
    lines += [line.upper() for line in lines] + ["Dir. Émile Cohl", "ſcore by X"]
    assert sum(map(credits._may_credit, lines)) > 20
    for line in lines:
        assert credits._may_credit(line) == bool(credits._ANY_TRIGGER.search(line)), line


def test_clean_squashes_spaces_as_regex_reads_them() -> None:
    """A line is squashed by its Unicode spaces (an em space, a no-break space, a line
    separator), quotes straightened; the file/group/record/unit separators, which
    ``str.split`` alone takes for spaces, stay inside a line (the fast path is not taken)."""
    from marquee.films.text import clean

    assert clean(" Reeves\u2019s \u2003 film\xa0\u2028 ") == "Reeves's film"
    assert clean("  a\x1cb \t c\x1f ") == "a\x1cb c"  # (strip takes the end one)
    assert clean("**Bold**  and [link](http://x)") == "Bold and link"


def test_a_lazy_pattern_is_compiled_when_first_asked_for_and_kept(monkeypatch) -> None:
    """A pattern behind a rarer test is compiled the first time it is asked for, once."""
    from marquee.films import text

    compiled: list[str] = []
    real = text.re.compile
    monkeypatch.setattr(text.re, "compile", lambda source: compiled.append(source) or real(source))
    pattern = text.lazily(r"(?P<y>\d{4})'s (?P<t>\p{Lu}\w+)")
    assert compiled == []
    assert pattern().search("in 2014's Interstellar")["t"] == "Interstellar"
    assert pattern() is pattern() and len(compiled) == 1
