"""Compiled programs kept between runs (marquee.patterns): the same patterns, built sooner."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from marquee import patterns


@pytest.fixture
def next_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A fresh cache file; calling the fixture's value saves and starts the next run."""
    monkeypatch.setattr(patterns, "CACHE", tmp_path / "programs.marshal")
    monkeypatch.setattr(patterns, "_known", None)
    monkeypatch.setattr(patterns, "_new", {})

    def again() -> None:
        patterns._save()
        monkeypatch.setattr(patterns, "_known", None)
        monkeypatch.setattr(patterns, "_new", {})

    return again


def test_a_regex_pattern_is_built_from_the_program_a_run_before_kept(
    next_run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kept on disk as its program, a pattern comes back without compiling (compiling is
    disabled here): the same program, the same matches."""
    source = r"(?P<name>\p{Lu}\p{Ll}+) directs"
    first = patterns.compiled(source, regex.IGNORECASE)
    next_run()
    monkeypatch.setattr(patterns.regex, "compile", None)
    again = patterns.compiled(source, regex.IGNORECASE)
    assert again._pickled_data == first._pickled_data
    assert again.search("and Élodie DIRECTS")["name"] == "Élodie"


def test_a_standard_pattern_is_what_re_compiles_and_comes_back_alike(
    next_run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``re`` patterns compare equal when their source, flags and program are equal."""
    cases = [(r"(?<![\w-])(?=(?:film|movie)s?)(?:(?=(films?)))?", re.ASCII), (r"(?P<x>a+)b", 0)]
    first = [patterns.standard(source, flags) for source, flags in cases]
    assert first == [re.compile(source, flags) for source, flags in cases]
    next_run()
    monkeypatch.setattr(patterns.sre_parse, "parse", None)  # compiling would fail
    assert [patterns.standard(source, flags) for source, flags in cases] == first
    assert patterns.standard(*cases[1]).fullmatch("aab")["x"] == "aa"


def test_a_damaged_file_only_means_compiling(next_run) -> None:
    patterns.compiled(r"\p{Lu}")
    next_run()
    patterns.CACHE.write_bytes(b"\x00not marshal")
    assert patterns.compiled(r"(?P<n>\p{Lu}\p{Ll}+)").match("Len")["n"] == "Len"
    assert patterns.standard("a+").match("aa")


def test_the_film_and_page_kind_patterns_are_written_alike_in_every_run(tmp_path: Path) -> None:
    """Programs are kept by their text, so the text must not change from run to run (a word
    list joined in set order did, with the hash seed)."""
    code = (
        "from marquee import patterns\n"
        "from marquee.documents import kind\n"
        "from marquee.films import credits, reading\n"
        "[credits._compile(p) for p in credits.PHRASES]\n"
        "print(sorted(patterns._new))\n"
    )
    keys = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "XDG_CACHE_HOME": str(tmp_path / seed)}
        run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        keys.append(run.stdout)
    assert keys[0] == keys[1] and len(keys[0]) > 10_000
