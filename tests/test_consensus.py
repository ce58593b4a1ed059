"""Agreement per aspect and the consensus written from it, on hand-built opinions, plus the
ROUGE evaluation's shape on a few real films."""

from __future__ import annotations

import re

import pytest

from marquee.consensus import (
    TEMPLATE_WORDS,
    agreement,
    agreement_label,
    unsupported_claims,
    write_consensus,
)
from marquee.lab.consensus_eval import run_consensus_eval
from marquee.opinions import (
    AspectOpinion,
    Consensus,
    Evidence,
    Person,
    QuotedCritic,
    ReviewOpinions,
    ReviewText,
    opinions_for,
)
from marquee.opinions.aspects import judgements
from marquee.records import CastMember, FilmFacts

FACTS = FilmFacts(
    title="Ballerina",
    aliases=("From the World of John Wick: Ballerina",),
    cast=(CastMember("Ana de Armas", "Eve Macarro"),),
)


def op(review: int, sentence: int, aspect, polarity, text: str, target=None) -> AspectOpinion:
    return AspectOpinion(aspect, target, polarity, Evidence(review, sentence, text))


def review(review: int, *aspects: AspectOpinion, quoted=(), pull=None, tone=None) -> ReviewOpinions:
    pull_quote = Evidence(review, 0, pull) if pull else None
    return ReviewOpinions(tuple(aspects), pull_quote, tuple(quoted), tone)


FILM = [
    review(
        0,
        op(0, 1, "action", "positive", "The action is breathtaking."),
        op(0, 2, "action", "positive", "Breathtaking fights, again and again."),
        op(0, 3, "story", "negative", "The plot is flimsy."),
        op(0, 4, "performance", "positive", "Ana de Armas is terrific.", "Ana de Armas"),
        pull="A breathtaking, entertaining ride.",
        tone="positive",
    ),
    review(
        1,
        op(1, 1, "action", "positive", "The stunts are breathtaking."),
        op(1, 2, "story", "negative", "The story is flimsy and thin."),
        op(1, 3, "performance", "negative", "De Armas is flat here.", "de Armas"),
        op(1, 5, "music", "positive", "The score is electrifying."),
        pull="An entertaining, breathtaking spin-off.",
        tone="positive",
    ),
    review(
        2,
        op(2, 1, "action", "negative", "The action is generic."),
        op(2, 2, "story", "negative", "A thin story."),
        op(2, 3, "performance", "positive", "The Sun calls her terrific.", "Ana de Armas"),
        op(2, 4, "performance", "negative", "The Post finds her flat.", "Ana de Armas"),
        quoted=(
            QuotedCritic(
                "The Sun",
                None,
                "terrific",
                "positive",
                Evidence(2, 3, "The Sun calls her terrific."),
            ),
            QuotedCritic(
                "The Post", None, "flat", "negative", Evidence(2, 4, "The Post finds her flat.")
            ),
        ),
        pull="Generic and thin.",
        tone="negative",
    ),
]


def rows():
    return {(r.aspect, r.target): r for r in agreement(FILM)}


def test_counts_once_per_critic_not_per_sentence():
    action = rows()[("action", None)]
    assert (action.praised, action.panned, action.mixed) == (2, 1, 0)
    assert action.label == "divided"  # one critic in three dissenting is a split
    assert action.praise_quote is not None and action.praise_quote.review in {0, 1}
    assert action.pan_quote == Evidence(2, 1, "The action is generic.")


def test_quoted_critics_are_separate_voices_and_performers_merge_by_surname():
    ana = rows()[("performance", "Ana de Armas")]
    # review 0 praises, review 1 pans, and the round-up's two quoted critics split:
    # four critics, not three, and "de Armas" is the same person as "Ana de Armas".
    assert (ana.praised, ana.panned) == (2, 2)
    assert ana.label == "divided"


def test_one_outlet_quoted_twice_counts_once():
    again = review(
        3,
        op(3, 0, "music", "negative", "The Sun finds the score dull."),
        quoted=(
            QuotedCritic(
                "The Sun", None, "dull", "negative", Evidence(3, 0, "The Sun finds the score dull.")
            ),
        ),
    )
    extra = review(
        4,
        op(4, 0, "music", "negative", "The Sun: a dull score."),
        quoted=(
            QuotedCritic(
                "the sun", None, "dull", "negative", Evidence(4, 0, "The Sun: a dull score.")
            ),
        ),
    )
    music = {(r.aspect, r.target): r for r in agreement([*FILM, again, extra])}[("music", None)]
    assert (music.praised, music.panned) == (1, 1)


@pytest.mark.parametrize(
    ("praised", "panned", "mixed", "label"),
    [
        (4, 0, 0, "praised"),
        (3, 1, 0, "praised"),
        (2, 1, 0, "divided"),
        (1, 3, 0, "panned"),
        (0, 0, 2, "mixed"),
        (1, 0, 3, "mixed"),
        (2, 2, 1, "divided"),
    ],
)
def test_labels(praised, panned, mixed, label):
    assert agreement_label(praised, panned, mixed) == label


