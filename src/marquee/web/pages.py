"""HTML for every page, from the same JSON the API returns.

One Jinja environment with autoescaping always on: review text, critic names, titles and
file names are hostile input and reach the page only as escaped text. Pages are rendered
from ``report_json`` dicts (never from records), so the HTML page, its ``.json`` twin and
``marquee report --json`` cannot disagree. Keys may be absent while the pipeline grows;
every section renders only what is present.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import jinja2
from markupsafe import Markup, escape

from marquee.aggregate import headline, shown, tone
from marquee.browse.bylines import name_slug
from marquee.readable import provenance, review_heading, review_title, safe_url, source_name
from marquee.web.charts import aspect_chart, aspect_label, score_histogram
from marquee.web.review_filters import PAGE_SIZE, ReviewFilter
from marquee.web.uploads import DEFAULT_LIMITS

ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("marquee.web", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


@cache
def stylesheet() -> str:
    """The one stylesheet, served at /static and inlined into the static export."""
    return files("marquee.web").joinpath("static", "marquee.css").read_text(encoding="utf-8")


def style_hash(css: str) -> str:
    """The CSP source that allows exactly this inline ``<style>`` and nothing else."""
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def name_href(kind: str, name: object) -> str | None:
    """The page of a critic, outlet or person (None for a missing name)."""
    if not isinstance(name, str) or not name.strip():
        return None
    return f"/{kind}/{name_slug(name)}"


def linked(kind: str, name: object, static: bool, cls: str = "") -> Markup:
    """A name as a link to its page (a plain span in the static export, which links
    nothing). Python rather than a template macro: a film page calls it for every one of
    its hundreds of reviews, and a Jinja macro call costs ten times as much."""
    href = None if static else name_href(kind, name)
    text, klass = escape(str(name or "")), escape(cls)
    if href is None:
        return Markup(f'<span class="{klass}">{text}</span>')
    return Markup(f'<a class="{klass}" href="{escape(href)}">{text}</a>')


def byline(review: Mapping[str, Any], static: bool, separator: str = ", ") -> Markup:
    """A review's critic and outlet, each linked to its page."""
    parts = [
        linked(kind, review.get(key), static, f"{key}-link")
        for kind, key in (("critics", "critic"), ("outlets", "outlet"))
        if review.get(key)
    ]
    return Markup(separator).join(parts)


@dataclass(frozen=True, slots=True)
class Badge:
    """One headline figure: what it is, its value, a tone for styling, and a footnote."""

    name: str
    value: str
    tone: str = "neutral"
    note: str | None = None


def badges(agg: Mapping[str, Any]) -> list[Badge]:
    """The headline figures, worded and coloured by :func:`marquee.aggregate.headline`:
    fresh %, average, weighted score, where the verdicts came from."""
    top = agg.get("headline") or headline(agg)
    shown_badges: list[Badge] = []
    if top["status"]:
        shown_badges.append(Badge("Fresh", "—", "none", top["status"]))
    if fresh := top["fresh"]:
        note = f"{agg.get('fresh', 0)} fresh, {agg.get('rotten', 0)} rotten"
        if fresh["band"]:
            note += f"; 90% band {fresh['band']}"
        shown_badges.append(Badge("Fresh", fresh["text"], fresh["tone"], note))
    average = agg.get("average")
    if average is not None:
        spread = agg.get("spread")
        note = f"{agg.get('scored', 0)} of {agg.get('reviews', 0)} scored"
        if spread:
            note += f"; ± {spread['stdev']:.0f}, {spread['min']:.0f}–{spread['max']:.0f}"
        shown_badges.append(Badge("Average", f"{shown(average)}/100", tone(average), note))
    if score := top["score"]:
        shown_badges.append(Badge("Score", score["text"], score["tone"], score["label"]))
    sources = agg.get("verdicts_from") or {}
    if inferred := sources.get("model", agg.get("inferred")):
        note = "verdicts read by the model from the words"
        if sources:
            note = (
                f"{sources.get('critic', 0)} verdicts stated by critics, "
                f"{sources.get('score', 0)} from printed scores, the rest read by the model"
            )
        shown_badges.append(Badge("Inferred", str(inferred), note=note))
    return shown_badges


CHART_ROWS = 15
"""Aspects and performers charted; the rest are listed under "more" (a film with hundreds
of reviews has dozens of performers, and a chart of all of them cannot be read)."""
EVIDENCE_SHOWN = 3
"""Quotes shown under each consensus clause before "and N more"."""


def voices(row: Mapping[str, Any]) -> int:
    return sum(int(row.get(k) or 0) for k in ("praised", "panned", "mixed"))


def most_discussed(aspects: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The agreement rows, those the most critics spoke about first (ties keep their order)."""
    return sorted((a for a in aspects if voices(a)), key=voices, reverse=True)


@dataclass(frozen=True, slots=True)
class Quoted:
    """A critic quoted inside another review (a round-up), with the review it came from."""

    review: int
    item: Mapping[str, Any]


def quoted_critics(reviews: Sequence[Mapping[str, Any]]) -> list[Quoted]:
    """Every round-up's quoted critics, kept apart from the reviews that quote them."""
    return [Quoted(i, q) for i, r in enumerate(reviews) for q in r.get("quoted_critics") or ()]


# Helpers every template and imported macro can call (macros do not see a page's context).
ENV.globals.update(
    safe_url=safe_url,
    source_name=source_name,
    provenance=provenance,
    review_title=review_title,
    review_heading=review_heading,
    name_href=name_href,
    linked=linked,
    byline=byline,
    aspect_label=aspect_label,
    shown=shown,
    tone=tone,
    limits=DEFAULT_LIMITS,
)


def dict_merge(base: Mapping[str, Any], change: Mapping[str, Any]) -> dict[str, Any]:
    """Query parameters with some changed (a sort link keeps the list's filters)."""
    return {**base, **change}


ENV.filters["dict_merge"] = dict_merge


def render(template: str, /, **context: Any) -> str:
    """A page from ``templates/``; ``static`` pages inline the stylesheet and link nothing."""
    static = bool(context.get("static"))
    css = stylesheet() if static else None
    extra = {"css": Markup(css), "csp": style_hash(css)} if css else {}
    return ENV.get_template(template).render(extra | context)


def film_page(
    report: Mapping[str, Any],
    *,
    static: bool = False,
    view: ReviewFilter | None = None,
    top: Sequence[bool] = (),
    **context: Any,
) -> str:
    """The film page for a ``report_json`` dict: facts, badges, charts, consensus, cards.

    ``view`` filters and sorts the review cards (served pages only); ``top`` says which
    reviews are by top critics, in the report's order."""
    reviews = report.get("reviews") or []
    view = view or ReviewFilter()
    matching = list(enumerate(reviews)) if static else view.apply(reviews, top)
    agg = report.get("aggregate") or {}
    rows = most_discussed(agg.get("aspects") or [])
    return render(
        "film.html",
        report=report,
        film=report.get("film") or {},
        reviews=reviews,
        agg=agg,
        badges=badges(agg),
        histogram=score_histogram(reviews),
        aspects=rows,
        charted=CHART_ROWS,
        evidence_shown=EVIDENCE_SHOWN,
        aspect_svg=aspect_chart(rows[:CHART_ROWS]),
        consensus=agg.get("consensus"),
        quoted=quoted_critics(reviews),
        matching=len(matching),
        shown_reviews=matching if static else view.window(matching),
        pager=[] if static else view.pages(len(matching)),
        first=(view.page - 1) * PAGE_SIZE + 1,
        filters=None if static else view.options(reviews, top),
        static=static,
        **context,
    )
