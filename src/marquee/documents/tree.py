"""An element tree (rendered Markdown, trafilatura's output, an HTML page) into blocks.

One walker serves every tree; only the tag names differ (trafilatura writes ``head``,
``item``, ``row``, ``graphic`` where HTML has ``h2``, ``li``, ``tr``, ``img``), so each
caller passes a role table.  Inline markup (links, emphasis) is flattened into its
text; block elements become blocks of the kind their role says.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import lxml.html
from lxml import etree

from marquee.documents.lines import squash
from marquee.errors import ParseError
from marquee.records import Block, BlockKind

Role = Literal[
    "heading",
    "paragraph",
    "list_item",
    "row",
    "caption",
    "media",
    "chrome",
    "container",
    "break",
    "skip",
]

_HTML_BLOCK_CONTAINERS = (
    "address article body center details div dl fieldset figure header hgroup html list "
    "main menu ol section summary table tbody tfoot thead ul"
)

HTML_ROLES: Mapping[str, Role] = {
    **{f"h{level}": "heading" for level in range(1, 7)},
    **dict.fromkeys(("p", "pre", "blockquote", "dd", "dt"), "paragraph"),
    "li": "list_item",
    "tr": "row",
    **dict.fromkeys(("figcaption", "caption"), "caption"),
    **dict.fromkeys(("img", "iframe", "video", "audio", "embed", "object", "picture"), "media"),
    **dict.fromkeys(("nav", "footer", "aside", "form", "button", "select"), "chrome"),
    **dict.fromkeys(_HTML_BLOCK_CONTAINERS.split(), "container"),
    "br": "break",
    **dict.fromkeys(
        ("script", "style", "noscript", "template", "svg", "head", "title", "hr", "input")
        + ("textarea", "meta", "link", "source", "track"),
        "skip",
    ),
}
"""Tag roles for HTML (a page, or Markdown rendered with its raw HTML)."""

TRAFILATURA_ROLES: Mapping[str, Role] = {
    "head": "heading",
    **dict.fromkeys(("p", "quote", "code"), "paragraph"),
    "item": "list_item",
    "row": "row",
    "graphic": "media",
    **dict.fromkeys(("body", "doc", "main", "list", "table", "div"), "container"),
    "lb": "break",
}
"""Tag roles for trafilatura's internal XML (its ``bare_extraction(...).body``)."""

_BREAK = "\ue000"  # a private-use character marks <br> until lines are split
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_KIND_OF_ROLE: Mapping[str, BlockKind] = {
    "heading": "heading",
    "paragraph": "paragraph",
    "list_item": "list_item",
    "caption": "caption",
    "chrome": "chrome",
    "container": "paragraph",
}


def xml_safe(text: str) -> str:
    """Drop control characters lxml refuses, so odd input cannot crash the parser."""
    return _XML_ILLEGAL.sub("", text)


def parse_html(text: str, source: str) -> lxml.html.HtmlElement:
    """Parse a page or a fragment into a document whose ``body`` always exists."""
    try:
        return lxml.html.document_fromstring(f"<html><body>{xml_safe(text)}</body></html>")
    except (etree.ParserError, ValueError) as err:
        raise ParseError(f"{source}: cannot parse as HTML ({err})") from None


def html_root(text: str, source: str) -> lxml.html.HtmlElement:
    """Parse a whole page, keeping its <head> for metadata readers."""
    try:
        return lxml.html.document_fromstring(xml_safe(text))
    except (etree.ParserError, ValueError):
        return parse_html(text, source)


def blocks_from(root: etree._Element, roles: Mapping[str, Role]) -> list[Block]:
    """Every block under ``root``, in document order, by the roles of its tags."""
    walker = _Walker(roles)
    walker.walk(root, "paragraph")
    walker.flush("paragraph")
    return walker.blocks


@dataclass
class _Walker:
    """Walks a tree once, gathering inline text until a block element flushes it."""

    roles: Mapping[str, Role]
    blocks: list[Block] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    forced: BlockKind | None = None  # everything inside a <nav>/<footer> is chrome

    def walk(self, element: etree._Element, kind: BlockKind) -> None:
        """Collect inline text as ``kind``; hand each block-level child to its role."""
        self.pending.append(element.text or "")
        for child in element:
            role = self._role(child)
            if role == "skip":
                pass
            elif role == "break":
                self.pending.append(_BREAK)
            elif role is None:
                self.pending.append(_inline_text(child, self.roles))
                self._media_inside(child, kind)
            else:
                self.flush(kind)
                self._block(child, role)
            self.pending.append(child.tail or "")

    def flush(self, kind: BlockKind) -> None:
        """Emit the inline text gathered so far, one block per <br>-separated line."""
        text, self.pending = "".join(self.pending), []
        for line in text.split(_BREAK):
            if squash(line):
                self.blocks.append(Block(self.forced or kind, squash(line)))

    def _block(self, element: etree._Element, role: Role) -> None:
        if role == "row":
            cells = [
                squash(_inline_text(cell, self.roles).replace(_BREAK, " ")) for cell in element
            ]
            if any(cells):
                self.blocks.append(
                    Block(self.forced or "table_row", " | ".join(filter(None, cells)))
                )
        elif role == "media":
            self.blocks.append(Block(self.forced or "media", _describe_media(element)))
        elif role == "chrome":
            outer, self.forced = self.forced, "chrome"
            self.walk(element, "chrome")
            self.flush("chrome")
            self.forced = outer
        else:
            kind = _KIND_OF_ROLE[role]
            self.walk(element, kind)
            self.flush(kind)

    def _media_inside(self, element: etree._Element, kind: BlockKind) -> None:
        """An <img> inside a link or <span> still becomes its own media block."""
        for inner in element.iterdescendants():
            if self._role(inner) == "media":
                self.flush(kind)
                self.blocks.append(Block(self.forced or "media", _describe_media(inner)))

    def _role(self, element: etree._Element) -> Role | None:
        if not isinstance(element.tag, str):
            return "skip"  # comments and processing instructions
        return self.roles.get(_local_name(element.tag))


def _inline_text(element: etree._Element, roles: Mapping[str, Role]) -> str:
    """Text of an inline element and its descendants, with <br> kept as a marker."""
    parts: list[str] = []
    for node in element.iter():
        role = roles.get(_local_name(node.tag)) if isinstance(node.tag, str) else "skip"
        if role == "break":
            parts.append(_BREAK)
        elif role not in {"skip", "media"} and node.text:
            parts.append(node.text)
        if node is not element and node.tail:
            parts.append(node.tail)
    return "".join(parts)


def _describe_media(element: etree._Element) -> str:
    """An image's alt text, a player's "title: src", whichever the element has."""
    label = element.get("alt") or element.get("title") or element.get("aria-label") or ""
    src = element.get("src") or element.get("data-src") or ""
    if not src:
        inner = next(element.iterdescendants("img", "source", "graphic"), None)
        src = "" if inner is None else inner.get("src") or inner.get("srcset") or ""
    text = squash(f"{label}: {src}" if label and src else label or src)
    return text or _local_name(element.tag)


def _local_name(tag: str) -> str:
    """A tag without its namespace, lower-cased; plain strings, as lxml keeps odd HTML names."""
    return tag.rsplit("}", 1)[-1].lower()
