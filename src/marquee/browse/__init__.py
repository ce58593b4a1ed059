"""Read-only views of the store for people browsing it: film lists that sort and filter,
critic, outlet and person pages, and fuzzy search over every name.

Each module here only reads. They select from the store's tables directly (the store's
public methods serve ingest and one film at a time; a list of 2,000 films with their
figures is one grouped query, not 2,000 reports).
"""

from marquee.browse.bylines import Byline, WrittenReview, byline
from marquee.browse.films import FilmQuery, ListedFilm, films_csv, list_films
from marquee.browse.people import PersonPage, person_page
from marquee.browse.search import Hit, find_report_film, search

__all__ = [
    "Byline",
    "FilmQuery",
    "Hit",
    "ListedFilm",
    "PersonPage",
    "WrittenReview",
    "byline",
    "films_csv",
    "find_report_film",
    "list_films",
    "person_page",
    "search",
]
