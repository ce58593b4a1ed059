"""Document → Review: the reading stages run in order on one document.

Pure: no store, no I/O. The film a review is about is settled later, against the films
already known (see :mod:`marquee.ingest`).
"""

from __future__ import annotations

import dataclasses

from marquee.films import normal_facts, read_facts
from marquee.metadata import read_metadata
from marquee.records import Document, Review
from marquee.scores import read_score, read_verdict


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class FilmHint:
    """``--film TITLE [--year N]``: the film a batch is about when its documents do not say."""

    title: str | None = None
    year: int | None = None


def parse_review(document: Document, *, hint: FilmHint = FilmHint()) -> Review:
    """Read metadata, the explicit score, a stated verdict and film facts from one document.

    A "Verdict: Fresh" line joins the document's ``meta`` as its ``verdict`` (unless the
    structure already states one), where a verdict column of an export would be. Titles
    and names come in one Unicode spelling (:func:`marquee.films.normal_facts`), and a
    word of mixed scripts is flagged in the document's warnings.
    """
    if "verdict" not in document.meta and (verdict := read_verdict(document)):
        document = dataclasses.replace(document, meta={**document.meta, "verdict": verdict})
    meta = read_metadata(document)
    facts = read_facts(document, meta)
    if facts.title is None and hint.title:
        facts = dataclasses.replace(facts, title=hint.title, year=facts.year or hint.year)
    facts, lookalikes = normal_facts(facts)  # before the film is matched or slugged
    if lookalikes:
        document = dataclasses.replace(document, warnings=(*document.warnings, *lookalikes))
    return Review(document=document, meta=meta, score=read_score(document), facts=facts)
