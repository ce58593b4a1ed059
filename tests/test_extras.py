"""A missing optional part is a one-line error naming the extra to install."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from marquee import extras
from marquee.errors import MarqueeError, MissingExtra

PYPROJECT = Path(__file__).parents[1] / "pyproject.toml"


def test_missing_module_names_the_extra(monkeypatch):
    monkeypatch.setitem(extras.EXTRAS, "web", ("fastapi", "no_such_module_marquee"))
    assert extras.missing("web") == ["no_such_module_marquee"]
    with pytest.raises(
        MissingExtra,
        match=r"the web page needs no_such_module_marquee: "
        r"install marquee\[web\] \(pip install 'marquee\[web\]'\)",
    ):
        extras.require("web", "the web page")


def test_installed_extras_pass():
    for extra in extras.EXTRAS:
        extras.require(extra, "a test")  # the dev install has every extra


def test_missing_extra_is_a_user_error():
    assert issubclass(MissingExtra, MarqueeError)


def test_every_extra_is_declared_in_pyproject():
    """The names the message tells users to install exist, and the optional libraries are
    not core dependencies too."""
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    declared = project["optional-dependencies"]
    assert set(extras.EXTRAS) <= set(declared)
    core = " ".join(project["dependencies"]).lower()
    for extra in extras.EXTRAS:
        for requirement in declared[extra]:
            name = requirement.split(">")[0].split("[")[0].split("=")[0].lower()
            assert name not in core, f"{name} is both core and in [{extra}]"


BLOCKED_RUN = """
import importlib.abc, sys
BLOCKED = {blocked!r}
class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {{name!r}}")
sys.meta_path.insert(0, Blocker())
sys.argv = ["marquee", *sys.argv[1:]]
from marquee.cli import app
app()
"""


def test_the_core_reads_scores_stores_and_reports_without_any_extra(tmp_path):
    """With every extra's modules unimportable, add and report still work."""
    import subprocess
    import sys

    blocked = {m for modules in extras.EXTRAS.values() for m in modules} | {"starlette"}
    code = BLOCKED_RUN.format(blocked=sorted(blocked))
    db = ["--db", f"sqlite:///{tmp_path / 'm.db'}"]
    examples = Path(__file__).parents[1] / "examples" / "ballerina"

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", code, *db, *args], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    run("--create", "add", str(examples))
    assert '"slug": "ballerina-2025"' in run("report", "ballerina", "--json")
    for web in (["serve"], ["report", "ballerina", "--html", str(tmp_path / "b.html")]):
        done = subprocess.run(
            [sys.executable, "-c", code, *db, *web], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 1, done.stderr[-2000:]
        assert "install marquee[web]" in " ".join(done.stderr.split())
        assert "Traceback" not in done.stderr
