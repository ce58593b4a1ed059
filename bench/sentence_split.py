"""Our sentence splitter against pysbd (and NLTK's Punkt, where its data is installed) on
review text: hand-split paragraphs with abbreviations, initials, ellipses, star glyphs and
scores, then agreement and speed on the seed reviews.

    python bench/sentence_split.py

Prints, per splitter, how many gold paragraphs it splits exactly right, boundary
precision and recall, sentences/s on the seeds, and the seed paragraphs where it
disagrees with ours (a sample, to read).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from marquee.opinions.sentences import clean_line
from marquee.text import split_sentences

SEEDS = Path("/work/shared/seeds")

# Each case: the sentences a reader would cut the paragraph into, joined by one space.
GOLD: list[list[str]] = [
    ["Mr. Wick returns.", "He is angrier than ever."],
    ["Dr. Strange and Mrs. Doubtfire walk into a bar.", "Nobody laughs."],
    ["Music is by Tyler Bates & Joel J. Richard.", "It thunders."],
    ["J.J. Abrams directs with flair.", "The script lets him down."],
    ["It is set in St. Louis, not the U.S. capital.", "The sets are superb."],
    ["The film runs 2 hr. 5 min. and feels every second of it."],
    ["It's... fine.", "Just fine."],
    ["...and then the lights come up.", "Nobody moves."],
    ["She waits.", "And waits.", "And waits."],
    ["★★★½ A triumph of choreography.", "Go see it."],
    ["Rating: ★★★★☆", "A thrilling ride."],
    ["I give it 3.5/5.", "Not bad at all."],
    ["Grade: B+.", "Ana de Armas is terrific."],
    ['"This is the best action film of the year."', "That is what the poster says."],
    ['He says, "I am done."', "Then he is not."],
    ["But no.", "The film jumps back into the John Wick world."],
    ["Is it good?", "Yes!", "Very."],
    ["The plot (such as it is) holds together.", "Barely."],
    ["Keanu Reeves vs. an army of assassins is the pitch.", "It works."],
    ["The No. 1 film at the box office is a mess.", "Avoid it."],
    ["It opens Friday, June 6.", "Tickets are on sale."],
    ["A 10/10 from me.", "Go."],
    ["Wiseman (Underworld, Total Recall) directs.", "Stahelski produces."],
    ["The cast includes Gabriel Byrne, Lance Reddick, etc. and all are good."],
    ["It clocks in at 125 min.", "Too long."],
    ["Eve Macarro (Ana de Armas) trains at the Ruska Roma.", "Then she hunts."],
    ["What a ride… I loved it.", "Truly."],
    ["Two stars out of five.", "Skip it."],
    ["The final act is, e.g. the snow fight, a marvel.", "Really."],
    ["Vol. 2 is better.", "This one is fine."],
    ["From the World of John Wick: Ballerina opens today.", "See it."],
]


def ours(text: str) -> list[str]:
    return split_sentences(clean_line(text))


def splitters() -> dict[str, Callable[[str], list[str]]]:
    found: dict[str, Callable[[str], list[str]]] = {"marquee": ours}
    try:
        import pysbd  # pip install pysbd: only this bench needs it

        seg = pysbd.Segmenter(language="en", clean=False)
        found["pysbd"] = lambda t: [s.strip() for s in seg.segment(t) if s.strip()]
    except ImportError:
        print("pysbd not installed: pip install pysbd to compare with it")
    try:
        import nltk

        nltk.data.find("tokenizers/punkt_tab")
        found["nltk punkt"] = nltk.sent_tokenize
    except (ImportError, LookupError):
        pass
    return found


def boundaries(sentences: list[str]) -> set[int]:
    """Cut positions as counts of non-space characters before each cut."""
    cuts, seen = set(), 0
    for s in sentences[:-1]:
        seen += len("".join(s.split()))
        cuts.add(seen)
    return cuts


def main() -> None:
    paragraphs = [
        clean_line(line)
        for path in sorted(SEEDS.iterdir())
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    reference: dict[str, list[str]] = {p: ours(p) for p in paragraphs}
    for name, split in splitters().items():
        exact = tp = fp = fn = 0
        for gold in GOLD:
            got = split(" ".join(gold))
            exact += got == gold
            g, o = boundaries(gold), boundaries(got)
            tp, fp, fn = tp + len(g & o), fp + len(o - g), fn + len(g - o)
        start = time.perf_counter()
        seeded = {p: split(p) for p in paragraphs}
        seconds = time.perf_counter() - start
        count = sum(map(len, seeded.values()))
        differ = [p for p in paragraphs if seeded[p] != reference[p]]
        print(
            f"{name:11} gold exact {exact}/{len(GOLD)}  boundary P {tp / max(tp + fp, 1):.3f} "
            f"R {tp / max(tp + fn, 1):.3f}  seeds: {count} sentences, "
            f"{count / seconds:,.0f}/s, {len(differ)}/{len(paragraphs)} paragraphs split "
            "otherwise than marquee"
        )
        for gold in GOLD:
            got = split(" ".join(gold))
            if got != gold:
                print(f"    gold miss: {got}")
        for p in differ[:3]:
            print(f"    seed: {seeded[p]}\n     ours: {reference[p]}")


if __name__ == "__main__":
    main()
