"""Filtering and sorting a film page's reviews: fresh / rotten, top critics, printed or
inferred score; by score, date or outlet.

The filters are plain query-string links (``?verdict=fresh&sort=date``), so they work
without JavaScript and every view has an address; ``static/marquee.js`` only swaps the
reviews in place instead of reloading the page. A review keeps its number on the film
(``/films/SLUG/reviews/N``) whatever the filter, so links to it never change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

Shown = tuple[int, Mapping[str, Any]]
"""A review on the page: its number on the film and its ``review_json`` dict."""

CHOICES: dict[str, dict[str, str]] = {
    "verdict": {"": "All", "fresh": "Fresh", "rotten": "Rotten"},
    "critics": {"": "All critics", "top": "Top critics"},
    "score": {"": "Any score", "printed": "Printed score", "inferred": "Inferred score"},
    "sort": {"": "As added", "score": "Highest score", "date": "Newest", "outlet": "Outlet A–Z"},
}


@dataclass(frozen=True, slots=True)
class Option:
    """One filter link: its words, where it goes, whether it is the current view, and how
    many reviews it would show (None for sort orders)."""

    label: str
    href: str
    active: bool
    count: int | None


PAGE_SIZE = 50
"""Review cards per page: a phone scrolls through 50 comfortably, and rendering 200 cards
at once took most of a 200-review film page's time (bench/page_speed.py)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReviewFilter:
    """The current view; an unknown value in the query string means "no filter"."""

    verdict: str = ""
    critics: str = ""
    score: str = ""
    sort: str = ""
    page: int = 1

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> ReviewFilter:
        page = query.get("page", "")
        return cls(
            **{name: value for name in CHOICES if (value := query.get(name, "")) in CHOICES[name]},
            page=int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1,
        )

    def query(self) -> str:
        pairs: dict[str, object] = {n: getattr(self, n) for n in CHOICES if getattr(self, n)}
        if self.page > 1:
            pairs["page"] = self.page
        return "?" + urlencode(pairs) if pairs else "?"

    def pages(self, shown: int) -> list[Option]:
        """Previous and next page links for ``shown`` matching reviews (none for one page)."""
        last = max(1, -(-shown // PAGE_SIZE))
        links = []
        if self.page > 1:
            links.append(
                Option("← Previous", replace(self, page=self.page - 1).query(), False, None)
            )
        if self.page < last:
            links.append(Option("Next →", replace(self, page=self.page + 1).query(), False, None))
        return links

    def window(self, shown: Sequence[Shown]) -> list[Shown]:
        """This page's share of the matching reviews."""
        start = (self.page - 1) * PAGE_SIZE
        return list(shown[start : start + PAGE_SIZE])

    def keeps(self, review: Mapping[str, Any], top: bool) -> bool:
        score = review.get("score") or {}
        return (
            (not self.verdict or review.get("verdict") == self.verdict)
            and (not self.critics or top)
            and (
                not self.score
                or (bool(score) and bool(score.get("explicit")) == (self.score == "printed"))
            )
        )

    def apply(self, reviews: Sequence[Mapping[str, Any]], top: Sequence[bool]) -> list[Shown]:
        kept = [(n, r) for n, r in enumerate(reviews) if self.keeps(r, n < len(top) and top[n])]
        key = SORTS.get(self.sort)
        if key is None:
            return kept
        known = [pair for pair in kept if key(pair[1]) is not None]
        known.sort(key=lambda pair: key(pair[1]), reverse=self.sort != "outlet")
        return known + [pair for pair in kept if key(pair[1]) is None]

    def options(
        self, reviews: Sequence[Mapping[str, Any]], top: Sequence[bool]
    ) -> dict[str, list[Option]]:
        """Each group's links; the top-critics group only when some review is by one."""
        groups: dict[str, list[Option]] = {}
        for name, choices in CHOICES.items():
            if name == "critics" and not any(top):
                continue
            groups[name] = []
            for value, label in choices.items():
                view = replace(self, page=1, **{name: value})
                count = None if name == "sort" else len(view.apply(reviews, top))
                groups[name].append(
                    Option(label, view.query(), getattr(self, name) == value, count)
                )
        return groups


def _score(review: Mapping[str, Any]) -> float | None:
    value = (review.get("score") or {}).get("value")
    return float(value) if value is not None else None


def _outlet(review: Mapping[str, Any]) -> str | None:
    outlet = review.get("outlet")
    return outlet.casefold() if outlet else None


SORTS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "score": _score,
    "date": lambda r: r.get("published") or None,
    "outlet": _outlet,
}
