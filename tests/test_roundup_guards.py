"""The round-up readers' cheap pre-checks (issue 15): a pattern is not tried on a line that
lacks a mark its every match holds, so a single review (almost every page added) stops
paying for the round-up layouts it cannot be.

Each guard is checked against the pattern it skips on every line of every fixture page and
of the dev split's full reviews, as the readers see the line (raw, cleaned, numbering off):
wherever the pattern matches, the mark is there, so the guard changes no answer. And each
is shown to skip: the pattern swapped for one that fails the test if tried."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from marquee.documents import read_bytes, read_path
from marquee.errors import ParseError
from marquee.films.text import clean
from marquee.records import Block
from marquee.roundups import column_credits, credits, headings, layouts, segment, split, titles

FIXTURES = Path(__file__).parent / "fixtures"
_PROSE = "The film is long, and its second half drags on well past the point of interest."

GUARDS = [
    ("split._CAPSULE", split._CAPSULE, "("),
    ("split._TITLE_LINE", split._TITLE_LINE, "("),
    *((f"titles.set_apart {mark!r}", form, mark) for mark, form in titles._SET_APART),
]
"""(name, pattern, the mark every match holds anywhere in the line)."""


def _forms(text: str) -> set[str]:
    cleaned = clean(text)
    return {text, cleaned, titles.NUMBERED.sub("", cleaned)}


def _page_lines(documents: Iterator[Any]) -> Iterator[str]:
    for doc in documents:
        for block in doc.blocks:
            yield from _forms(block.text)
        yield from _forms(doc.meta.get("title", ""))


@cache
def _fixture_lines() -> tuple[str, ...]:
    pages = (d for path in sorted(FIXTURES.rglob("*")) if path.is_file() for d in _read(path))
    return tuple(dict.fromkeys(_page_lines(pages)))


def _read(path: Path | str, text: str = "") -> tuple[Any, ...]:
    """The page's documents; none for bytes no reader takes (fixtures of refusals, a
    review of commas read as a table without its text column)."""
    try:
        return read_bytes(text.encode(), str(path)).documents if text else read_path(path).documents
    except ParseError:
        return ()


@cache
def _dev_lines() -> tuple[str, ...]:
    from marquee.lab.corpora import in_split, load_polarity, load_scale

    reviews = in_split([*load_polarity(), *load_scale()], "dev")
    pages = (d for n, ex in enumerate(reviews) for d in _read(f"{n}.txt", ex.text))
    return tuple(dict.fromkeys(_page_lines(pages)))


def _dropped(lines: tuple[str, ...]) -> list[tuple[str, str]]:
    """(guard, line) wherever a guard would skip a line its pattern matches."""
    found = [
        (name, line)
        for name, pattern, mark in GUARDS
        for line in lines
        if mark not in line and pattern.match(line)
    ]
    found += [
        (f"titles {pattern.pattern[:20]!r}", line)
        for pattern in (titles._QUOTED_CAPSULE, titles._COMMA_QUOTED_CAPSULE)
        for line in lines
        if line[:1] not in titles._OPENING_QUOTES and pattern.match(line)
    ]
    found += [
        ("segment._RUN_ON", line)
        for line in lines
        if "(" not in line and segment._RUN_ON.search(line)
    ]
    found += [
        ("column_credits._MARKED_BY", line)
        for line in lines
        if "*" not in line and "★" not in line and column_credits._MARKED_BY.match(line)
    ]
    lead = segment._LEAD_CHARS
    found += [
        ("segment._PAREN_LEAD", line)
        for line in lines
        if "(" not in line[:lead] and segment._PAREN_LEAD.match(line)
    ]
    found += [
        ("headings._PREFIXED", line)
        for line in lines
        if headings._prefixed(line) is None and headings._PREFIXED.match(line)
    ]
    return found


def test_no_guard_skips_a_match_on_the_fixture_pages() -> None:
    lines = _fixture_lines()
    assert len(lines) > 10_000
    assert _dropped(lines) == []


@pytest.mark.corpora
def test_no_guard_skips_a_match_on_the_dev_reviews() -> None:
    lines = _dev_lines()
    assert len(lines) > 10_000
    assert _dropped(lines) == []


class _Untried:
    """A pattern that must not be tried."""

    def match(self, text: str) -> None:
        raise AssertionError(f"tried on {text!r}")

    search = match


def test_a_line_without_a_bracket_is_not_read_for_a_capsule_or_a_title_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(split, "_CAPSULE", _Untried())
    monkeypatch.setattr(split, "_TITLE_LINE", _Untried())
    assert split._heading_at(0, Block("paragraph", _PROSE)) is None
    assert split._heading_at(0, Block("heading", "Oppenheimer ★★★★☆")) is not None


def test_a_title_set_apart_is_tried_only_where_its_mark_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    untried = tuple((mark, _Untried()) for mark, _ in titles._SET_APART)
    monkeypatch.setattr(titles, "_SET_APART", untried)
    monkeypatch.setattr(titles, "_QUOTED_CAPSULE", _Untried())
    monkeypatch.setattr(titles, "_COMMA_QUOTED_CAPSULE", _Untried())
    assert titles.set_apart(_PROSE) is None


def test_a_lead_without_a_bracket_is_not_read_for_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segment, "_PAREN_LEAD", _Untried())
    assert segment._splits(_PROSE) == []
    assert segment._splits("Napoleon: Ridley Scott's battles are spectacular.") != []


def test_a_page_of_prose_is_not_read_line_by_line_for_verdicts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def untried(block: Block) -> bool:
        raise AssertionError(f"tried on {block.text!r}")

    monkeypatch.setattr(layouts, "delivers_verdict", untried)
    assert layouts.rated_runs([Block("paragraph", _PROSE)] * 3) == []


def test_a_paragraph_without_a_bracket_is_not_read_for_run_on_capsules_or_stars(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(segment, "_RUN_ON", _Untried())
    monkeypatch.setattr(column_credits, "_MARKED_BY", _Untried())
    assert segment._run_apart(Block("paragraph", _PROSE)) == [Block("paragraph", _PROSE)]
    assert column_credits.marked_critic([Block("paragraph", _PROSE)]) == []


class _Everywhere:
    """A search that finds something in every text: a guard that never skips."""

    def search(self, text: str) -> bool:
        return True


def _shortcut_changes(lines: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The lines ``_heading_at`` reads otherwise when its shortcut for a paragraph with no
    facts or mark is taken away."""
    blocks = [Block(kind, line) for line in lines for kind in ("paragraph", "list_item")]
    guarded = [split._heading_at(0, block) for block in blocks]
    with monkeypatch.context() as patched:
        patched.setattr(split, "_MAY_RATE", _Everywhere())
        unguarded = [split._heading_at(0, block) for block in blocks]
    return [b.text for b, g, u in zip(blocks, guarded, unguarded, strict=True) if g != u]


