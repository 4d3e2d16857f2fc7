"""Bytes to text, safely: bounded reads, binary detection, capped gunzip, encoding detection.

Every function raises an :class:`~eventledger.errors.IngestError` subclass with a one-line reason
instead of letting a bad input through or reading without bound.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import unicodedata
import zlib
from collections import Counter
from pathlib import Path
from typing import BinaryIO

import charset_normalizer

from eventledger.errors import BinaryInputError, DecodeError, EmptyInputError, TooLargeError
from eventledger.ingest.formats import BINARY_MAGIC, GZIP_MAGIC, WEAK_MAGIC

# Encodings tried when a text is not UTF-8; the quality score picks between them and, on a tie,
# the earlier one wins (cp1252 first: French read as cp1256 is identical, so a tie means Western).
FALLBACK_ENCODINGS = ("cp1252", "cp1256", "latin-1")

# A legacy (non-UTF-8) decoding must read at least this much like prose (letters and spaces,
# less penalties; see _letter_quality): real Arabic or French text scores about 0.9, random
# bytes score below 0.
MIN_LEGACY_QUALITY = 0.5

# Below this many bytes the encoding is not guessed beyond the fallbacks.
MIN_GUESS_BYTES = 128

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_file(path: Path, max_bytes: int) -> bytes:
    """Read a whole file, refusing it by ``stat`` before reading when it is over ``max_bytes``."""
    size = path.stat().st_size
    if size > max_bytes:
        raise TooLargeError(f"{size} bytes, over the limit of {max_bytes} (raise max_bytes to read it)")
    with path.open("rb") as handle:
        return read_capped(handle, max_bytes)


def read_capped(stream: BinaryIO, max_bytes: int) -> bytes:
    """Read a stream to its end, but never more than ``max_bytes`` (+1 to detect overflow)."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLargeError(f"more than {max_bytes} bytes (raise max_bytes to read it)")
    return data


class CappedReader(io.RawIOBase):
    """A read-only stream that raises ``TooLargeError`` once more than ``limit`` bytes pass."""

    def __init__(self, inner: BinaryIO, limit: int, what: str = "decompressed data") -> None:
        self.inner = inner
        self.limit = limit
        self.what = what
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        data = self.inner.read(len(buffer))
        self.count += len(data)
        if self.count > self.limit:
            raise TooLargeError(f"{self.what} over the limit of {self.limit} bytes (a compression bomb?)")
        buffer[: len(data)] = data
        return len(data)


def is_gzip(data: bytes) -> bool:
    """True when ``data`` starts with the gzip magic number."""
    return data[:2] == GZIP_MAGIC


