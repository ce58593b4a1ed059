"""One film page as a single self-contained HTML file: ``marquee report FILM --html``.

The same template as the served page, with the stylesheet inlined (allowed by its hash in
the file's own Content-Security-Policy, which also forbids every script), the charts as
inline SVG, each review's full text in the page, and no link to anything outside it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from marquee.errors import MarqueeError
from marquee.web.pages import film_page

log = logging.getLogger(__name__)


def static_page(report: Mapping[str, Any]) -> str:
    """The film page for a ``report_json`` dict, as one HTML document."""
    return film_page(report, static=True)


def write_static_page(report: Mapping[str, Any], path: Path) -> None:
    """Write :func:`static_page` to ``path`` (UTF-8), replacing any file there; a path
    that cannot be written is a :class:`MarqueeError` that says why in words."""
    folder = Path(path).parent
    if not folder.is_dir():
        raise MarqueeError(f"cannot write {path}: the folder {folder} does not exist")
    if Path(path).is_dir():
        raise MarqueeError(f"cannot write {path}: it is a folder; give a file name ending .html")
    try:
        Path(path).write_text(static_page(report), encoding="utf-8")
    except OSError as err:
        raise MarqueeError(f"cannot write {path}: {err.strerror or err}") from err
    log.info("wrote %s", path)
