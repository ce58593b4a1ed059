"""Hostile and unlucky input never hangs, exhausts or crashes a run, nor costs the good
input beside it: every case of ``bench/abuse.py``, with smaller bombs and a shorter
``--timeout`` (each still fails without its safeguard), through the real ``marquee``
command in its own process under a time and a memory cap.

Each case puts one hostile input beside one good review and checks that the good review
is stored, the hostile one is reported on its own line (or read harmlessly), the exit
code is 1 when anything was refused, nothing prints a traceback, and no process passes
a quarter more memory than `add` and `batch` take on good input (measured in the same
run: an absolute figure would measure the libraries installed). The network cases use a
local site on 127.0.0.1 that stops by itself.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "abuse.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("abuse", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["abuse"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


abuse = _load()
CAPS = abuse.Caps(seconds=60.0, memory_mb=3000)


@pytest.fixture(scope="module")
def site() -> Iterator[object]:
    with abuse.hostile_site(lifetime=900.0) as running:
        yield running


@pytest.mark.parametrize("case", abuse.CASES, ids=[c.check.__name__ for c in abuse.CASES])
def test_hostile_input_is_refused_alone_and_the_good_beside_it_kept(case, site) -> None:
    verdict, env = abuse.run_case(case, site, CAPS, abuse.TESTS)
    assert verdict.held, f"{case.name}: {'; '.join(verdict.problems)}"
    assert all(run.code is not None for run in env.runs)  # none killed at the time cap
