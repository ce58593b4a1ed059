"""Server-rendered SVG charts for the film page: the score distribution and aspect agreement.

Built with :mod:`xml.etree.ElementTree`, so every label and quote (review text is hostile
input) is escaped by the serializer, never by hand. Colours come from CSS classes, not
inline styles, so the page works under ``style-src 'self'`` and the static export can
inline the same stylesheet. Hover text is SVG ``<title>``: no script needed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from marquee.records import FRESH_AT

SVG_NS = "http://www.w3.org/2000/svg"
CHART_WIDTH = 360
"""Both charts are drawn 360 units wide and scale with their box (CSS), so at a phone's
390 px they are shown near full size and their 12–13 px text stays legible."""
BINS = 10
"""Score bins of width 10 on 0–100; 100 falls in the top bin."""


@dataclass(frozen=True, slots=True)
class Bin:
    """One bar of the histogram: scores in [low, low + 10), split by how they were read."""

    low: int
    explicit: int
    inferred: int

    @property
    def total(self) -> int:
        return self.explicit + self.inferred


def score_bins(reviews: Sequence[Mapping[str, Any]]) -> list[Bin]:
    """Count scored reviews per bin, printed scores apart from inferred ones."""
    explicit, inferred = [0] * BINS, [0] * BINS
    for review in reviews:
        score = review.get("score")
        if not score or score.get("value") is None:
            continue
        index = min(int(score["value"] // (100 // BINS)), BINS - 1)
        (explicit if score.get("explicit", True) else inferred)[index] += 1
    return [Bin(i * 100 // BINS, explicit[i], inferred[i]) for i in range(BINS)]


def _svg(width: int, height: int, label: str) -> ET.Element:
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "aria-label": label,
        },
    )
    ET.SubElement(svg, "title").text = label
    return svg


def _text(
    parent: ET.Element, x: float, y: float, text: str, cls: str, anchor: str = "middle"
) -> None:
    ET.SubElement(
        parent, "text", {"x": f"{x:g}", "y": f"{y:g}", "class": cls, "text-anchor": anchor}
    ).text = text


def _rect(parent: ET.Element, x: float, y: float, w: float, h: float, cls: str) -> ET.Element:
    return ET.SubElement(
        parent,
        "rect",
        {"x": f"{x:.1f}", "y": f"{y:.1f}", "width": f"{w:.1f}", "height": f"{h:.1f}", "class": cls},
    )


def _markup(svg: ET.Element) -> Markup:
    """Serialised SVG, safe to place in an autoescaped template (ElementTree escaped it)."""
    return Markup(ET.tostring(svg, encoding="unicode", short_empty_elements=True))


def score_histogram(reviews: Sequence[Mapping[str, Any]]) -> Markup | None:
    """Bars of how many reviews scored in each tenth of the scale, fresh bins in the fresh
    colour; inferred scores stacked in a lighter shade so printed and guessed are told
    apart. None when no review has a score."""
    bins = score_bins(reviews)
    scored = sum(b.total for b in bins)
    if not scored:
        return None
    width, height, left, bottom, top = CHART_WIDTH, 180, 26, 26, 16
    plot_h = height - bottom - top
    bar_w = (width - left - 16) / BINS
    peak = max(b.total for b in bins)
    svg = _svg(width, height, f"Score distribution of {scored} scored review(s)")
    svg.set("class", "chart histogram")
    base = height - bottom
    for i, b in enumerate(bins):
        x = left + i * bar_w
        tone = "fresh" if b.low >= FRESH_AT else "rotten"
        group = ET.SubElement(svg, "g", {"class": f"bin {tone}", "data-count": str(b.total)})
        hover = f"{b.low}–{b.low + 9 if b.low < 90 else 100}: {b.total} review(s)"
        ET.SubElement(group, "title").text = hover + (
            f", {b.inferred} inferred" if b.inferred else ""
        )
        y: float = base
        for count, cls in ((b.explicit, "bar"), (b.inferred, "bar inferred")):
            if count:
                h = plot_h * count / peak
                y -= h
                _rect(group, x + 2, y, bar_w - 4, h, f"{cls} {tone}")
        if b.total:
            _text(group, x + bar_w / 2, y - 3, str(b.total), "count")
        if b.inferred:
            group.set("data-inferred", str(b.inferred))
    ET.SubElement(
        svg,
        "line",
        {"x1": str(left), "x2": str(width - 16), "y1": str(base), "y2": str(base), "class": "axis"},
    )
    for tick in range(0, 101, 20):
        _text(svg, left + tick / 100 * BINS * bar_w, base + 16, str(tick), "tick")
    fresh_x = left + FRESH_AT / 100 * BINS * bar_w
    ET.SubElement(
        svg,
        "line",
        {
            "x1": f"{fresh_x:g}",
            "x2": f"{fresh_x:g}",
            "y1": str(top),
            "y2": str(base),
            "class": "threshold",
        },
    )
    return _markup(svg)


def aspect_label(row: Mapping[str, Any]) -> str:
    """What a row of the agreement table is about: the performer, else the aspect."""
    aspect = str(row.get("aspect") or "")
    target = row.get("target")
    return f"{target} ({aspect})" if target else aspect


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _quote_hover(side: str, count: int, quote: Mapping[str, Any] | None) -> str:
    text = f"{side} by {count} critic(s)"
    return f"{text}: “{quote['text']}”" if quote and quote.get("text") else text


def aspect_chart(aspects: Sequence[Mapping[str, Any]]) -> Markup | None:
    """A diverging bar per aspect and per performer: panned to the left of the centre line,
    praised to the right, mixed straddling it (the Likert convention). Each row's name is
    written above its bar, across the chart's width, so the chart reads at a phone's width;
    every count is written at its bar, so the figures are on the page, not only in the
    hover text (which carries the quotes). None when there is no agreement table."""
    rows = [a for a in aspects if sum(int(a.get(k) or 0) for k in ("praised", "panned", "mixed"))]
    if not rows:
        return None
    row_h, top, pad = 44, 24, 6
    centre = CHART_WIDTH / 2
    half = centre - pad

    def reach(row: Mapping[str, Any], side: str) -> float:
        return (row.get(side) or 0) + (row.get("mixed") or 0) / 2

    unit = (half - 22) / max(max(reach(r, "praised"), reach(r, "panned")) for r in rows)
    height = top + row_h * len(rows) + 4
    svg = _svg(
        CHART_WIDTH,
        height,
        f"Where critics agree: {len(rows)} aspect(s), praised right, panned left",
    )
    svg.set("class", "chart aspects")
    _text(svg, centre - 6, 14, "◀ panned", "legend", "end")
    _text(svg, centre + 6, 14, "praised ▶", "legend", "start")
    for i, row in enumerate(rows):
        praised, panned, mixed = (int(row.get(k) or 0) for k in ("praised", "panned", "mixed"))
        y = top + i * row_h
        group = ET.SubElement(svg, "g", {"class": f"aspect {row.get('label') or ''}".strip()})
        label = aspect_label(row)
        name = ET.SubElement(group, "text", {"x": str(pad), "y": f"{y + 13}", "class": "label"})
        name.text = shorten(label, 44)
        ET.SubElement(name, "title").text = f"{label}: {row.get('label') or 'no verdict'}"
        bar_y = y + 18
        ET.SubElement(
            group,
            "line",
            {"x1": f"{centre:g}", "x2": f"{centre:g}", "y1": f"{bar_y - 2}", "y2": f"{bar_y + 20}",
             "class": "axis"},
        )  # fmt: skip
        bars = (
            (
                panned,
                centre - (panned + mixed / 2) * unit,
                "panned",
                _quote_hover("Panned", panned, row.get("pan_quote")),
            ),
            (mixed, centre - mixed / 2 * unit, "mixed", f"Mixed for {mixed} critic(s)"),
            (
                praised,
                centre + mixed / 2 * unit,
                "praised",
                _quote_hover("Praised", praised, row.get("praise_quote")),
            ),
        )
        for count, x, cls, hover in bars:
            if count:
                bar = _rect(group, x, bar_y, count * unit, 18, f"bar {cls}")
                ET.SubElement(bar, "title").text = hover
        # every figure written beside (mixed: inside) its bar, readable without hovering
        if panned:
            left = centre - (panned + mixed / 2) * unit - 4
            _text(group, left, bar_y + 14, str(panned), "count", "end")
        if mixed:
            _text(group, centre, bar_y + 14, str(mixed), "count inside")
        if praised:
            right = centre + (praised + mixed / 2) * unit + 4
            _text(group, right, bar_y + 14, str(praised), "count", "start")
    return _markup(svg)