def open_gunzip(data: bytes, max_bytes: int) -> io.BufferedReader:
    """A stream of the decompressed content of ``data`` that fails past ``max_bytes``."""
    capped = CappedReader(gzip.GzipFile(fileobj=io.BytesIO(data)), max_bytes)  # type: ignore[arg-type]
    return io.BufferedReader(capped, buffer_size=1 << 16)


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip ``data`` (all members), stopping with ``TooLargeError`` past ``max_bytes``."""
    try:
        return read_capped(open_gunzip(data, max_bytes), max_bytes)
    except (OSError, EOFError, zlib.error) as exc:
        raise DecodeError(f"corrupt or truncated gzip data ({exc})") from exc


def binary_kind(data: bytes) -> str | None:
    """Name the binary format of ``data``, or None when it may be text."""
    head = data[:16]
    for magic, kind in BINARY_MAGIC.items():
        if head.startswith(magic):
            if magic in WEAK_MAGIC and _mostly_text(data[:4096]):
                continue  # a text that happens to start with "MZ" or "ID3"
            return kind
    sample = data[:8192]
    if any(sample.startswith(bom) for bom, _ in _BOMS[1:]):
        return None  # UTF-16/32 text legitimately holds NUL bytes
    if b"\x00" in sample:
        return "binary data (NUL bytes)"
    if len(sample.translate(None, _NOT_CONTROL)) > MAX_CONTROL_BYTES * len(sample):
        return "binary data (control bytes)"
    return None


# C0 control bytes that no text holds in any encoding we read (single-byte or CJK multi-byte:
# their second bytes are 0x30 and above): all but tab, newlines, form feed and escape (ISO-2022).
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\v\f\r\x1b")
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
# Random bytes hold about 9% of them; a text may hold a stray one (a DOS end-of-file mark).
MAX_CONTROL_BYTES = 0.01


def _mostly_text(sample: bytes) -> bool:
    printable = sum(1 for b in sample if b in (9, 10, 13) or 32 <= b < 127 or b >= 128)
    return printable >= 0.95 * max(1, len(sample))


def control_ratio(text: str) -> float:
    """Share of characters that no text contains: controls, private-use, replacement, unassigned."""
    if not text:
        return 0.0
    # Count each distinct character once (Counter runs in C): a per-character Python loop would
    # dominate the cost of reading a page.
    bad = sum(count for char, count in Counter(text).items() if _is_bad(char))
    return bad / len(text)


def _is_bad(char: str) -> bool:
    if char in "\n\r\t\f":
        return False
    return char == "\ufffd" or unicodedata.category(char) in ("Cc", "Co", "Cn", "Cs")


def _letter_quality(text: str) -> float:
    """How much a decoding reads like prose: letters and spaces over all characters, less penalties.

    Penalties: Latin-1 symbols (¡ ¿ « ± ³ ...), control characters, and incoherent words — words
    that mix Arabic and Latin letters ("hieك": German read as cp1256) or flip case inside the word
    ("ÕæÇÑíÎ": Arabic read as cp1252). Each wrong codec produces one of these.
    """
    score = 0
    for char, count in Counter(text).items():
        if char.isalpha() or char.isspace():
            score += count
        elif "\xa1" <= char <= "\xbf" or char in "\xd7\xf7":
            score -= 3 * count
        elif _is_bad(char):
            score -= 10 * count
    incoherent = sum(len(word) for word in _WORD.findall(text) if _incoherent(word))
    return (score - 2 * incoherent) / max(1, len(text))


_WORD = re.compile(r"[^\W\d_]{2,}")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CASE_FLIP = re.compile(r"[a-z\u00df-\u00ff][A-Z\u00c0-\u00de]")


def _incoherent(word: str) -> bool:
    if _ARABIC.search(word) and _LATIN.search(word):
        return True
    return len(_CASE_FLIP.findall(word)) >= 2


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text; return ``(text, encoding)``.

    Order: BOM, UTF-8, the declared charset, then the fallbacks (cp1256, cp1252, latin-1) with the
    best-reading one kept. A file mixing UTF-8 lines and legacy lines is decoded line by line.
    Raises ``EmptyInputError``, ``BinaryInputError`` or ``DecodeError``.
    """
    if not data.strip():
        raise EmptyInputError("empty or whitespace-only input")
    kind = binary_kind(data)
    if kind:
        raise BinaryInputError(f"not text: {kind}")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {encoding} byte-order mark but does not decode ({exc.reason})") from exc
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[str, str]] = []
    if declared:
        try:
            candidates.append((data.decode(declared), declared.lower()))
        except (UnicodeDecodeError, LookupError):
            pass
    lines = data.split(b"\n")
    utf8_lines = sum(1 for line in lines if _is_utf8(line) and any(b >= 128 for b in line))
    if utf8_lines:
        # Some non-ASCII lines are valid UTF-8, others are not: a concatenation of two sources.
        candidates.append((_decode_mixed(lines), "mixed"))
    for encoding in FALLBACK_ENCODINGS:
        try:
            candidates.append((data.decode(encoding), encoding))
        except UnicodeDecodeError:
            continue
    # charset-normalizer guesses wildly on a few bytes (30 random bytes read as 15 Chinese
    # characters); a text that short is in one of the fallbacks or it is not text.
    guess = _normalizer_guess(data) if len(data) >= MIN_GUESS_BYTES else None
    if guess is not None:
        candidates.append(guess)
    if not candidates:
        raise DecodeError("no known encoding decodes it")
    # max() keeps the first of equal scores: the declared charset, then the fallbacks in order.
    text, encoding = max(candidates, key=lambda item: _letter_quality(item[0]))
    if _letter_quality(text[:20000]) < MIN_LEGACY_QUALITY:
        raise DecodeError(f"not UTF-8, and reads as garbage in every fallback encoding (best: {encoding}); not text")
    return _checked(text, encoding)


def _normalizer_guess(data: bytes) -> tuple[str, str] | None:
    # charset-normalizer weighs language coherence; it answers None for random bytes.
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        return None
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        return None


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_mixed(lines: list[bytes]) -> str:
    legacy = [line for line in lines if not _is_utf8(line)]
    sample = b"\n".join(legacy)
    best = max(FALLBACK_ENCODINGS, key=lambda enc: _letter_quality(sample.decode(enc, errors="replace")))
    return "\n".join(line.decode("utf-8") if _is_utf8(line) else line.decode(best, errors="replace") for line in lines)


def _checked(text: str, encoding: str) -> tuple[str, str]:
    # A decoding full of control or unassigned characters is garbage, whatever codec produced it.
    if control_ratio(text[:20000]) > 0.02:
        raise DecodeError(f"decodes as {encoding} only to garbage (control or unassigned characters); not text")
    if not text.strip():
        raise EmptyInputError("empty or whitespace-only input")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding
