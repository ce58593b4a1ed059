"""The optional parts of marquee and the pip extra that brings each in.

The core install reads reviews, scores them, keeps them in SQLite and reports from the
CLI. The web page, PostgreSQL, the Dask engine and the evaluation's baselines need
libraries a CLI user should not have to install or pay import time for, so each is an
extra (``pip install 'marquee[web]'``). Code that needs one calls :func:`require` before
importing it: a missing library is then a one-line :class:`~marquee.errors.MissingExtra`
that names the extra, not a ``ModuleNotFoundError`` traceback.
"""

from __future__ import annotations

from importlib.util import find_spec

from marquee.errors import MissingExtra

EXTRAS: dict[str, tuple[str, ...]] = {
    "web": ("fastapi", "uvicorn", "jinja2", "multipart"),
    "postgres": ("psycopg",),
    "dask": ("dask", "distributed"),
    "eval": ("vaderSentiment", "textblob", "rouge_score"),
}
"""Each extra (as named in pyproject.toml) and the modules it provides."""


def missing(extra: str) -> list[str]:
    """The modules of ``extra`` that cannot be imported here (found without importing)."""
    return [module for module in EXTRAS[extra] if not _found(module)]


def _found(module: str) -> bool:
    try:
        return find_spec(module) is not None
    except ImportError:  # a finder that refuses the name outright
        return False


def require(extra: str, purpose: str) -> None:
    """Raise :class:`MissingExtra` unless every module of ``extra`` is installed;
    ``purpose`` says what wanted it ("the web page")."""
    if absent := missing(extra):
        raise MissingExtra(
            f"{purpose} needs {', '.join(absent)}: install marquee[{extra}] "
            f"(pip install 'marquee[{extra}]')"
        )
