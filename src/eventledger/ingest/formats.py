"""Data tables for reading inputs: magic numbers, record field names, file extensions.

Kept apart from the code that uses them so that a new field name or a new binary signature is a
one-line change here (house style: patterns and word lists are data).
"""

from __future__ import annotations

# Leading bytes of formats that are not text and that no reader handles. Gzip is absent on
# purpose: it is decompressed (with a size cap) and its content sniffed again.
BINARY_MAGIC: dict[bytes, str] = {
    b"%PDF-": "PDF document",
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"PK\x03\x04": "ZIP archive (or office document)",
    b"\x7fELF": "ELF executable",
    b"MZ": "Windows executable",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ\x00": "xz archive",
    b"7z\xbc\xaf\x27\x1c": "7-Zip archive",
    b"Rar!\x1a\x07": "RAR archive",
    b"SQLite format 3\x00": "SQLite database",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "OLE document (old Word/Excel)",
    b"RIFF": "RIFF media file",
    b"OggS": "Ogg media file",
    b"ID3": "MP3 audio",
    b"\x00\x00\x00\x18ftyp": "MP4 video",
    b"\x00\x00\x00\x20ftyp": "MP4 video",
}

# Signatures made of printable letters: they count only when what follows is not text.
WEAK_MAGIC = frozenset({b"MZ", b"BZh", b"RIFF", b"OggS", b"ID3"})

GZIP_MAGIC = b"\x1f\x8b"
WARC_MAGIC = b"WARC/"

# Record field names, in order of preference, for JSON, JSONL and CSV inputs.
TEXT_FIELDS = ("text", "body", "content", "notes", "summary", "EventSnippet", "article", "description")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link", "source_url")
OUTLET_FIELDS = ("outlet", "source", "site", "site_name", "publisher")
PUBLISHED_FIELDS = ("published", "date", "pubDate", "published_at", "event_date", "iyear_date")

# Keys under which a JSON document may hold its list of records.
RECORD_LIST_KEYS = ("articles", "items", "records", "data", "documents", "entries", "results")

# Extensions that name a format outright (content still wins when it clearly disagrees).
EXTENSION_FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".urls": "urls",
}

# Extensions of Markdown files, read as plain text once their syntax is taken off.
MARKDOWN_EXTENSIONS = (".md", ".markdown")

# Files a folder walk skips (hidden files are skipped too): things that are never articles, such as
# code, configuration and gold/annotation files kept next to a corpus. Named on the command line,
# such a file is still read.
SKIPPED_SUFFIXES = (".pyc", ".py", ".db", ".sqlite", ".lock", ".tmp", ".swp", ".yaml", ".yml", ".toml", ".ini",
                    ".cfg", ".js", ".css", ".sh", ".log")
SKIPPED_NAMES = ("readme", "license", "licence", "changelog", "notice", "makefile")

# Below this many words a text is not an article (a stray title, a bare date).
MIN_ARTICLE_WORDS = 5
# A record of a CSV/JSON export is a coder's event note; "Protest in Nairobi town." is a real one.
MIN_RECORD_WORDS = 2

# Front matter keys of Markdown/static-site pages (Jekyll, Hugo, Eleventy...), in order of
# preference. Author and tags are read (and never shown as text) but an Article has no field
# for them yet.
FRONT_MATTER_TITLE = ("title", "headline")
FRONT_MATTER_PUBLISHED = ("date", "published", "publishdate", "publish_date", "pubdate", "published_at", "created",
                          "created_at")
FRONT_MATTER_UPDATED = ("lastmod", "last_modified_at", "updated", "updated_at", "modified", "modified_at")
FRONT_MATTER_OUTLET = ("outlet", "publisher", "source", "site", "site_name")
FRONT_MATTER_URL = ("canonical_url", "canonical", "original_url", "source_url", "url", "link", "permalink")
FRONT_MATTER_AUTHORS = ("author", "authors", "byline")
FRONT_MATTER_TAGS = ("tags", "categories", "keywords")