def test_consensus_names_the_film_strengths_reservation_and_the_split():
    table = agreement(FILM)
    consensus = write_consensus("Ballerina", FACTS, table, FILM)
    assert consensus is not None
    text = consensus.text
    assert "Ballerina" in text
    assert "fights" in text and "story" in text
    # the score: one critic's praise, not the critics'
    assert "score" not in text
    assert re.search(r"divided on Ana de Armas", text)
    assert text.index("fights") < text.index("story")  # strengths first, then the reservation
    assert len(re.findall(r"[.!?](?:\s|$)", text)) <= 2


def test_no_word_repeated_between_verdict_and_aspects():
    consensus = write_consensus("Ballerina", FACTS, agreement(FILM), FILM)
    assert consensus is not None
    words = re.findall(r"[a-z]+", consensus.text.lower())
    assert words.count("breathtaking") <= 1


STORY = [
    review(
        0, op(0, 1, "story", "positive", "The script is witty."), pull="Witty.", tone="positive"
    ),
    review(
        1,
        op(1, 1, "story", "positive", "A sharp screenplay, full of surprises."),
        pull="A charming comedy.",
        tone="positive",
    ),
    review(2, op(2, 1, "story", "positive", "The plot works."), pull="Charming.", tone="positive"),
]


def test_aspect_named_as_one_critic_wrote_it():
    consensus = write_consensus("Tom", FilmFacts(title="Tom"), agreement(STORY), STORY)
    assert consensus is not None
    assert "sharp screenplay" in consensus.text
    # no other critic's adjective put before this one's noun, or the reverse
    assert not re.search(r"witty (?:screenplay|plot)|sharp (?:script|plot)", consensus.text)
    assert unsupported_claims(consensus, "Tom") == []


def test_provenance_catches_a_pairing_neither_critic_wrote():
    a = Evidence(0, 1, "The script is witty.")
    b = Evidence(1, 1, "A sharp screenplay, full of surprises.")
    paired = Consensus(
        "Tom offers a witty screenplay.", (("Tom offers a witty screenplay", (a, b)),)
    )
    assert unsupported_claims(paired, "Tom") == [
        ("witty screenplay", "Tom offers a witty screenplay")
    ]
    invented = Consensus("Tom offers gorgeous visuals.", (("Tom offers gorgeous visuals", (a,)),))
    assert unsupported_claims(invented, "Tom")
    fine = Consensus("Tom offers a sharp screenplay.", (("Tom offers a sharp screenplay", (a, b)),))
    assert unsupported_claims(fine, "Tom") == []


def test_possessive_only_for_the_credited_director():
    people = (Person("Disney", "director", Evidence(1, 0, "Disney's best in years.")),)
    guessed = [
        *STORY[:2],
        ReviewOpinions(STORY[2].aspects, STORY[2].pull_quote, (), "positive", people),
    ]
    plain = write_consensus("Tom", FilmFacts(title="Tom"), agreement(guessed), guessed)
    assert plain is not None and "'s Tom" not in plain.text and "Disney" not in plain.text
    credited = FilmFacts(title="Tom", credits={"director": ("Jane Doe",)})
    consensus = write_consensus("Tom", credited, agreement(guessed), guessed)
    assert consensus is not None and "Jane Doe's Tom" in consensus.text
    assert unsupported_claims(consensus, "Tom", ["Jane Doe"]) == []


def test_verdict_leans_with_the_fresh_percent():
    table = agreement(FILM)
    praised = write_consensus("Ballerina", FACTS, table, FILM, fresh_percent=85)
    panned = write_consensus("Ballerina", FACTS, table, FILM, fresh_percent=20)
    assert praised is not None and panned is not None
    assert (praised.verdict, panned.verdict) == ("positive", "negative")
    lead = panned.text.split(",")[0].lower()
    assert not any(judgements(w) and judgements(w)[0][2] > 0 for w in lead.split())
    assert panned.text.lower().index("generic") < panned.text.lower().index("fights")


def test_a_divided_film_without_shared_aspects_says_each_side():
    split = [
        review(0, pull="A moving, tender drama.", tone="positive"),
        review(1, pull="Dull and overlong.", tone="negative"),
    ]
    consensus = write_consensus(
        "Tom", FilmFacts(title="Tom"), agreement(split), split, fresh_percent=50
    )
    assert consensus is not None and consensus.verdict == "mixed"
    assert re.search(
        r"divides critics: some call it .*(?:moving|tender).*, others .*(?:dull|overlong)",
        consensus.text,
    )
    assert unsupported_claims(consensus, "Tom") == []


def test_words_in_quotation_marks_are_not_the_critics():
    quoting = [
        review(0, pull='Its star calls it "unforgettable"; I found it charming.', tone="positive"),
        review(1, pull="Charming and sweet.", tone="positive"),
    ]
    consensus = write_consensus("Tom", FilmFacts(title="Tom"), agreement(quoting), quoting)
    assert consensus is not None
    assert "charming" in consensus.text.lower() and "unforgettable" not in consensus.text.lower()


