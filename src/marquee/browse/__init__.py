"""Read-only views of the store for people browsing it: film lists that sort and filter,
critic, outlet and person pages, and fuzzy search over every name.

Each module here only reads. They select from the store's tables directly (the store's
public methods serve ingest and one film at a time; a list of 2,000 films with their
figures is one grouped query, not 2,000 reports).

Modules: ``films`` (lists, their figures, CSV), ``bylines`` (critic and outlet pages),
``people`` (person pages), ``search`` (fuzzy search, the film ``marquee report`` means),
``memo`` and ``reading`` (store-wide reads kept until the store changes). They are
imported from where they live, not from here, so ``marquee films`` does not load the
search or the credits' readers.
"""
