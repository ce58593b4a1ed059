"""A film's report: one value built from the store, shown as a terminal page or as JSON.

:func:`build_report` is pure; :func:`report_json` is the documented JSON shape (the web
page and ``--json`` use it); :func:`render` draws the terminal page with Rich.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from marquee.aggregate import Aggregate, aggregate
from marquee.records import CREDIT_ROLES, FilmFacts, Review


@dataclass(frozen=True, slots=True)
class FilmReport:
    slug: str
    film: FilmFacts
    reviews: tuple[Review, ...]
    aggregate: Aggregate


def build_report(slug: str, film: FilmFacts, reviews: Sequence[Review]) -> FilmReport:
    return FilmReport(slug, film, tuple(reviews), aggregate(reviews))


def film_json(slug: str, film: FilmFacts) -> dict[str, Any]:
    return {
        "slug": slug,
        "title": film.title,
        "aliases": list(film.aliases),
        "year": film.year,
        "credits": {role: list(film.credits.get(role, ())) for role in CREDIT_ROLES},
        "cast": [{"actor": c.actor, "role": c.role} for c in film.cast],
    }


def review_json(review: Review) -> dict[str, Any]:
    score = review.score
    return {
        "source": review.document.source,
        "shape": review.document.shape,
        "critic": review.meta.critic,
        "outlet": review.meta.outlet,
        "published": review.meta.published,
        "title": review.meta.title,
        "url": review.meta.url,
        "spoilers": review.meta.spoilers,
        "body": review.document.body,
        "score": (
            {
                "raw": score.raw,
                "value": score.value,
                "explicit": score.explicit,
                "p_fresh": score.p_fresh,
            }
            if score
            else None
        ),
        "subscores": [asdict(s) for s in score.subscores] if score else [],
        "subscores_sum_ok": score.subscores_sum_ok if score else None,
        "verdict": review.verdict,
        "warnings": list(review.document.warnings),
    }


def report_json(report: FilmReport) -> dict[str, Any]:
    return {
        "film": film_json(report.slug, report.film),
        "reviews": [review_json(r) for r in report.reviews],
        "aggregate": asdict(report.aggregate),
    }


# ── terminal ────────────────────────────────────────────────────────────────────────────

_VERDICT_STYLE = {"fresh": "bold green", "rotten": "bold red"}


def render(report: FilmReport, console: Console) -> None:
    """The terminal page: facts, credits and cast, verdict, score chart, reviews."""
    film = report.film
    heading = Text(film.title or report.slug, style="bold")
    if film.year:
        heading.append(f" ({film.year})", style="bold dim")
    parts: list[Any] = [heading]
    if film.aliases:
        parts.append(Text("also known as: " + "; ".join(film.aliases), style="italic"))
    parts.append(_verdict_line(report.aggregate))
    console.print(Panel(Group(*parts), border_style="magenta"))
    console.print(_credits_table(film))
    if chart := _score_chart(report.reviews):
        console.print(chart)
    console.print(_reviews_table(report.reviews))


def _verdict_line(agg: Aggregate) -> Text:
    line = Text()
    if agg.fresh_percent is None:
        return line.append(f"{agg.reviews} review(s), none scored yet", style="dim")
    style = _VERDICT_STYLE["fresh" if agg.fresh_percent >= 60 else "rotten"]
    line.append(f"{agg.fresh_percent:.0f}% fresh", style=style)
    if agg.fresh_percent_band:
        low, high = agg.fresh_percent_band
        line.append(f" (95% band {low:.0f}–{high:.0f})", style="dim")
    line.append(f"  ·  {agg.fresh} fresh, {agg.rotten} rotten")
    if agg.average is not None:
        line.append(f"  ·  average {agg.average:.0f}/100")
    if agg.weighted_score is not None:
        line.append(f"  ·  score {agg.weighted_score:.0f}: {agg.score_label}", style="bold")
    if agg.inferred:
        line.append(f"\n{agg.inferred} of {agg.reviews} scores inferred from the text", style="dim")
    return line


def _credits_table(film: FilmFacts) -> Table:
    table = Table(title="Credits and cast", show_header=False, title_justify="left", box=None)
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    for role in CREDIT_ROLES:
        names = film.credits.get(role, ())
        if names:
            table.add_row(role + ("s" if len(names) > 1 else ""), ", ".join(names))
    for member in film.cast:
        table.add_row("cast", f"{member.actor}" + (f" as {member.role}" if member.role else ""))
    return table


def _score_chart(reviews: Sequence[Review]) -> Group | None:
    """Scores in five bands as horizontal bars: the spread at a glance."""
    scores = [r.score.value for r in reviews if r.score]
    if not scores:
        return None
    bands = [(0, 20), (20, 40), (40, 60), (60, 80), (80, 101)]
    table = Table(show_header=False, box=None)
    table.add_column(justify="right", style="dim")
    table.add_column()
    for low, high in bands:
        n = sum(low <= s < high for s in scores)
        colour = "green" if low >= 60 else "red"
        table.add_row(f"{low}–{min(high, 100)}", Text("█" * (4 * n), style=colour) + Text(f" {n}"))
    return Group(Text("Score distribution", style="italic"), table)


def _reviews_table(reviews: Sequence[Review]) -> Table:
    table = Table(title="Reviews", title_justify="left", expand=False)
    for name in ("critic", "outlet", "date", "score", "verdict", "review"):
        table.add_column(name, overflow="fold")
    for r in reviews:
        score = r.score
        shown = "—" if score is None else f"{score.raw} → {score.value:.0f}"
        if score is not None and not score.explicit:
            shown += " (inferred)"
        verdict = Text(r.verdict or "—", style=_VERDICT_STYLE.get(r.verdict or "", "dim"))
        label = Text(r.meta.title or Path(r.document.source).name)
        if r.meta.spoilers:
            label.append("  spoilers", style="bold yellow")
        table.add_row(
            r.meta.critic or "—",
            r.meta.outlet or "—",
            r.meta.published or "—",
            shown,
            verdict,
            label,
        )
    return table
