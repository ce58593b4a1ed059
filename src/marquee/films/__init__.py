"""Film facts: what each review says about its film, reconciled across reviews.

``read_facts`` reads one review's title, aliases, year, crew credits and cast;
``merge_facts`` reconciles a film's reviews into one record; ``match_film`` decides
which known film a review is about; ``film_slug`` names a film in URLs;
``normal_facts`` puts titles and names in one Unicode spelling, lookalike letters read.
"""

from typing import TYPE_CHECKING

from marquee.lazy import lazy_names as _lazy_names

if TYPE_CHECKING:
    from marquee.films.match import match_film
    from marquee.films.merge import merge_facts
    from marquee.films.reading import read_facts
    from marquee.films.titles import film_slug
    from marquee.films.unicode import normal_facts

# imported on first use: `marquee report "Title"` folds names with marquee.films.names
# alone, and must not load the credit and cast readers (about 0.3 s) to do it
_HOMES = {
    "match_film": "marquee.films.match",
    "merge_facts": "marquee.films.merge",
    "read_facts": "marquee.films.reading",
    "film_slug": "marquee.films.titles",
    "normal_facts": "marquee.films.unicode",
}

__all__ = ["film_slug", "match_film", "merge_facts", "normal_facts", "read_facts"]

__getattr__, __dir__ = _lazy_names("marquee.films", _HOMES, globals())
