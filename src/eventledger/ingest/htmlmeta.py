"""What an HTML page declares about its own dates: ``<meta>`` tags, JSON-LD, ``<time>`` elements.

``page_date_clues(html)`` returns ``DateClue``s for :func:`eventledger.ingest.pubdate.choose_published`
(the order of trust is documented there). The names it reads are data in
:mod:`eventledger.ingest.date_rules`. Only the page's own declarations are read: dates in body
sentences, captions and other stories' teasers are not looked at.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import lxml.etree  # lxml ships no type information
import lxml.html

from eventledger.ingest import date_rules as rules
from eventledger.ingest.dates import parse_date, read_date_line
from eventledger.ingest.pubdate import DateClue

# Past this size a page is not parsed a second time for its metadata (trafilatura has it).
MAX_HTML_CHARS = 3_000_000


@lru_cache(maxsize=1)
def _names() -> dict[str, frozenset[str]]:
    return {
        "published": frozenset(rules.PUBLISHED_META),
        "updated": frozenset(rules.UPDATED_META),
        "article": frozenset(rules.ARTICLE_TYPES),
        "page": frozenset(rules.PAGE_TYPES),
    }


def _parse(html: str) -> Any:
    try:
        return lxml.html.fromstring(html[:MAX_HTML_CHARS])
    except (lxml.etree.ParserError, ValueError, TypeError):
        return None


def page_date_clues(html: str) -> list[DateClue]:
    """Every publication and revision date the page declares in its markup."""
    root = _parse(html)
    if root is None:
        return []
    try:
        return [*_meta_clues(root), *_jsonld_clues(root), *_time_clues(root), *_element_clues(root)]
    except (ValueError, TypeError, RecursionError):  # broken markup: keep what trafilatura finds
        return []


def _meta_clues(root: Any) -> Iterator[DateClue]:
    names = _names()
    for element in root.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        if not key:
            continue
        if key in names["published"] or key in names["updated"]:
            value = parse_date(element.get("content"))
            if value is not None:
                yield DateClue(value, "metadata", updated=key in names["updated"])


def _types(node: dict[str, Any]) -> set[str]:
    kinds = node.get("@type") or []
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {str(kind).rsplit("/", 1)[-1].lower() for kind in kinds}


def _nodes(data: Any) -> Iterator[dict[str, Any]]:
    """The top-level nodes of a JSON-LD block: the object, a list's members, an @graph's members,
    and a page's main entity."""
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
        return
    if not isinstance(data, dict):
        return
    if isinstance(data.get("@graph"), list):
        yield from _nodes(data["@graph"])
    if "@type" in data:
        yield data
        main = data.get("mainEntity")
        if isinstance(main, dict) and "@type" in main:
            yield main


def _load_jsonld(text: str) -> Any:
    text = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$", "", text.strip()).strip().rstrip(";")
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return None


def _jsonld_clues(root: Any) -> list[DateClue]:
    names = _names()
    article: list[DateClue] = []
    page: list[DateClue] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        for node in _nodes(_load_jsonld(script.text or "")):
            kinds = _types(node)
            target = article if kinds & names["article"] else page if kinds & names["page"] else None
            if target is None:
                continue
            for keys, updated in ((rules.JSONLD_PUBLISHED_KEYS, False), (rules.JSONLD_UPDATED_KEYS, True)):
                for key in keys:
                    value = parse_date(node.get(key)) if isinstance(node.get(key), str) else None
                    if value is not None:
                        target.append(DateClue(value, "metadata", updated=updated))
    # A page node's dates are the page's only when no article node says otherwise.
    return article or page


def _context(element: Any) -> str:
    words = []
    for node in (element, element.getparent()):
        if node is not None:
            words.append(f"{node.get('class') or ''} {node.get('id') or ''} {node.get('itemprop') or ''}")
    return " ".join(words).lower()


def _in_article(element: Any) -> bool:
    return any(ancestor.tag in ("article", "main") for ancestor in element.iterancestors())


def _time_clues(root: Any) -> Iterator[DateClue]:
    """``<time pubdate>`` and ``itemprop=datePublished`` as metadata; the first other ``<time
    datetime>`` of the article (or of an element named like a date or a byline) as page time."""
    first_plain = True
    for element in root.iter("time"):
        value = parse_date(element.get("datetime") or element.text_content())
        if value is None:
            continue
        itemprop = (element.get("itemprop") or "").lower()
        if element.get("pubdate") is not None or itemprop == "datepublished":
            yield DateClue(value, "metadata")
        elif itemprop == "datemodified":
            yield DateClue(value, "metadata", updated=True)
        elif first_plain and _article_time(element):
            first_plain = False
            updated = bool(re.search(r"updat|modif", _context(element)))
            yield DateClue(value, "page_time", updated=updated)
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("meta", "time"):
            continue
        itemprop = (element.get("itemprop") or "").lower()
        if itemprop in ("datepublished", "datemodified"):
            value = parse_date(element.get("content") or element.get("datetime") or element.text_content())
            if value is not None:
                yield DateClue(value, "metadata", updated=itemprop == "datemodified")


def _article_time(element: Any) -> bool:
    context = _context(element)
    if re.search(rules.NOT_DATE_ELEMENT_CONTEXT, context):
        return False
    return _in_article(element) or bool(re.search(rules.TIME_CONTEXT, context))


def _element_clues(root: Any) -> Iterator[DateClue]:
    """The first element named like the article's date ("post-date", "byline") whose text is a
    date line, as page time (a site's clock or today's-date widget is not one)."""
    for element in root.iter("span", "div", "p", "li", "small", "abbr", "em", "strong"):
        context = _context(element)
        if not re.search(rules.DATE_ELEMENT_CONTEXT, context) or re.search(rules.NOT_DATE_ELEMENT_CONTEXT, context):
            continue
        read = read_date_line(element.text_content())
        if read is not None:
            yield DateClue(read.date, "page_time", updated=read.updated)
            return
