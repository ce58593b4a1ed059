"""Round-ups: a page that reviews several films becomes one review per film.

Read in this order:

* :mod:`~marquee.roundups.split` — the entry point, :func:`split_films`: is this page a
  round-up, and where does each film's part start and end;
* :mod:`~marquee.roundups.segment` — the general cut at a series of title lines laid out
  alike, whatever the site;
* :mod:`~marquee.roundups.layouts` — the layouts with no heading per film (a box of the
  week's films over prose, runs of prose each closed by a rating line);
* :mod:`~marquee.roundups.capsule_pages` — a page that is nothing but capsules, a
  paragraph each ("The Reventant: I am a bad, bad Leo fan…"), a round-up by its layout;
* :mod:`~marquee.roundups.prose_titles` — a column with no heading per film, each
  paragraph turning to a film set apart ("… “Silver Linings Playbook” is finally out…");
* :mod:`~marquee.roundups.verdicts` — lists of one-line verdicts ("Title – Still
  enjoyable. ★★★★", "McCanick B+"), counted together where the list is the page;
* :mod:`~marquee.roundups.pairs` — two films under one heading, a double bill reviewed in
  one capsule, filed under each;
* :mod:`~marquee.roundups.headings`, :mod:`~marquee.roundups.titles`,
  :mod:`~marquee.roundups.leads` — how a line reads as a film's title, its decorations off;
* :mod:`~marquee.roundups.lines` — the lines the others share: facts, verdicts, prose;
* :mod:`~marquee.roundups.credits` — who wrote each film's part: its own credit, else
  the column's critic (:mod:`~marquee.roundups.column_credits`), names read as
  :mod:`~marquee.roundups.critic_names` says a critic's name looks.
"""
