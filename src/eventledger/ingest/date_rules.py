"""Where pages keep their publication date, and the words that label it (data, read by dates.py,
pubdate.py and htmlmeta.py).

Everything here is matched case-insensitively unless said otherwise.
"""

from __future__ import annotations

# Words that label a date as the publication date ("Published: 3 May 2020", "Posted on ...",
# "date 2020-05-20") or as a later revision ("Updated 4 May 2020"). Longest first matters only
# for reading; the regular expression is built from these lists.
PUBLISHED_LABELS: tuple[str, ...] = (
    "first published", "originally published", "published on", "published", "publish", "posted on", "posted",
    "released", "issued", "created", "dated", "date", "publication date", "pub date", "date of publication",
    "date published", "date posted", "filed", "added",
)
UPDATED_LABELS: tuple[str, ...] = (
    "last updated on", "last updated", "updated on", "updated", "last modified", "modified", "revised", "edited",
    "last update", "date modified",
)

# A label may be a short clause about the page: a subject, up to two auxiliary words, then one of
# the labels above ("This article was first published on", "Story posted at", "Page last updated
# at"), or one of the SUBJECT_ONLY_LABELS, which label a date only after a subject ("This Article
# is From Dec 27, 2013"; a bare "from" before a date is a range's or a sentence's).
LABEL_SUBJECTS: tuple[str, ...] = (
    "article", "story", "post", "page", "report", "item", "entry", "news", "video", "content", "blog post",
)
LABEL_SUBJECT_DETERMINERS: tuple[str, ...] = ("this", "the")
LABEL_AUXILIARIES: tuple[str, ...] = ("is", "was", "has been", "had been", "were", "first", "last", "originally")
SUBJECT_ONLY_LABELS: tuple[str, ...] = ("from", "dated from")

# Words that may stand beside a date on a byline line without making it a sentence: the line is
# still "a date and a name" ("By Jane Doe | May 3, 2020", "Source: Tigris Wire May 3, 2020").
BYLINE_WORDS: tuple[str, ...] = ("by", "and", "&", "at", "on", "source", "from", "de", "da", "del", "van", "von", "der", "al", "bin", "el")

# A date line carries at most this many other words (a name, an outlet, a section label); the
# connecting words above do not count. A longer run of capitalised words is a headline.
DATE_LINE_MAX_NAME_WORDS = 4
# ... and is at most this long.
DATE_LINE_MAX_CHARS = 120

# Lines that carry a date but are never the page's: a tweet embed's signature
# ("— Name (@handle) May 17, 2015"), a quoted post, a picture's own date.
NOT_PUBLICATION_LINES: tuple[str, ...] = (
    r"^\s*[—―]",  # an embed's or a quote's signature line starts with a dash
    r"@\w",  # a social-media handle
    r"pic\.twitter\.com|twitter\.com/|x\.com/",
    r"^\s*(?:file|file photo|photo|picture|image)\s*[-:–—]",
)

# A run of page furniture glued to a line of text is cut into its parts at these separators ("...
# security sources said. ANI | Kabul | Updated: 22-04-2021 12:03 IST | Created: 22-04-2021").
DATE_RUN_SEPARATORS = r"\s+[|·•]\s+"

# How many non-blank lines from the top of a text are searched for its date lines: the header,
# and a standfirst or a byline that comes after the first paragraph.
DATE_WINDOW_LINES = 8

# <meta> names (name=, property= or itemprop=) that hold the publication or the revision date.
PUBLISHED_META: tuple[str, ...] = (
    "article:published_time", "og:published_time", "og:article:published_time", "article:published",
    "article.published", "datepublished", "dc.date.issued", "dc.date.created", "dc.date", "dcterms.issued",
    "dcterms.created", "dcterms.date", "dc.issued", "pubdate", "publishdate", "publish-date", "publish_date",
    "published_time", "published-date", "published_date", "publication_date", "publication-date",
    "sailthru.date", "parsely-pub-date", "article_date_original", "original-publish-date", "date",
    "citation_publication_date", "citation_date", "prism.publicationdate",
)
UPDATED_META: tuple[str, ...] = (
    "article:modified_time", "og:updated_time", "og:modified_time", "article:modified", "datemodified",
    "dc.date.modified", "dcterms.modified", "last-modified", "lastmod", "revised", "updated_time",
    "modified_time", "article.updated",
)

# JSON-LD node types whose datePublished is the page's (a page's graph may also list other
# articles, an organisation, a breadcrumb trail).
ARTICLE_TYPES: tuple[str, ...] = (
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "liveblogposting", "socialmediaposting",
    "scholarlyarticle", "techarticle", "report", "posting", "creativework",
)
PAGE_TYPES: tuple[str, ...] = ("webpage", "itempage", "collectionpage", "aboutpage")
JSONLD_PUBLISHED_KEYS: tuple[str, ...] = ("datePublished", "dateCreated")
JSONLD_UPDATED_KEYS: tuple[str, ...] = ("dateModified",)

# Class or id words of the element around a <time> that make it the article's own time.
TIME_CONTEXT = r"date|time|publish|posted|byline|meta|entry|article|story|post-info|dateline"

# Class, id or itemprop words of an element whose text is the article's date ("post-date",
# "entry-date", "article__published", "dateline"), and of one that is a site's clock or
# today's-date widget, which never is.
DATE_ELEMENT_CONTEXT = r"publish|posted|post-?date|entry-?date|article-?date|story-?date|date-?line|byline|pubdate|timestamp|meta-?date"
NOT_DATE_ELEMENT_CONTEXT = r"today|current|clock|weather|calendar|copyright|footer|comment"
