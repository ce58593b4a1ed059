"""The package's shape: the runtime never loads the laboratory, and no module imports
itself back through another."""

from __future__ import annotations

import graphlib
import pkgutil
import subprocess
import sys

import grimp

import marquee

RUNTIME = sorted(
    m.name
    for m in pkgutil.walk_packages(marquee.__path__, "marquee.")
    if not m.name.startswith("marquee.lab") and m.name != "marquee.__main__"
)


def test_runtime_modules_never_import_the_lab():
    """Importing every runtime module (the CLI included) leaves marquee.lab unloaded."""
    code = (
        "import importlib, sys\n"
        f"for name in {RUNTIME!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith('marquee.lab')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert len(RUNTIME) > 50
    assert out.strip() == "[]"


def test_the_lab_is_reached_only_from_the_eval_and_train_commands():
    graph = grimp.build_graph("marquee")
    importers = {
        m
        for lab in graph.find_descendants("marquee.lab") | {"marquee.lab"}
        for m in graph.find_modules_that_directly_import(lab)
        if not m.startswith("marquee.lab")
    }
    assert importers == {"marquee.cli.running"}  # the eval and train commands


def test_no_import_circles():
    """Counting imports inside functions too: a circle there is still two modules that
    each need the other."""
    graph = grimp.build_graph("marquee")
    deps = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    graphlib.TopologicalSorter(deps).prepare()  # raises CycleError naming the circle
