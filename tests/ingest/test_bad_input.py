"""Every kind of bad input becomes one Failure with a one-line reason, and the batch goes on."""

from __future__ import annotations

import gzip
import io
import random
import time
from pathlib import Path

import pytest

from eventledger.errors import BinaryInputError, DecodeError, EmptyInputError
from eventledger.ingest import read_inputs, read_source
from eventledger.ingest.decode import decode_text
from eventledger.models import Article, Failure

from .corpus import CONVOY_BODY, ROCKET_BODY, html_page, paragraphs

ARABIC = "سقطت ثلاثة صواريخ قرب القاعدة الجوية مساء الاثنين ولم تسجل اي اصابات بين الجنود او السكان في القرى المجاورة."
FRENCH = "Trois roquettes sont tombées près de la base aérienne lundi soir; les sécurités ont bouclé le périmètre jusqu'à l'aube."


def _garbage(size: int = 4000) -> bytes:
    rng = random.Random(7)
    return bytes(rng.randrange(1, 256) for _ in range(size))  # no NUL: the control bytes tell


def _high_garbage(size: int = 3000) -> bytes:
    rng = random.Random(3)
    return bytes(rng.choice([32, *range(128, 256)]) for _ in range(size))  # every byte decodes in cp1256


BAD = [
    ("empty", b"", "empty"),
    ("whitespace only", b"  \n\t\n   \r\n", "empty"),
    ("nul bytes", b"some words\x00\x00\x01 more words", "binary"),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    ("zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP"),
    ("garbage bytes", _garbage(), "not text: binary data (control bytes)"),
    # 30 bytes charset-normalizer took for Chinese: "only 1 word" before the fallbacks decided
    ("a few binary bytes", bytes.fromhex("f7e2bafa9980b1a89c97d5a6de9af0d2ae9add9a90b2b4d2dfacf595bee7"), "not text"),
    ("high-byte garbage", _high_garbage(), "garbage"),
    ("truncated html", b"<!DOCTYPE html><html><head><title>Rockets near the ba", "truncated"),
    ("html with no text", b"<html><head><title>x</title></head><body><div></div></body></html>", "no article text"),
    ("too few words", b"Breaking news", "no article text"),
    ("furniture only", b"Spread the love\nTotal\n0\nShare\nA- A A +\n", "no article text"),
    ("bad json", b'{"text": "an unterminated string', "not valid JSON"),
    ("json without text", b'{"title": "A headline", "url": "https://example.org/a"}', "no text field"),
    ("csv without text column", b"date,place,killed\n2020-10-01,Basra,2\n", "no article text"),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD, ids=[b[0] for b in BAD])
