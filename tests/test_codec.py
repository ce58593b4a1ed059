"""The record codec: msgspec must give exactly what ``dataclasses.asdict`` and dacite gave,
since stored records written by either must read back the same."""

from __future__ import annotations

import dataclasses
import json

import dacite
import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marquee.codec import facts_from_dict, from_dict, to_dict
from marquee.records import Document, FilmFacts, Review

_DACITE = dacite.Config(cast=[tuple], strict=True)

# the records' Mapping fields hold dicts (hypothesis would also try ChainMaps and the like)
_TEXTS = st.text(max_size=12)
_FACTS = st.builds(
    FilmFacts,
    credits=st.dictionaries(_TEXTS, st.lists(_TEXTS, max_size=3).map(tuple), max_size=3),
)
_REVIEWS = st.builds(
    Review,
    document=st.builds(Document, meta=st.dictionaries(_TEXTS, _TEXTS, max_size=4)),
    facts=_FACTS,
)


def _dumped(data: object) -> str:
    return json.dumps(data, ensure_ascii=False)


@settings(max_examples=60, deadline=None)
@given(_REVIEWS)
def test_records_encode_as_asdict_and_decode_as_dacite(review: Review) -> None:
    data = to_dict(review)
    assert data == dataclasses.asdict(review)
    loaded = json.loads(json.dumps(data))  # as the store hands it back: lists, not tuples
    assert from_dict(Review, loaded) == dacite.from_dict(Review, loaded, config=_DACITE)
    assert from_dict(Review, loaded) == review or _has_nan(review)


def _has_nan(review: Review) -> bool:
    """NaN is never equal to itself, so a record holding one cannot compare equal."""
    return "NaN" in json.dumps(dataclasses.asdict(review))


@settings(max_examples=60, deadline=None)
@given(_FACTS)
def test_film_facts_round_trip(facts: FilmFacts) -> None:
    loaded = json.loads(json.dumps(to_dict(facts)))
    assert facts_from_dict(loaded) == facts
    assert _dumped(to_dict(facts_from_dict(loaded))) == _dumped(to_dict(facts))


def test_a_wrong_value_is_refused() -> None:
    data = json.loads(json.dumps(to_dict(FilmFacts(title="Heat", year=1995))))
    with pytest.raises(msgspec.ValidationError):
        from_dict(FilmFacts, {**data, "year": "1995"})
    document = to_dict(Document("a.txt", "text", "raw", ()))
    with pytest.raises(msgspec.ValidationError):
        from_dict(Document, {**document, "shape": "pdf"})  # not one of the Literal's shapes
