"""Markdown posts (Jekyll/Hugo style): YAML front matter plus a body with raw HTML.

The body is rendered with markdown-it-py (raw HTML on, so the <figure>, <iframe> and
<table> fragments bloggers paste survive) and the resulting tree is walked into
blocks, which is sturdier than re-parsing Markdown syntax by hand.

Front matter is read by PyYAML's safe loader with two refusals: aliases (``*name``), since
a few hundred bytes of anchors that repeat each other nine deep expand into billions of
values, and nesting deeper than :data:`~marquee.documents.limits.MAX_DEPTH` levels, which
PyYAML composes by recursion. A post's front matter needs neither.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from marquee.documents import chrome
from marquee.documents.fields import REVIEW_FIELDS, normalise
from marquee.documents.limits import MAX_DEPTH
from marquee.errors import ParseError
from marquee.records import Block

if TYPE_CHECKING:
    import yaml
    from markdown_it import MarkdownIt

_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)",
    re.DOTALL | re.MULTILINE,
)
# A fenced block is front matter only if it opens with a "key:" line; a text that merely
# starts with a --- rule around a sentence is not YAML and must not be refused as such.
_KEY_LINE = re.compile(r"\s*(?:#.*\n\s*)*[\w\"'][\w \"'.-]*:(?:\s|$)")


@functools.cache
def _loader() -> type[yaml.SafeLoader]:
    """PyYAML's safe loader, refusing aliases and deep nesting before it builds anything.
    Made on the first front matter read: PyYAML takes ~20 ms to import, which plain text
    and tables (whose shape check asks :func:`has_front_matter`) never need."""
    import yaml

    class FrontMatterLoader(yaml.SafeLoader):
        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self._depth = 0

        def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
            if self.check_event(yaml.AliasEvent):
                self._refuse("aliases (*name) are not read in front matter; write the value out")
            self._depth += 1
            try:
                if self._depth > MAX_DEPTH:
                    self._refuse(f"nested deeper than {MAX_DEPTH} levels")
                return super().compose_node(parent, index)  # type: ignore[arg-type]
            finally:
                self._depth -= 1

        def _refuse(self, problem: str) -> None:
            raise yaml.composer.ComposerError(None, None, problem, self.peek_event().start_mark)

    return FrontMatterLoader


def has_front_matter(text: str) -> bool:
    """Whether the text opens with a closed ``---`` fence whose first line is a key."""
    return _front_matter(text) is not None


def _front_matter(text: str) -> re.Match[str] | None:
    match = _FRONT_MATTER.match(text)
    return match if match is not None and _KEY_LINE.match(match["yaml"]) else None


def read_markdown(text: str, source: str) -> tuple[tuple[Block, ...], dict[str, str]]:
    """Blocks of the body and the front matter normalised into meta."""
    match = _front_matter(text)
    meta = {} if match is None else normalise(_parse_yaml(match["yaml"], source), REVIEW_FIELDS)
    body = text if match is None else text[match.end() :]
    html = _renderer().render(body)
    from marquee.documents import tree  # lxml: only a Markdown or HTML document needs it

    root = tree.parse_html(html, source)
    return chrome.label(tree.blocks_from(root.body, tree.HTML_ROLES)), meta


@functools.cache
def _renderer() -> MarkdownIt:
    """Built on the first Markdown post: markdown-it takes ~70 ms to import and set up,
    which a table or a plain-text file never needs."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _parse_yaml(block: str, source: str) -> Mapping[str, object]:
    """Parse front matter with PyYAML, naming the file line of any error."""
    import yaml

    try:
        data = yaml.load(block, Loader=_loader())  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = "" if mark is None else f" at line {mark.line + 2}"  # +1 for the fence, +1 1-based
        problem = getattr(err, "problem", None) or "not valid YAML"
        raise ParseError(f"{source}: malformed YAML front matter{where}: {problem}") from None
    except ValueError as err:  # a well-formed but impossible date such as 2025-13-45
        raise ParseError(f"{source}: malformed YAML front matter: {err}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ParseError(
            f"{source}: front matter between the --- lines is not a list of key: value pairs"
        )
    return {str(key): value for key, value in data.items()}
