"""Properties over generated inputs: reading never raises, cleaning only ever removes lines."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventledger.ingest import read_source
from eventledger.ingest.furniture import strip_furniture
from eventledger.ingest.sources import Source
from eventledger.models import Article, Failure

from .corpus import CONVOY_BODY, ROCKET_BODY

FRAGMENTS = [
    "<html>", "<body>", "<div>", "</div>", "<p>", "</p>", "<rss>", "<feed>", "{", "}", "[", "]", '"text":', ",", "\n",
    "WARC/1.0\r\n", "\x1f\x8b", "%PDF-", "Total\n0\nShare", "Leave a Reply", "Previous Article", "2020-10-22",
    "https://a.example/x", "file:///etc/passwd", "text,notes\n", "\x00", "\ufeff", "é", "ش", *ROCKET_BODY[:2], *CONVOY_BODY[:2],
]

documents = st.one_of(
    st.binary(max_size=2000),
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
    st.text(max_size=1500).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=documents)
def test_read_source_never_raises_and_yields_only_articles_or_failures(data: bytes) -> None:
    results = list(read_source(Source(location="generated", kind="bytes", data=data), fetcher=None, max_bytes=1_000_000))
    for result in results:
        assert isinstance(result, (Article, Failure))
        if isinstance(result, Failure):
            assert result.reason and "\n" not in result.reason
        else:
            assert result.text.strip() and result.id


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=80)), max_size=30))
def test_strip_furniture_keeps_a_subset_of_the_lines_in_order(lines: list[str]) -> None:
    text = "\n".join(lines)
    cleaned = strip_furniture(text)
    source_lines = [" ".join(line.split()) for line in text.split("\n")]
    position = 0
    for line in cleaned.split("\n"):
        if not line.strip():
            continue
        # Each kept line is an input line, perhaps with glued furniture cut from its ends.
        while position < len(source_lines) and " ".join(line.split()) not in source_lines[position]:
            position += 1
        assert position < len(source_lines), line
        position += 1