def test_bad_file_becomes_one_failure_with_a_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / ("input.json" if "json" in name else "input.csv" if "csv" in name else "input.txt")
    path.write_bytes(data)
    results = list(read_source(str(path), fetcher=None))
    failures = [r for r in results if isinstance(r, Failure)]
    assert not [r for r in results if isinstance(r, Article)]
    assert len(failures) >= 1
    assert reason.casefold() in failures[0].reason.casefold(), failures[0].reason
    assert "\n" not in failures[0].reason and failures[0].stage == "ingest"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [("cp1256", ARABIC), ("latin-1", FRENCH), ("cp1252", FRENCH + " L’armée a dit “rien”."), ("utf-16", ARABIC),
     ("utf-8-sig", FRENCH), ("latin-1", "Drei Raketen schlugen am Montagabend nahe dem Flughafen ein; über Verletzte hieß es nichts."),
     ("cp1256", "قصف " + ARABIC)],
)
def test_legacy_encodings_are_decoded_and_ingested(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    [article] = list(read_source(str(path), fetcher=None))
    assert isinstance(article, Article), article
    assert article.text == text


def test_mixed_encodings_decode_line_by_line() -> None:
    data = (FRENCH.encode("utf-8") + b"\n" + ARABIC.encode("cp1256") + b"\n" + "Fin du rapport, sans autre détail.".encode())
    text, encoding = decode_text(data)
    assert encoding == "mixed"
    assert text.splitlines() == [FRENCH, ARABIC, "Fin du rapport, sans autre détail."]


@pytest.mark.parametrize(
    ("data", "error"),
    [(b"", EmptyInputError), (b"\n \n", EmptyInputError), (b"ab\x00cd", BinaryInputError), (_garbage(), BinaryInputError),
     (_high_garbage(), DecodeError)],
)
def test_decode_text_raises_the_right_error(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        decode_text(data)


def test_hundred_megabyte_file_is_refused_by_size_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: instant to make, 100 MB by stat
        handle.truncate(100 * 1024 * 1024)
    started = time.perf_counter()
    [failure] = list(read_source(str(path), fetcher=None, max_bytes=20_000_000))
    assert isinstance(failure, Failure)
    assert "over the limit" in failure.reason and "104857600" in failure.reason
    assert time.perf_counter() - started < 1.0


def test_stdin_over_the_limit_fails(tmp_path: Path) -> None:
    stream = io.BytesIO(b"word " * 1000)
    [failure] = list(read_inputs(["-"], None, max_bytes=100, stdin=stream))
    assert isinstance(failure, Failure) and "more than 100 bytes" in failure.reason


def test_deeply_nested_divs_are_flattened_and_read(tmp_path: Path) -> None:
    depth = 100_000
    html = "<html><body>" + "<div>" * depth + "<p>" + " ".join(ROCKET_BODY) + "</p>" + "</div>" * depth + "</body></html>"
    path = tmp_path / "nested.html"
    path.write_text(html, encoding="utf-8")
    started = time.perf_counter()
    [article] = list(read_source(str(path), fetcher=None))
    assert time.perf_counter() - started < 10
    assert isinstance(article, Article) and article.text.startswith("Four rockets")


def test_deep_nesting_that_cannot_be_flattened_fails_cleanly(tmp_path: Path) -> None:
    depth = 100_000
    html = "<html><body>" + "<ul><li>" * depth + " ".join(ROCKET_BODY) + "</li></ul>" * depth + "</body></html>"
    path = tmp_path / "nested-list.html"
    path.write_text(html, encoding="utf-8")
    [failure] = list(read_source(str(path), fetcher=None))
    assert isinstance(failure, Failure)
    assert "nested" in failure.reason and "deep" in failure.reason


@pytest.mark.parametrize("suffix", [".txt.gz", ".html.gz", ".gz"])
def test_gzip_bomb_is_stopped_at_max_bytes(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"bomb{suffix}"
    with gzip.open(path, "wb", compresslevel=9) as handle:
        chunk = b" " * (1 << 20)
        for _ in range(30):  # 30 MB of spaces, a few KB compressed
            handle.write(chunk)
    assert path.stat().st_size < 100_000
    [failure] = list(read_source(str(path), fetcher=None, max_bytes=2_000_000))
    assert isinstance(failure, Failure) and "over the limit" in failure.reason


def test_gzipped_text_within_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(paragraphs(CONVOY_BODY).encode("utf-8")))
    [article] = list(read_source(str(path), fetcher=None))
    assert isinstance(article, Article) and article.text.startswith("A roadside bomb")


def test_corrupt_gzip_fails(tmp_path: Path) -> None:
    path = tmp_path / "broken.gz"
    path.write_bytes(gzip.compress(paragraphs(CONVOY_BODY).encode())[:40])
    [failure] = list(read_source(str(path), fetcher=None))
    assert isinstance(failure, Failure) and "gzip" in failure.reason


def test_one_bad_input_never_stops_the_batch(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for index, (_, data, _) in enumerate(BAD):
        (folder / f"{index:02d}.txt").write_bytes(data)
    (folder / "50_good.txt").write_text(paragraphs(ROCKET_BODY), encoding="utf-8")
    (folder / "51_good.html").write_text(html_page("Convoy struck on highway", CONVOY_BODY), encoding="utf-8")
    with (folder / "52_huge.txt").open("wb") as handle:
        handle.truncate(50_000_000)
    results = list(read_inputs([str(folder), str(tmp_path / "missing.txt")], None, max_bytes=20_000_000))
    articles = [r for r in results if isinstance(r, Article)]
    failures = [r for r in results if isinstance(r, Failure)]
    assert {a.text.split()[0] for a in articles} == {"Four", "A"}
    assert len(failures) == len(BAD) + 2  # each bad file, the huge one, the missing path
    assert all(f.reason and "\n" not in f.reason for f in failures)
    assert any("no such file" in f.reason for f in failures)


@pytest.mark.parametrize("opening", ["MZ", "ID3", "RIFF", "BZh"])
def test_text_that_starts_like_a_weak_signature_is_still_text(tmp_path: Path, opening: str) -> None:
    path = tmp_path / "odd.txt"
    path.write_text(f"{opening} tags were found on files seized by the police. " + paragraphs(CONVOY_BODY), encoding="utf-8")
    [article] = list(read_source(str(path), fetcher=None))
    assert isinstance(article, Article) and article.text.startswith(opening)
