"""A film's report: one value built from its reviews, shown as JSON, a terminal page or a
web page.

:func:`build_report` is pure and runs every film-level stage (aggregate, opinions,
agreement, consensus); :func:`report_json` is the documented JSON shape. Every view —
``--json``, :func:`render` in the terminal, the web page and its ``.json`` twin — is
drawn from that one dict, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields, is_dataclass
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from marquee.aggregate import Aggregate, aggregate, headline, shown
from marquee.consensus import agreement, write_consensus
from marquee.opinions import (
    AspectAgreement,
    Consensus,
    Evidence,
    ReviewOpinions,
    ReviewText,
    SentencePolarity,
    opinions_of_films,
)
from marquee.readable import review_heading
from marquee.records import CREDIT_ROLES, FilmFacts, Review
from marquee.sanitize import strip_controls


@dataclass(frozen=True, slots=True)
class FilmReport:
    slug: str
    film: FilmFacts
    reviews: tuple[Review, ...]
    aggregate: Aggregate
    opinions: tuple[ReviewOpinions, ...]
    agreement: tuple[AspectAgreement, ...]
    consensus: Consensus | None


def build_report(
    slug: str,
    film: FilmFacts,
    reviews: Sequence[Review],
    *,
    polarity: SentencePolarity | None = None,
) -> FilmReport:
    """Every film-level figure and opinion from the film's reviews (pure; ``polarity``
    defaults to the trained model)."""
    return build_report_set([(slug, film, reviews)], polarity=polarity)[0]


def build_report_set(
    films: Sequence[tuple[str, FilmFacts, Sequence[Review]]],
    *,
    polarity: SentencePolarity | None = None,
) -> list[FilmReport]:
    """:func:`build_report` of many films, their opinions read in one pass (see
    :func:`~marquee.opinions.opinions_of_films`): each film's report is the same as built
    alone."""
    texts = [
        [ReviewText(r.document.body, r.meta.spoilers) for r in reviews] for *_, reviews in films
    ]
    read = [(t, film) for t, (_, film, _) in zip(texts, films, strict=True) if t]
    found = iter(opinions_of_films(read, polarity=polarity) if read else [])
    return [
        _report(slug, film, reviews, next(found) if reviews else ())
        for slug, film, reviews in films
    ]


def _report(
    slug: str, film: FilmFacts, reviews: Sequence[Review], opinions: tuple[ReviewOpinions, ...]
) -> FilmReport:
    table = agreement(opinions)
    figures = aggregate(reviews)
    consensus = (
        write_consensus(
            film.title or slug, film, table, opinions, fresh_percent=figures.fresh_percent
        )
        if reviews
        else None
    )
    return FilmReport(slug, film, tuple(reviews), figures, opinions, table, consensus)


# ── JSON ────────────────────────────────────────────────────────────────────────────────


def film_json(slug: str, film: FilmFacts) -> dict[str, Any]:
    return {
        "slug": slug,
        "title": film.title,
        "aliases": list(film.aliases),
        "year": film.year,
        "credits": {role: list(film.credits.get(role, ())) for role in CREDIT_ROLES},
        "cast": [{"actor": c.actor, "role": c.role} for c in film.cast],
    }


def _evidence(e: Evidence | None) -> dict[str, Any] | None:
    return None if e is None else {"review": e.review, "sentence": e.sentence, "text": e.text}


def is_top_critic(flag: str) -> bool:
    """An export's top-critic column (RT's ``top_critic``/``isTopCritic``) says yes."""
    return flag.strip().lower() in ("true", "1", "yes", "t")


def review_json(review: Review, opinions: ReviewOpinions | None = None) -> dict[str, Any]:
    score = review.score
    data: dict[str, Any] = {
        "source": review.document.source,
        "shape": review.document.shape,
        "critic": review.meta.critic,
        "top_critic": is_top_critic(review.document.meta.get("top_critic", "")),
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
        "pull_quote": None,
        "aspects": [],
        "quoted_critics": [],
    }
    if opinions is not None:
        data["pull_quote"] = _evidence(opinions.pull_quote)
        data["aspects"] = [
            {
                "aspect": a.aspect,
                "target": a.target,
                "polarity": a.polarity,
                "evidence": _evidence(a.evidence),
            }
            for a in opinions.aspects
        ]
        data["quoted_critics"] = [
            {
                "outlet": q.outlet,
                "critic": q.critic,
                "quote": q.quote,
                "polarity": q.polarity,
                "evidence": _evidence(q.evidence),
            }
            for q in opinions.quoted_critics
        ]
    return data


def report_json(report: FilmReport) -> dict[str, Any]:
    opinions: Sequence[ReviewOpinions | None] = report.opinions or [None] * len(report.reviews)
    consensus = report.consensus
    figures = _fields(report.aggregate)
    return {
        "film": film_json(report.slug, report.film),
        "reviews": [review_json(r, o) for r, o in zip(report.reviews, opinions, strict=True)],
        "aggregate": {
            **figures,
            "headline": headline(figures),
            "aspects": [
                {
                    "aspect": row.aspect,
                    "target": row.target,
                    "praised": row.praised,
                    "panned": row.panned,
                    "mixed": row.mixed,
                    "label": row.label,
                    "praise_quote": _evidence(row.praise_quote),
                    "pan_quote": _evidence(row.pan_quote),
                }
                for row in report.agreement
            ],
            "consensus": None
            if consensus is None
            else {
                "text": consensus.text,
                "clauses": [
                    {"text": text, "evidence": [_evidence(e) for e in evidence]}
                    for text, evidence in consensus.clauses
                ],
            },
        },
    }


def _fields(record: Any) -> dict[str, Any]:
    """``dataclasses.asdict`` of a record of plain values and records, without its deep
    copy of every value (2% of building the film pages of 2,000 quotes)."""
    return {
        f.name: _fields(value) if is_dataclass(value := getattr(record, f.name)) else value
        for f in fields(record)
    }


# ── terminal ────────────────────────────────────────────────────────────────────────────

_VERDICT_STYLE = {"fresh": "bold green", "rotten": "bold red"}
_POLARITY_STYLE = {"positive": "green", "negative": "red", "mixed": "yellow"}


def render(data: dict[str, Any], console: Console) -> None:
    """The terminal page for a :func:`report_json` dict: facts, verdict and consensus,
    credits and cast, score chart, what critics praised and panned, reviews, quoted critics.

    Every text from the reviews goes in as :func:`plain` text, never as Rich markup, so a
    title holding ``[/]`` or ``[link=…]`` shows as written."""
    film, agg = data["film"], data["aggregate"]
    heading = plain(film["title"] or film["slug"], style="bold")
    if film["year"]:
        heading.append(f" ({film['year']})", style="bold dim")
    parts: list[Any] = [heading]
    if film["aliases"]:
        parts.append(plain("also known as: " + "; ".join(film["aliases"]), style="italic"))
    parts.append(_verdict_line(agg))
    if agg.get("consensus"):
        parts.append(plain("\n" + agg["consensus"]["text"], style="italic"))
    console.print(Panel(Group(*parts), border_style="magenta"))
    console.print(_credits_table(film))
    if chart := _score_chart(data["reviews"]):
        console.print(chart)
    if agg.get("aspects"):
        console.print(_aspects_table(agg["aspects"]))
    console.print(_reviews_table(data["reviews"]))
    quoted = [
        (n, q) for n, r in enumerate(data["reviews"], start=1) for q in r.get("quoted_critics", [])
    ]
    if quoted:
        console.print(_quoted_table(quoted))


def plain(text: str | None, style: str = "") -> Text:
    """Text from the data for the terminal: never read as markup, control characters
    stripped (a store written before they were stripped on reading may still hold them)."""
    return Text(strip_controls(text or "—"), style=style)


def _verdict_line(agg: dict[str, Any]) -> Text:
    """Fresh % and score as :func:`marquee.aggregate.headline` words them, then where the
    verdicts came from."""
    line = Text()
    top = agg.get("headline") or headline(agg)
    if top["status"]:
        line.append(top["status"], style="bold yellow")
    if fresh := top["fresh"]:
        line.append(f"{fresh['text']} fresh", style=_VERDICT_STYLE[fresh["tone"]])
        if fresh["band"]:
            line.append(f" (90% band {fresh['band']})", style="dim")
    line.append(f"  ·  {agg['fresh']} fresh, {agg['rotten']} rotten")
    if agg["average"] is not None:
        line.append(f"  ·  average {shown(agg['average'])}/100")
    if score := top["score"]:
        line.append(f"  ·  score {score['text']}: {score['label']}", style="bold")
    if sources := _sources(agg):
        line.append("\n" + sources, style="dim")
    return line


def _sources(agg: dict[str, Any]) -> str:
    """ "3 verdicts stated by the critics, 2 from printed scores, 4 inferred from the words"."""
    counts = agg.get("verdicts_from") or {}
    words = (
        ("critic", "stated by the critics"),
        ("score", "from printed scores"),
        ("model", "inferred from the words"),
    )
    parts = [f"{counts[k]} {text}" for k, text in words if counts.get(k)]
    return ("verdicts: " + ", ".join(parts)) if parts else ""


def _credits_table(film: dict[str, Any]) -> Table:
    table = Table(title="Credits and cast", show_header=False, title_justify="left", box=None)
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    for role in CREDIT_ROLES:
        names = film["credits"].get(role, [])
        if names:
            table.add_row(role + ("s" if len(names) > 1 else ""), plain(", ".join(names)))
    for member in film["cast"]:
        role = f" as {member['role']}" if member["role"] else ""
        table.add_row("cast", plain(member["actor"] + role))
    return table


def _score_chart(reviews: Sequence[dict[str, Any]]) -> Group | None:
    """Scores in five bands as horizontal bars: the spread at a glance."""
    scores = [r["score"]["value"] for r in reviews if r["score"]]
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


def _aspects_table(rows: Sequence[dict[str, Any]]) -> Table:
    """Praised to the right, panned to the left: a diverging bar per aspect or performer."""
    table = Table(title="What the critics said", title_justify="left", box=None)
    table.add_column("panned", justify="right")
    table.add_column("aspect", justify="center", style="bold")
    table.add_column("praised")
    table.add_column("verdict")
    for row in rows:
        name = row["aspect"] + (f": {row['target']}" if row["target"] else "")
        label_style = {"praised": "green", "panned": "red"}.get(row["label"], "yellow")
        table.add_row(
            Text("█" * (2 * row["panned"]), style="red"),
            plain(name),
            Text("█" * (2 * row["praised"]), style="green"),
            Text(row["label"], style=label_style),
        )
    return table


def _reviews_table(reviews: Sequence[dict[str, Any]]) -> Group:
    """One numbered row per review (critic, outlet, date, score, verdict), leaving out a
    column no review fills; then each review's own title and pull-quote at full width,
    which a table cell squeezed beside five columns cannot give them."""
    rows = []
    for r in reviews:
        score = r["score"]
        cell = "—" if score is None else f"{score['raw']} → {shown(score['value'])}"
        if score is not None and not score["explicit"]:
            cell = f"{shown(score['value'])} (inferred)"
        verdict = Text(r["verdict"] or "—", style=_VERDICT_STYLE.get(r["verdict"] or "", "dim"))
        critic = f"{r['critic'] or '—'} (top critic)" if r.get("top_critic") else r["critic"]
        rows.append((critic, r["outlet"], r["published"], plain(cell), verdict))
    names = ("critic", "outlet", "date", "score", "verdict")
    kept = [i for i, name in enumerate(names) if i >= 3 or any(row[i] for row in rows)]
    table = Table(title=f"Reviews ({len(reviews)})", title_justify="left")
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    for i in kept:
        table.add_column(names[i], overflow="fold", no_wrap=names[i] in ("date", "verdict"))
    for number, row in enumerate(rows, start=1):
        table.add_row(
            str(number),
            *(plain(c) if not isinstance(c, Text) else c for c in (row[i] for i in kept)),
        )
    said = Table(show_header=False, box=None, padding=(0, 1, 0, 0))
    said.add_column(justify="right", style="dim", no_wrap=True)
    said.add_column()
    for number, r in enumerate(reviews, start=1):
        lines = plain(review_heading(r, number - 1, quote=False), style="bold")
        if r["spoilers"]:
            lines.append("  spoilers", style="bold yellow")
        if r.get("pull_quote"):
            tone = _VERDICT_STYLE.get(r["verdict"] or "", "")
            quote = strip_controls(r["pull_quote"]["text"])
            lines.append(f"\n“{quote}”", style=f"italic {tone}".strip())
        said.add_row(f"{number}.", lines)
    return Group(table, Text("What each review says", style="italic"), said)


def _quoted_table(quoted: Sequence[tuple[int, dict[str, Any]]]) -> Table:
    """Outlets a round-up quotes, each with what it said, its tone and the review (by its
    number in the reviews table) that quotes it."""
    table = Table(
        title="Critics quoted in round-ups (not counted in fresh %)", title_justify="left"
    )
    for name in ("outlet", "said", "tone", "in"):
        table.add_column(name, overflow="fold", no_wrap=name in ("tone", "in"))
    for number, q in quoted:
        style = _POLARITY_STYLE.get(q["polarity"], "")
        table.add_row(
            plain(q["outlet"] or q["critic"]),
            plain(q["quote"], style=style),
            Text(q["polarity"] or "—", style=style),
            f"review {number}",
        )
    return table
