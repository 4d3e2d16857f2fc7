"""The plain-text reader: furniture stripped, then title, date and outlet taken from the header.

Markdown (a ``.md`` file, or any text under front matter) is read as plain text first; the front
matter's title, date, outlet and URL come before what the header says (order of trust:
:mod:`eventledger.ingest.pubdate`).
"""

from __future__ import annotations

from collections.abc import Iterator

from eventledger.ingest.build import make_article
from eventledger.ingest.frontmatter import FrontMatter, markdown_to_text
from eventledger.ingest.furniture import strip_furniture
from eventledger.ingest.pubdate import choose_published, url_clues
from eventledger.ingest.textmeta import split_header, take_date_lines
from eventledger.models import Article


def read_text(
    text: str, *, source: str, max_text_chars: int, url: str | None = None, fetched: bool = False,
    front_matter: FrontMatter | None = None, markdown: bool = False, file_name: str = "",
    outlet_hint: str | None = None,
) -> Iterator[Article]:
    """Yield the one article a plain-text document holds (raises ``IngestError`` when it has none).

    A static-site post's file name is dated like its address (Jekyll's ``2021-05-20-title.md``).
    ``outlet_hint`` (a manifest's outlet) names the outlet when the text names none.
    """
    if markdown or front_matter is not None:
        text = markdown_to_text(text)
    meta = front_matter or FrontMatter()
    # Date lines first: a labelled date may open a line that the furniture rules would drop whole
    # (a picture's caption under "date 2020-05-20").
    header = take_date_lines(text.split("\n"))
    parts = split_header(strip_furniture("\n".join(header.lines)), title=meta.title)
    url = url or meta.url or parts.url
    yield make_article(
        parts.body,
        title=parts.title,
        outlet=meta.outlet or header.outlet or parts.outlet or outlet_hint,
        published=choose_published([*meta.dates, *header.dates, *parts.dates, *url_clues(url),
                                    *(url_clues(file_name) if markdown or front_matter else [])]),
        url=url,
        source=source,
        format="text",
        max_text_chars=max_text_chars,
        fetched=fetched,
    )