def test_the_template_itself_judges_nothing():
    assert not [w for w in TEMPLATE_WORDS if judgements(w)]


def test_every_judging_word_comes_from_the_evidence_of_its_clause():
    consensus = write_consensus("Ballerina", FACTS, agreement(FILM), FILM)
    assert consensus is not None and consensus.clauses
    assert all(evidence for _, evidence in consensus.clauses)
    assert unsupported_claims(consensus, "Ballerina") == []


def test_nothing_to_say_gives_no_consensus():
    assert write_consensus("Ballerina", FACTS, (), [review(0)]) is None


@pytest.mark.corpora
def test_rouge_eval_shape_on_a_few_films():
    result = run_consensus_eval(polarity=lambda texts: [0.8] * len(texts), limit=8)
    assert result["n"] == 8
    for key in ("first_quote", "centroid_quote", "oracle_quote"):
        assert set(result[key]) == {"rouge1", "rouge2", "rougeL"}
        assert 0 <= result[key]["rouge1"] <= 1
    assert result["oracle_quote"]["rouge1"] >= result["first_quote"]["rouge1"]
    assert 0 <= result["rouge1"] <= 1
    assert result["unsupported"] == 0
    assert result["possessive_errors"] == 0


def _words_polarity(texts):
    """P(positive) from a few judging words: enough to tell praise from blame here."""
    good = ("brilliant", "spectacular", "charming", "witty")
    return [0.9 if any(w in t.lower() for w in good) else 0.1 for t in texts]


def test_people_quoted_in_a_review_are_not_critics():
    bodies = [
        "Actor Tom Jones says the stunts are brilliant. The plot is dull and the pacing is dull.",
        "Director Ann Lee said the action is spectacular. The story is dull, the pacing dull.",
        "The story is dull. A dull plot.",
    ]
    facts = FilmFacts(title="Tom")
    ops = opinions_for([ReviewText(b) for b in bodies], facts, polarity=_words_polarity)
    action = {(r.aspect, r.target): r for r in agreement(ops)}.get(("action", None))
    assert action is None or action.praised == 0  # the actor and the director are not critics
    consensus = write_consensus("Tom", facts, agreement(ops), ops, fresh_percent=10)
    assert consensus is not None
    assert not re.search(r"stunts|action|brilliant|spectacular", consensus.text)


def test_catalogue_credits_every_evaluation_film_with_its_leads():
    from marquee.lab.consensus_catalogue import LEADS, catalogue_credits
    from marquee.lab.consensus_eval import load_films

    credits = catalogue_credits()
    films = load_films()
    assert all(f.rtid in credits and credits[f.rtid].directors for f in films)
    assert all(len(c.cast) <= LEADS for c in credits.values())
    assert sum(bool(credits[f.rtid].cast) for f in films) >= 0.9 * len(films)


def test_a_film_with_much_to_say_still_gets_a_sentence_of_rt_length():
    from marquee.consensus.writer import MAX_WORDS

    aspects = [
        ("action", "Breathtaking action.", "The action is dull."),
        ("music", "A stunning score.", "A forgettable score."),
        ("visuals", "Gorgeous visuals.", "Murky visuals."),
        ("story", "A witty script.", "A clumsy script."),
    ]
    cast = ["Ana de Armas", "Keanu Reeves"]  # the critics split on them
    leads = ["Ian McShane", "Lance Reddick"]  # every critic praises them
    words = {"positive": "brilliant, moving, spectacular", "negative": "tedious, bloated, dreary"}
    tones = ["positive"] * 4 + ["negative"] * 2
    critics = [
        review(
            n,
            *(
                op(n, i, a, "positive", good)
                if tone == "positive"
                else op(n, i, a, "negative", bad)
                for i, (a, good, bad) in enumerate(aspects)
            ),
            *(
                op(n, 9 + i, "performance", tone, f"{name} acts.", name)
                for i, name in enumerate(cast)
            ),
            *(
                op(n, 12 + i, "performance", "positive", f"{name} shines.", name)
                for i, name in enumerate(leads)
            ),
            pull=f"A {words[tone]} epic.",
            tone=tone,
        )
        for n, tone in enumerate(tones)
    ]
    consensus = write_consensus(
        "Tom", FilmFacts(title="Tom"), agreement(critics), critics, fresh_percent=50
    )
    assert consensus is not None and consensus.verdict == "mixed"
    first, _, second = consensus.text.partition(". ")
    assert 8 <= len(first.split()) <= MAX_WORDS < len(f"{first} {second}".split()), consensus.text
    assert second == "Critics are divided on Ana de Armas and Keanu Reeves."
    assert "breathtaking action" in consensus.text  # what most critics agree on stays
    assert unsupported_claims(consensus, "Tom") == []
