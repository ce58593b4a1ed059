"""The public surface is small, listed, and documented by a runnable example."""

from __future__ import annotations

import doctest
import os
from pathlib import Path

import marquee


def test_all_exports_are_public_and_sorted() -> None:
    public = sorted(
        (
            name
            for name in dir(marquee)
            if not name.startswith("_")
            and str(getattr(getattr(marquee, name), "__module__", "")).startswith("marquee.")
        ),
        key=lambda name: (name.casefold(), name.swapcase()),  # on a tie, lower case first
    )
    assert marquee.__all__ == public


def test_importing_marquee_loads_nothing_heavy() -> None:
    """Exports load on first use: `import marquee` alone brings no database driver, HTML
    extractor, scikit-learn or model."""
    import subprocess
    import sys

    code = (
        "import sys, marquee; "
        "print(sorted(m for m in ('sqlalchemy', 'trafilatura', 'sklearn', 'numpy', "
        "'marquee.store', 'marquee.model') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_package_docstring_example_runs(monkeypatch) -> None:
    monkeypatch.chdir(Path(__file__).parent.parent)
    result = doctest.testmod(marquee, verbose=False)
    assert result.attempted > 0 and result.failed == 0


def test_readme_shows_the_two_commands() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    head = readme[:400]
    assert "make demo" in head and "make test" in head
    assert os.access(Path(__file__).parent.parent / ".ci" / "run", os.X_OK)


def test_readme_shows_every_command() -> None:
    """The README's usage block names every command the CLI has (docs that cannot drift)."""
    import typer.main

    from marquee.cli import app

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    missing = [name for name in commands if f"marquee {name}" not in readme]
    assert commands and not missing
