"""The HTML reader: trafilatura for main text and metadata, then the furniture cleaner.

The publication date is chosen from every place the page keeps one (its ``<meta>`` tags,
JSON-LD, ``<time>`` and date elements, its address, the date lines at the top of its text) by
the order of trust of :mod:`eventledger.ingest.pubdate`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from eventledger.errors import EmptyInputError, IngestError
from eventledger.ingest.build import make_article
from eventledger.ingest.frontmatter import FrontMatter
from eventledger.ingest.furniture import strip_furniture
from eventledger.ingest.htmlmeta import page_date_clues
from eventledger.ingest.pubdate import choose_published, url_clues
from eventledger.ingest.textmeta import dateline_outlet, take_date_lines
from eventledger.models import Article

# Deeper than this, lxml gives up on the tree (libxml2's own limit is 256) and nothing is read.
MAX_SANE_DEPTH = 250

# Containers that only group other elements: a page nested past MAX_SANE_DEPTH is retried once with
# these removed, which keeps its paragraphs (<p>, headings, lists) and loses only the nesting.
_CONTAINERS = re.compile(r"</?(?:div|span|section|article|main|aside|font|center|header|footer|nav)\b[^<>]*>", re.I)

_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^<>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_WHOLE_PAGE = re.compile(r"<(?:html|body|head)\b", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)

# The date is chosen by our own order of trust (htmlmeta, pubdate); trafilatura's search
# (htmldate) also takes a site's today's-date widget or a URL before the page's metadata, so
# its answer is not used, and it is kept from searching the body text at all.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def declared_charset(head: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag within its first 4 KB, if any."""
    match = _META_CHARSET.search(head[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def nesting_depth(html: str, stop_at: int = 10_000) -> int:
    """The deepest element nesting of ``html`` by a flat scan of its tags (no tree, no recursion)."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth > deepest:
            deepest = depth
            if deepest >= stop_at:
                break
    return deepest


def looks_truncated(html: str) -> bool:
    """True when the markup stops mid-tag or before the document's closing tags."""
    tail = html.rstrip()[-2000:]
    if tail.rfind("<") > tail.rfind(">"):
        return True
    lowered = tail.lower()
    return "<html" in html[:4096].lower() and "</html>" not in lowered and "</body>" not in lowered


def _why_empty(html: str) -> str:
    depth = nesting_depth(html)
    if depth > MAX_SANE_DEPTH:
        return f"HTML nested {depth}+ levels deep; no article text could be read"
    if looks_truncated(html):
        return "truncated HTML: the page ends early and holds no article text"
    return "HTML page holds no article text"


def _extract(html: str, url: str | None):  # type: ignore[no-untyped-def]
    import trafilatura  # imported on the first page read: a run of text files never needs it (0.2 s)

    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=True,  # incident logs and casualty lists are often tables
            with_metadata=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except RecursionError as exc:
        raise IngestError("HTML nested too deeply to read (recursion limit)") from exc
    except (ValueError, TypeError, AttributeError) as exc:
        # trafilatura/lxml fail this way on markup they cannot build a tree from.
        raise IngestError(f"HTML could not be parsed ({type(exc).__name__}: {str(exc)[:120]})") from exc


def read_html(
    html: str, *, source: str, max_text_chars: int, url: str | None = None, fetched: bool = False,
    format: str = "html", fallback_title: str | None = None, fallback_outlet: str | None = None,
    front_matter: FrontMatter | None = None,
) -> Iterator[Article]:
    """Yield the one article an HTML page holds (raises ``IngestError`` when it has none)."""
    meta = front_matter or FrontMatter()
    if not _WHOLE_PAGE.search(html[:4096]):
        html = f"<html><body>{html}</body></html>"  # a fragment (a static-site page's content, a feed's)
    document = _extract(html, url)
    if (document is None or not (document.text or "").strip()) and nesting_depth(html) > MAX_SANE_DEPTH:
        flattened = _CONTAINERS.sub(" ", html)
        if nesting_depth(flattened) <= MAX_SANE_DEPTH:
            document = _extract(flattened, url)
    if document is None or not (document.text or "").strip():
        raise EmptyInputError(_why_empty(html))
    header = take_date_lines(document.text.split("\n"))  # date lines are metadata too
    text = strip_furniture("\n".join(header.lines))
    title = meta.title or document.title or fallback_title
    head, _, rest = text.partition("\n")
    if title and " ".join(head.split()).casefold() == " ".join(title.split()).casefold():
        text = rest.strip()  # trafilatura keeps the <h1>; the title has its own field
    if not text:
        raise EmptyInputError("HTML page holds only page furniture")
    first_paragraph = text.split("\n", 1)[0]
    # trafilatura falls back to the host name when a page names no site; a name the page or the
    # feed states is better, so the host name comes last.
    sitename = document.sitename if document.sitename and document.sitename != document.hostname else None
    outlet = meta.outlet or sitename or dateline_outlet(first_paragraph) or fallback_outlet or document.sitename
    page_url = url or meta.url or document.url
    clues = [*meta.dates, *page_date_clues(html), *url_clues(page_url), *header.dates]
    yield make_article(
        text,
        title=title,
        url=page_url,
        outlet=outlet,
        published=choose_published(clues),
        source=source,
        format=format,
        max_text_chars=max_text_chars,
        fetched=fetched,
    )