def test_the_paragraph_shortcut_reads_every_fixture_line_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _shortcut_changes(_fixture_lines(), monkeypatch) == []


@pytest.mark.corpora
def test_the_paragraph_shortcut_reads_every_dev_review_line_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _shortcut_changes(_dev_lines(), monkeypatch) == []


def test_a_paragraph_with_no_facts_or_mark_is_not_read_as_a_heading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert split._heading_at(0, Block("paragraph", "Monster ★★★★☆")) is not None  # a mark
    monkeypatch.setattr(split, "_HEADING", _Untried())
    assert split._heading_at(0, Block("paragraph", "It drags on past its point.")) is None


def test_a_line_whose_first_separator_is_far_in_is_not_read_for_a_label(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Prose reaches its first dash or colon past any label's length: not tried."""
    monkeypatch.setattr(headings, "_PREFIXED", _Untried())
    assert headings._prefixed(_PROSE + " - and then some") is None
    assert headings._prefixed("No separator in this line at all") is None


def test_a_page_without_shared_labels_reads_no_line_for_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(headings, "_COLON_NUMBER", _Untried())
    monkeypatch.setattr(headings, "_PREFIXED", _Untried())
    assert headings.label_of("Mini Review - Morbius", frozenset()) is None


def test_a_pages_labels_are_read_once_for_both_readers(monkeypatch: pytest.MonkeyPatch) -> None:
    """split and segment both ask for a page's labels: the second ask reads no line."""
    blocks = [Block("heading", f"Capsule Review - Guard Test Film {n}") for n in range(3)]
    assert headings.shared_labels(blocks) == {"capsule review"}
    monkeypatch.setattr(headings, "_prefixed", _Untried().match)
    assert headings.shared_labels(list(blocks)) == {"capsule review"}


def test_a_page_split_into_no_parts_is_not_read_for_their_critics(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A single review (no part) has no critic of a part to find: the page is not read."""

    def untried(*args: object, **kwargs: object) -> None:
        raise AssertionError("read for the critics of no part")

    (doc,) = _read("review.txt", f"Review by Ann Marsh\n\n{_PROSE}\n\n{_PROSE}")
    for reader in ("column_critics", "masthead_critic", "legend_critics", "section_writers"):
        monkeypatch.setattr(credits, reader, untried)
    assert credits.credited_parts(doc, [], ["Mini Reviews by Ann Marsh"]) == ()
