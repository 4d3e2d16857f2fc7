"""How plain-text articles write their header (data, read by textmeta.py).

A text dump of a news page starts with some of: a site or blog name, a date line, the headline
(sometimes twice), a kicker or category label, a byline, then the first paragraph, which may open
with a dateline naming the outlet ("SULAIMANI (ESTA) —", "Shafaq News /", "Islam News- ").
"""

from __future__ import annotations

import re

# Outlet names recognised when a line consists of the name alone (a blog header or a signature
# at the end of the text) or when it opens the first paragraph as "Name- ".
KNOWN_OUTLETS: tuple[str, ...] = (
    "Musings on Iraq",
    "Islam News",
    "Shafaq News",
    "ESTA",
    "Rudaw",
    "Kurdistan 24",
    "Middle East Eye",
    "Al-Monitor",
    "Al Monitor",
    "Al Arabiya",
    "Al Jazeera",
    "Al Aalem",
    "Alsumaria News",
    "Asharq Al-Awsat",
    "Iraqi News",
    "Iraqi News Agency",
    "The Baghdad Post",
    "Baghdad Today",
    "Basnews",
    "NRT",
    "The New Arab",
    "The National",
    "Anadolu Agency",
    "Xinhua",
    "Reuters",
    "Associated Press",
    "AP",
    "AFP",
    "Agence France-Presse",
    "BBC News",
    "Long War Journal",
    "Defense Post",
)

# Short forms that datelines use, mapped to the outlet's full name.
OUTLET_ALIASES: dict[str, str] = {
    "AP": "Associated Press",
    "The Associated Press": "Associated Press",
    "Agence France-Presse": "AFP",
    "Reuters News": "Reuters",
}

# A feed's title often names a section after the site ("Tigris Wire - Security", "Desert Post »
# World"); the outlet is the part before the first of these separators.
FEED_TITLE_SEPARATORS: tuple[str, ...] = (" - ", " – ", " — ", " | ", " » ", " :: ")

# Regular expressions over the first paragraph; the named group ``outlet`` is the outlet.
# ``needs_known`` means the match counts only when the name is a known outlet or the text ends
# with the same name as a signature line (otherwise "Iraq- the government ..." would be an outlet).
DATELINES: tuple[dict[str, object], ...] = (
    # SULAIMANI (ESTA) —     BAGHDAD, Oct 22 (Reuters) -
    {"pattern": r"^[A-Z][A-Za-z .'’-]{1,40}(?:,[^()\n]{1,30})?\s*\((?P<outlet>[A-Z][^()\n]{0,38})\)\s*[—–-]+\s*", "needs_known": False},
    # Shafaq News / The ministry said ...
    {"pattern": r"^(?P<outlet>[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,4})\s+/\s+", "needs_known": False},
    # Islam News- Middle East Eye reported ...
    {"pattern": r"^(?P<outlet>[A-Z][\w.'’&]*(?:\s+[A-Z][\w.'’&]*){0,4})\s?[-–—]\s+", "needs_known": True},
)

# Header lines that are a byline ("By Jane Doe", "Written by ...") and go from the text.
BYLINE = r"^(?:by|written by|posted by|author\s*:)\s+[A-Z][\w.'’ -]{1,60}$"

# A header line may pack several of these together: "By Jane Doe | October 22, 2020 | Tigris Wire".
META_SEPARATORS = r"\s+[|·•]\s+"

# A header line that is one field of the page's metadata: a bulleted "key: value" ("• time: 11:36
# am", "• category: Security") or a known key ("Category: World", "Reading time: 3 min").
META_FIELD_LINE = (r"^\s*(?:[•·▪*]\s*[A-Za-z][\w &]{0,20}|category|categories|section|reading time|read time|time"
                   r"|views|location|no\.?)\s*:\s*\S.{0,60}$")

# A header line that is a link to the article ("https://...", "Source: https://...").
URL_LINE = r"^(?:(?:source|url|link|original)\s*:\s*)?(?P<url>https?://\S+)$"

# Header lines with at most this many words and no digits, between the headline and the first
# paragraph, are kickers or category labels ("Iraqi factions", "World news") and go from the
# text ("Sri Lanka 227/8" is a score, not a label).
LABEL_MAX_WORDS = 6

# How many non-blank lines from the top are searched for the header.
HEADER_MAX_LINES = 8

# A line of at most this many words, every one capitalised ("World", "Hot Topics", "NATION"),
# above a longer headline is the site's section label, not the title.
SECTION_LABEL_MAX_WORDS = 3

# A non-prose line of at least this many words that the header shows twice is the headline (the
# lines above its first showing are the site's navigation).
REPEATED_HEADLINE_MIN_WORDS = 4
# ... provided every line above it has at most this many words (navigation, section labels); a
# caption shown twice below the real headline is not the title.
NAVIGATION_MAX_WORDS = 6

# A breadcrumb trail of site sections above the headline: "Politics › security", "IPFS News Link •
# WAR: About that War" (each part this many words at most); it is never the title.
BREADCRUMB_SEPARATOR = re.compile(r"\s+[›»•>]\s+|\s*[›»]\s*")
BREADCRUMB_PART_MAX_WORDS = 4
