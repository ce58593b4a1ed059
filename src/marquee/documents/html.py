"""HTML pages: trafilatura finds the main content, schema.org data says who and what.

trafilatura removes most navigation, sidebars and comment threads and keeps the
article's structure (headings, paragraphs, lists, tables) in its own XML; we walk that
into blocks and still run the chrome pass, because share bars and "Related" lists
often sit inside the article element.  When trafilatura finds nothing (a tiny page,
a fragment) the whole <body> is walked instead, with nav/aside/footer as chrome.
"""

from __future__ import annotations

import copy
import logging

import trafilatura
from lxml import etree
from trafilatura.settings import Document as Extracted

from marquee.documents import chrome, schemaorg, tree
from marquee.documents.fields import REVIEW_FIELDS, normalise
from marquee.documents.lines import squash
from marquee.records import Block

log = logging.getLogger(__name__)

# Dates only from the page's own markup: htmldate's extensive search turns a title's
# "(2023)" into 2023-01-01 and a release date in the prose into a publication date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_WIDGET_MARKS = ("rating", "score", "verdict", "grade", "stars")
_MAX_WIDGET_WORDS = 12

# trafilatura's metadata attribute -> its name among REVIEW_FIELDS' aliases
_PAGE_FIELDS = {
    "title": "title",
    "author": "author",
    "sitename": "site_name",
    "date": "date",
    "url": "url",
    "description": "description",
    "categories": "categories",
    "tags": "tags",
}


def read_html(text: str, source: str) -> tuple[tuple[Block, ...], dict[str, str]]:
    """Blocks of the page's main content, and its metadata with schema.org on top."""
    root = tree.html_root(text, source)
    structured = schemaorg.review_meta(root)
    extracted = _extract(root)
    blocks = _main_blocks(extracted)
    if not blocks:
        log.info("%s: trafilatura found no main content; reading the whole body", source)
        body = root.find("body")
        blocks = tree.blocks_from(root if body is None else body, tree.HTML_ROLES)
    blocks += _rating_widgets(root, blocks)
    page = _page_meta(extracted if extracted is not None else _metadata_only(root))
    return chrome.label(blocks), {**page, **structured}


def _extract(root: etree._Element) -> Extracted | None:
    """trafilatura's main content and metadata, on a copy (it prunes the tree it gets)."""
    found = trafilatura.bare_extraction(
        copy.deepcopy(root),
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=True,
        include_formatting=True,
        include_links=False,
        date_extraction_params=_DATE_PARAMS,
    )
    return found if isinstance(found, Extracted) else None


def _main_blocks(extracted: Extracted | None) -> list[Block]:
    if extracted is None or extracted.body is None:
        return []
    return tree.blocks_from(extracted.body, tree.TRAFILATURA_ROLES)


def _metadata_only(root: etree._Element) -> Extracted:
    return trafilatura.extract_metadata(copy.deepcopy(root), extensive=False)


def _rating_widgets(root: etree._Element, kept: list[Block]) -> list[Block]:
    """Score boxes trafilatura discards as boilerplate ("My rating: 8/10"), as paragraphs.

    Pages mark them with a class or id such as "rating", "review-score" or "verdict";
    only short texts holding a number or star glyphs count, and never inside comments.
    """
    seen = " ".join(block.text for block in kept)
    found: list[Block] = []
    taken: set[etree._Element] = set()
    for element in root.iter():
        marks = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if not any(word in marks for word in _WIDGET_MARKS) or _inside(element, taken):
            continue
        text = squash(etree.tostring(element, method="text", encoding=str, with_tail=False))
        if _is_rating_text(text) and text not in seen and not _in_comments(element):
            found.append(Block("paragraph", text))
            taken.add(element)
    return found


def _is_rating_text(text: str) -> bool:
    if not 0 < len(text.split()) <= _MAX_WIDGET_WORDS:
        return False
    return any(c.isdigit() or c in "★☆" for c in text)


def _inside(element: etree._Element, taken: set[etree._Element]) -> bool:
    return any(ancestor in taken for ancestor in element.iterancestors())


def _in_comments(element: etree._Element) -> bool:
    return any(
        "comment" in f"{a.get('class', '')} {a.get('id', '')}".lower()
        for a in element.iterancestors()
        if a.tag not in {"body", "html"}  # themes put "comments-open" on <body>
    )


def _page_meta(found: Extracted) -> dict[str, str]:
    raw = {name: getattr(found, attribute) for attribute, name in _PAGE_FIELDS.items()}
    return normalise({name: value for name, value in raw.items() if value}, REVIEW_FIELDS)
