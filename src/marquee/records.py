"""The plain values passed between pipeline stages.

Data flows one way::

    bytes ──documents──▶ Document ──metadata/scores/films──▶ Review ──aggregate──▶ FilmReport

Every stage takes and returns these frozen dataclasses, so a stage can be tested on
its own and nothing reaches back into an earlier stage or into the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from marquee.verdicts import FRESH_AT as FRESH_AT
from marquee.verdicts import Verdict as Verdict
from marquee.verdicts import verdict_for as verdict_for

Shape = Literal["text", "markdown", "html", "csv", "jsonl"]
"""How a document was written; detected from its content, not only its name."""

TABLE_SHAPES: frozenset[Shape] = frozenset({"csv", "jsonl"})
"""The shapes whose documents are a table's rows, one review each, with named fields."""

PAGE_CREDIT = "page_credit"
"""``Document.meta`` key of a review split from a round-up page: the page's reading
(:func:`marquee.roundups.credits.credited_parts`) settled its critic, ``meta["critic"]``
as written or none, so the part's own lines are not read for a byline again (they hold
the page's share bar and the films' titles and people, which that reading weighed)."""

BlockKind = Literal[
    "heading",  # a section title inside the review ("Fails at the Fundamentals")
    "paragraph",  # review prose
    "list_item",  # a bullet that belongs to the review
    "table_row",  # one row of a table, cells joined by " | "
    "caption",  # an image or video caption, photo credit
    "media",  # image markdown, embedded player, iframe
    "byline",  # who wrote it: "Review Courtesy of …", "**Author**: …", a closing bio
    "chrome",  # site furniture: navigation, link lists, comment and newsletter prompts, ads
]

BODY_KINDS: frozenset[str] = frozenset({"heading", "paragraph", "list_item"})
"""The block kinds that make up a review's cleaned body."""

CREDIT_ROLES: tuple[str, ...] = (
    "director",
    "writer",
    "producer",
    "cinematographer",
    "editor",
    "composer",
)
"""Crew roles marquee reconciles, in the order reports show them."""


@dataclass(frozen=True, slots=True)
class Block:
    """One line-level unit of a document, labelled with what it is."""

    kind: BlockKind
    text: str


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a fetched document came from: the URL asked for, the HTTP status and when."""

    url: str
    status: int
    fetched_at: str  # ISO 8601, UTC
    final_url: str | None = None  # after redirects
    content_type: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One review as read from a file, a table row or stdin, before any analysis.

    ``raw`` is the whole decoded input (for a table row, the row as JSON) so that
    nothing is ever lost; ``blocks`` is the same content split and labelled;
    ``meta`` holds what the structure itself says (front matter, JSON-LD, CSV
    columns, HTML meta tags) under normalised keys such as ``title``, ``critic``,
    ``outlet``, ``published``, ``film``, ``year``, ``score``, ``verdict``, ``url``,
    plus any other field the source carried.

    A page that reviews several films becomes several Documents with the same ``raw``
    and ``source``, numbered by ``part``, each with its own blocks.
    """

    source: str
    shape: Shape
    raw: str
    blocks: tuple[Block, ...]
    meta: Mapping[str, str] = field(default_factory=dict)
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()
    part: int = 0
    provenance: Provenance | None = None

    @property
    def body(self) -> str:
        """The review's own paragraphs, chrome removed, one blank line between."""
        return "\n\n".join(b.text for b in self.blocks if b.kind in BODY_KINDS)

    @property
    def text(self) -> str:
        """Every block, chrome included, one per line."""
        return "\n".join(b.text for b in self.blocks)


@dataclass(frozen=True, slots=True)
class ReviewMeta:
    """Who wrote a review, where and when, as the document states it."""

    critic: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601 date, "2025-06-06"
    title: str | None = None  # the review's own headline
    spoilers: bool = False
    url: str | None = None


@dataclass(frozen=True, slots=True)
class SubScore:
    """One row of an itemised score table: "Story/Screenplay 1.0 / 2.0"."""

    label: str
    value: float
    max: float


@dataclass(frozen=True, slots=True)
class Score:
    """A review's score on 0–100, with the text it was read from.

    ``explicit`` is True when the critic printed it, False when a model inferred it;
    an inferred score carries the model's calibrated ``p_fresh``, which film-level
    figures use instead of the hard verdict. ``subscores_sum_ok`` is None without a
    sub-score table, else whether the rows add up to the stated total.
    """

    value: float
    raw: str
    explicit: bool = True
    subscores: tuple[SubScore, ...] = ()
    subscores_sum_ok: bool | None = None
    p_fresh: float | None = None


@dataclass(frozen=True, slots=True)
class CastMember:
    """An actor and the character they play, when a review says so."""

    actor: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class FilmFacts:
    """What one review (or, merged, all of a film's reviews) says about the film.

    ``credits`` maps each role in :data:`CREDIT_ROLES` to names in the order first
    seen. ``pairs`` keeps "Eve (Ana de Armas)" style pairs whose order (which side
    is the actor) one review alone cannot settle; merging across reviews does.
    """

    title: str | None = None
    aliases: tuple[str, ...] = ()
    year: int | None = None
    credits: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    cast: tuple[CastMember, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Review:
    """One review after reading: its document, metadata, score and film facts."""

    document: Document
    meta: ReviewMeta
    score: Score | None
    facts: FilmFacts

    @property
    def stated_verdict(self) -> Verdict | None:
        """A verdict the source states outright (an RT-style export's fresh/rotten column)."""
        stated = self.document.meta.get("verdict", "").strip().lower()
        return "fresh" if stated == "fresh" else "rotten" if stated == "rotten" else None

    @property
    def verdict(self) -> Verdict | None:
        """The critic's own word first: a stated fresh/rotten (Rotten Tomatoes lets the
        critic call a 3/5 fresh), then a printed score, then the model's inferred score."""
        return self.stated_verdict or verdict_for(self.score.value if self.score else None)
