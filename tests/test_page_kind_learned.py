"""The learned page-kind check beside the cue rules: its artifact and recipe, and what it
adds to the rules (refusals only, on full pages only). Its estimate on sites never met is
``bench/page_kind_cv.py``'s leave-one-round-out table."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from marquee.documents import kind_learned, read_path
from marquee.documents.kind import LEARNED, MIN_WORDS, page_kind, rule_kind, text_kind
from marquee.documents.kind_learned import ARTIFACT, LearnedCheck, load_check
from marquee.model.nbsvm import LinearScorer

KINDS = Path(__file__).parent / "fixtures" / "kinds"
FORUM_THREAD = KINDS / "forum" / "buffistas_movies.txt"
"""A forum thread about films (round 11k, SOURCES.md: dev): the rules keep it."""


@pytest.fixture
def refusing_everything(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The learned check swapped for one that refuses whatever it reads."""
    check = load_check()
    always = LearnedCheck(LinearScorer(check.scorer.weights, 50.0), 0.5, check.spec)
    monkeypatch.setattr(kind_learned, "load_check", lambda: always)
    text_kind.cache_clear()
    yield
    text_kind.cache_clear()


def test_the_artifact_loads_small_with_its_threshold() -> None:
    check = load_check()
    assert 0.5 <= check.threshold < 1.0
    assert 1_000 <= np.count_nonzero(check.scorer.weights) <= 30_000
    assert ARTIFACT.stat().st_size < 300_000


def test_its_recipe_names_its_data_and_its_rounds() -> None:
    meta = json.loads(ARTIFACT.with_suffix(".json").read_text())
    data = meta["data"]
    assert "tests/fixtures/kinds" in data["not film"]
    assert "(train split)" in data["film"] and "test split" not in data["film"]
    assert data["pages"]["not film"] >= 300 and data["pages"]["film (fixtures)"] >= 250
    assert len(data["rounds"]) >= 10 and len(data["sha256"]) == 64
    assert meta["threshold"] == load_check().threshold
    assert meta["recipe"]["keep"] >= 0.995  # of the film reviews, out of fold


def test_a_forum_thread_the_rules_keep_is_refused_by_the_learned_check() -> None:
    (page,) = read_path(FORUM_THREAD).documents
    text = "\n".join((page.meta.get("title", ""), page.body))
    assert rule_kind(text).is_film
    kind = page_kind(page)
    assert kind.kind == LEARNED
    assert kind.reason is not None and "learned check" in kind.reason
    assert "(p=0." in kind.reason and ", words: " in kind.reason


@pytest.mark.usefixtures("refusing_everything")
def test_a_one_line_quote_or_a_short_page_is_never_read_by_it() -> None:
    (page,) = read_path(FORUM_THREAD).documents
    assert page_kind(page).kind == LEARNED
    quote = " ".join(page.body.split()[: MIN_WORDS * 2])
    assert text_kind(quote).is_film  # one line: a pull quote
    short = "\n\n".join(page.body.split("\n\n")[:2])
    short = " ".join(short.split(" ")[: MIN_WORDS - 10]) + "\n\nA film."
    assert len(short.split()) < MIN_WORDS
    assert text_kind(short).is_film


@pytest.mark.usefixtures("refusing_everything")
def test_a_page_the_rules_refuse_keeps_the_rules_reason() -> None:
    (page,) = read_path(KINDS / "product" / "kibibilavie_mega_moisture.txt").documents
    assert page_kind(page).kind == "product"


@pytest.mark.corpora
def test_dev_split_full_reviews_are_kept() -> None:
    from marquee.lab.corpora import in_split, load_polarity

    reviews = [ex.text for ex in in_split(load_polarity(), "dev")]
    refused = [text for text in reviews if text_kind(text).kind == LEARNED]
    assert len(reviews) >= 300
    assert len(refused) <= len(reviews) * 0.005
