"""Film facts: what each review says about its film, reconciled across reviews.

``read_facts`` reads one review's title, aliases, year, crew credits and cast;
``merge_facts`` reconciles a film's reviews into one record; ``match_film`` decides
which known film a review is about; ``film_slug`` names a film in URLs;
``normal_facts`` puts titles and names in one Unicode spelling, lookalike letters read.
"""

from marquee.films.match import match_film
from marquee.films.merge import merge_facts
from marquee.films.reading import read_facts
from marquee.films.titles import film_slug
from marquee.films.unicode import normal_facts

__all__ = ["film_slug", "match_film", "merge_facts", "normal_facts", "read_facts"]
