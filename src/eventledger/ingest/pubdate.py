"""Publication dates: every place a page keeps one, and which of them to trust.

Each reader collects ``DateClue``s — a date, the place it was read from, and whether the place
calls it the publication or a revision ("updated") — and ``choose_published`` picks one. The
order of trust, first place that gives a full date wins:

1. ``front_matter``: a Markdown/static-site page's YAML ``---`` or TOML ``+++`` block
   (``date``, ``published``, ``publishDate``, ``pubDate``; ``lastmod`` is a revision).
2. ``metadata``: what an HTML page declares about itself — JSON-LD ``datePublished`` (any
   article or page node, also inside ``@graph`` and lists), ``<meta>`` ``article:published_time``,
   Open Graph, Dublin Core (``DC.date.issued``, ``dcterms.created``), ``itemprop="datePublished"``,
   ``<time pubdate>``.
3. ``text_label``: a labelled line near the top of the text: "Published: 3 May 2020",
   "Posted on ...", "date 2020-05-20", "This Article is From Dec 27, 2013", "Page last updated
   at 08:40 GMT, Monday, 2 March 2009", or labelled dates in a run of furniture glued to a line
   ("... officials said. ANI | Kabul | Updated: 22-04-2021 | Created: 21-04-2021").
4. ``url``: a date in the page's address: ``/2021/05/20/``, ``/2019/oct/26/``, ``/2012-10/31/``, ``-20210520-``,
   ``2021-05-20``, a Unix time (``...-1621543364-...``); a static-site post's file name counts as
   its address (Jekyll's ``2021-05-20-title.md``).
5. ``page_time``: a ``<time datetime>`` inside the article, or the first element named like
   the article's date ("post-date", "entry-date", "byline") whose text is a date — never a
   site's clock or today's-date widget.
6. ``text_line``: an unlabelled date line near the title ("May 17, 2015", "Jane Doe | 22
   October 2020", "Wed Jun 28 2023").

Within one place the earliest published date wins (a page that shows its first and its later
edition); an unlabelled date line later than the revision date the text states ("Updated: ...")
is no publication date (a site's today's-date widget). A revision date ("Updated", ``dateModified``, ``article:modified_time``) counts only
when no place gives a publication date, in the same order. A record's or a feed entry's own date
field is not a clue here: those readers apply it themselves (a record's field over the page, the
page over a feed entry). WARC records carry only the crawl date, which is not used.

Never a publication date: a date in a body sentence (the event's), a photo caption ("Jan. 27,
2021"), a tweet embed ("— Name (@handle) May 17, 2015"), a dateline without a year ("NAIROBI,
June 25"), a bare weekday; a year is never supplied.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from eventledger.ingest.dates import MONTHS

# The places, most trusted first (see the module docstring).
TRUST: tuple[str, ...] = ("front_matter", "metadata", "text_label", "url", "page_time", "text_line")


@dataclass(frozen=True)
class DateClue:
    """A date a page states, where it states it, and whether it is a revision date."""

    date: dt.date
    source: str  # one of TRUST
    updated: bool = False


def choose_published(clues: Iterable[DateClue]) -> dt.date | None:
    """The publication date the clues give, by the order of trust (None when they give none)."""
    clues = list(clues)
    # a page is not published after the revision its text shows: an unlabelled date line later
    # than "Updated: Mar 30, 2011" is a date widget ("Today in New Delhi ... Mar 24, 2017")
    revised = min((clue.date for clue in clues if clue.updated and clue.source == "text_label"), default=None)
    if revised is not None:
        clues = [clue for clue in clues if not (clue.source == "text_line" and not clue.updated and clue.date > revised)]
    for updated in (False, True):
        for source in TRUST:
            dates = [clue.date for clue in clues if clue.source == source and clue.updated is updated]
            if dates:
                return min(dates)
    return None


# Unix times in an address count between these (2000-01-01 and 2035-01-01): other ten-digit
# numbers are ids.
_UNIX_MIN, _UNIX_MAX = 946_684_800, 2_051_222_400
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_URL_PATTERNS = (
    # /2021/05/20/   /2021/5/20   /2019/oct/26/   (not /2016/09/5-match-series: that is a slug)
    re.compile(r"(?<![\d])(?P<year>(?:19|20)\d{2})/(?P<month>\d{1,2}|" + _MONTH_NAMES + r")/(?P<day>\d{1,2})(?=/|$|\.\w+$)", re.I),
    # /09-Mar-2018/   /9-march-2018   (the day, the month's name, the year)
    re.compile(r"(?<![\d])(?P<day>\d{1,2})-(?P<month>" + _MONTH_NAMES + r")-(?P<year>(?:19|20)\d{2})(?!\d)", re.I),
    # -2004-jan-20-   2004_January_20 (the year, the month's name, the day)
    re.compile(r"(?<![\d])(?P<year>(?:19|20)\d{2})[-_](?P<month>" + _MONTH_NAMES + r")[-_](?P<day>\d{1,2})(?!\d)", re.I),
    # -jan-20-2004-   March_9_2018 (the month's name, the day, the year: American order)
    re.compile(r"(?<![a-z])(?P<month>" + _MONTH_NAMES + r")[-_](?P<day>\d{1,2})[-_](?P<year>(?:19|20)\d{2})(?!\d)", re.I),
    # /2012-10/31/ (a year-month folder, then the day's)
    re.compile(r"(?<![\d])(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})/(?P<day>\d{2})(?=/)"),
    # 2021-05-20   2021_05_20
    re.compile(r"(?<![\d])(?P<year>(?:19|20)\d{2})[-_](?P<month>\d{2})[-_](?P<day>\d{2})(?!\d)"),
    # 20210520, or an id that opens with it: 202105200041 (a day's running number), 20210520184500
    re.compile(r"(?<![\d])(?P<year>(?:19|20)\d{2})(?P<month>\d{2})(?P<day>\d{2})(?:\d{2}){0,3}(?!\d)"),
)
_UNIX = re.compile(r"(?<![\d])(?P<stamp>1\d{9}|20[0-4]\d{7})(?!\d)")


def _url_match_date(match: re.Match[str]) -> dt.date | None:
    month_text = match.group("month").lower()
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text, 0)
    try:
        value = dt.date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        return None
    return value if value <= dt.date.today() + dt.timedelta(days=1) else None


def url_date(url: str | None) -> dt.date | None:
    """The publication date a page's address holds, if it holds a full one.

    Path and query are searched (never the host name): a dated path (``/2021/05/20/``,
    ``/2019/oct/26/``, ``-2004-jan-20-``, ``-jan-20-2004-``), an ISO date, an eight-digit ``YYYYMMDD`` (alone or opening a longer
    time stamp), and last a ten-digit Unix time. A year and month alone (``/2019/10/slug``) give
    no date.
    """
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    where = f"{parts.path}?{parts.query}" if parts.query else parts.path
    for pattern in _URL_PATTERNS:
        for match in pattern.finditer(where):
            value = _url_match_date(match)
            if value is not None:
                return value
    for match in _UNIX.finditer(where):
        stamp = int(match.group("stamp"))
        if _UNIX_MIN <= stamp <= _UNIX_MAX:
            value = dt.datetime.fromtimestamp(stamp, dt.UTC).date()
            if value <= dt.date.today() + dt.timedelta(days=1):
                return value
    return None


# /2011/12/slug, /2019/oct/slug: a year-and-month folder (a blog's archive path)
_URL_MONTH = re.compile(r"(?<![\d])(?P<year>(?:19|20)\d{2})/(?P<month>\d{1,2}|" + _MONTH_NAMES + r")(?=/)", re.I)


def url_month(url: str | None) -> tuple[int, int] | None:
    """The year and month of a page's address that holds no full date (``/2011/12/slug.html``):
    not a publication date, but the month it was published in, which says the year of a "Dec. 13"
    its text tells. None when the address holds a full date or no month."""
    if not url or url_date(url) is not None:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for match in _URL_MONTH.finditer(path):
        month_text = match.group("month").lower()
        month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text, 0)
        year = int(match.group("year"))
        if 1 <= month <= 12 and dt.date(year, month, 1) <= dt.date.today():
            return year, month
    return None


def url_clues(url: str | None) -> list[DateClue]:
    """The page address's date as a clue (an empty list when it holds none)."""
    value = url_date(url)
    return [DateClue(value, "url")] if value else []
