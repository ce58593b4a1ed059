"""Word lists are data files that say where their words came from, and every one is used."""

from __future__ import annotations

from pathlib import Path

import pytest

import marquee
from marquee.opinions import cues, film_people
from marquee.wordlists import word_list

LISTS = sorted(Path(marquee.__file__).parent.rglob("lexicons/*.txt"))


def test_there_are_word_lists():
    assert len(LISTS) >= 20


@pytest.mark.parametrize("path", LISTS, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_each_list_opens_with_its_source_and_repeats_no_term(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    assert any("Source:" in line for line in header), "the header names no source"
    terms = word_list(f"marquee.{path.parent.parent.name}", path.stem)
    assert terms, "no terms"
    repeated = sorted({t for t in terms if terms.count(t) > 1})
    assert not repeated


def test_every_opinions_list_is_loaded():
    plain = {"not-names", "name-particles", "series-words", "people-not-names", "outlet-words"}
    plain |= {"not-critics", "negators"}
    loaded = {lex.key for lex in cues._LEXICONS} | plain
    on_disk = {p.stem for p in LISTS if p.parent.parent.name == "opinions"}
    assert loaded == on_disk
    assert "director" in film_people.NOT_NAMES  # a role in a cast list, never a person
