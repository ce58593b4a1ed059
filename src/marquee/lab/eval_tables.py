"""``marquee eval`` in the terminal: the published figures as tables (the JSON is the
same dict, printed whole)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

SYSTEMS = ("marquee", "vader", "textblob")
TEXT_TASKS = {
    "polarity_v2": "full reviews, fresh or rotten (Pang & Lee polarity)",
    "rt_snippets": "RT snippets, fresh or rotten",
    "rt_quotes": "RT pull-quotes, fresh or rotten (whole films held out)",
    "scale_v1": "four critics' reviews, fresh at a rating of .6",
}
FILM_TASKS = {
    "film_fresh_text": "from the words alone",
    "film_fresh_half_stated": "with half the critics' own verdicts",
}


def _pct(value: Any) -> str:
    return "—" if value is None else f"{100 * float(value):.1f}%"


def _num(value: Any, signed: bool = False) -> str:
    return "—" if value is None else (f"{float(value):+.1f}" if signed else f"{float(value):.1f}")


def render_figures(figures: dict[str, Any], console: Console) -> None:
    """Every table of a :func:`marquee.lab.evaluate.run` answer."""
    split = figures["split"]
    tasks = figures["tasks"]
    console.print(
        f"[bold]Test split[/]: {split['percent']}% of films and review ids (salt "
        f"{split['salt']}), never trained or tuned on; artifact {split['artifact']}"
    )
    table = Table(title="Per review", title_justify="left")
    for name in ("task", *SYSTEMS, "marquee ECE", "n"):
        table.add_column(name, justify="left" if name == "task" else "right")
    for key, label in TEXT_TASKS.items():
        row = tasks[key]
        table.add_row(
            label,
            *(_pct(row.get(s, {}).get("accuracy")) for s in SYSTEMS),
            _num(row["marquee"]["ece"] * 100 if row["marquee"]["ece"] is not None else None),
            str(row["marquee"]["n"]),
        )
    scale = tasks["scale_v1"]
    table.add_row(
        "the same, rating on 0–100, mean error (points)",
        *(_num(scale.get(s, {}).get("mae")) for s in SYSTEMS),
        "",
        str(scale["marquee"]["n"]),
    )
    table.add_row(
        "the same, 3 classes read off the score",
        *(_pct(scale.get(s, {}).get("three_class")) for s in SYSTEMS),
        "",
        str(scale["marquee"]["n"]),
    )
    console.print(table)

    films = Table(title="A film's fresh % (films with ≥ 10 quotes)", title_justify="left")
    for name in ("how", "system", "mean error", "films ≥ 80%", "films < 40%", "films"):
        films.add_column(name, justify="left" if name in ("how", "system") else "right")
    for key, label in FILM_TASKS.items():
        for system, row in tasks[key].items():
            films.add_row(
                label,
                system,
                _num(row["mae"]),
                _num(row["signed_80_up"], signed=True),
                _num(row["signed_under_40"], signed=True),
                str(row["n"]),
            )
    console.print(films)

    cover = Table(
        title="90% band: share of films whose true fresh % it holds", title_justify="left"
    )
    for name in ("reviews", "coverage", "median width", "mean-P band (before)", "films"):
        cover.add_column(name, justify="right")
    for name, row in figures["coverage"].items():
        cover.add_row(
            name,
            _pct(row["coverage"]),
            _num(row["median_width"]),
            _pct(row.get("mean_p_band_coverage")),
            str(row["n"]),
        )
    console.print(cover)

    rel = Table(title="Reliability of P(fresh), RT quotes", title_justify="left")
    for name in ("P(fresh)", "quotes", "mean P", "truly fresh"):
        rel.add_column(name, justify="right")
    for row in figures["reliability"]:
        rel.add_row(row["bin"], str(row["n"]), _num_or(row["mean_p"]), _num_or(row["fresh_rate"]))
    console.print(rel)

    if consensus := figures.get("consensus"):
        con = Table(
            title=f"Consensus vs RT's Critics Consensus, {consensus['n']} test films (ROUGE F1)",
            title_justify="left",
        )
        for name in ("writer", "R-1", "R-2", "R-L"):
            con.add_column(name, justify="left" if name == "writer" else "right")
        rows = [("marquee", consensus)] + [
            (k.replace("_", " "), consensus[k])
            for k in ("first_quote", "centroid_quote", "oracle_quote")
        ]
        for name, row in rows:
            con.add_row(name, *(f"{row[m]:.3f}" for m in ("rouge1", "rouge2", "rougeL")))
        console.print(con)
        console.print(
            f"consensus empty for {consensus['empty']} films; a claim no quote behind it says "
            f"(provenance check) in {consensus['unsupported']}; leaning against the critics on "
            f"{consensus['contradicts_critics']} of {consensus['clear_cut_films']} clear-cut "
            f'films; {consensus["possessives"]} credit a maker ("X\'s Title"), '
            f"{consensus['possessive_errors']} not the film's director; median "
            f"{consensus['median_words']} words (RT's: {consensus['reference_median_words']})"
        )


def _num_or(value: Any) -> str:
    return "—" if value is None else f"{float(value):.3f}"
