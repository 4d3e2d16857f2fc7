"""Any text at all: extraction never raises, and every span it returns indexes the text."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventledger.extract import extract_article
from eventledger.models import Article

WORDS = st.sampled_from(
    ["rockets", "hit", "the", "base", "Baghdad", "on", "Tuesday", "killing", "two", "—", "–", "\n", "\n\n", ",", ".",
     "claimed", "responsibility", "Kataib", "Hezbollah", "AP", "reported", "October", "Totals", "7", "IED", "convoy",
     "no", "if", "truce", "met", "“", "”", "al-", "12/24/20", "between", "and", "wounded", "dozens", "Qaani"]
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(WORDS, max_size=60), published=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)))
def test_never_raises_and_spans_index_the_text(words: list[str], published: dt.date | None) -> None:
    text = " ".join(words)
    extraction = extract_article(Article.create(text, published=published))
    for report in extraction.reports:
        for spans in report.evidence.values():
            for span in spans:
                assert 0 <= span.start <= span.end <= len(text)
                assert text[span.start:span.end] == span.text
    for mention in extraction.mentions:
        assert text[mention.span.start:mention.span.end] == mention.span.text


def test_empty_and_blank_texts() -> None:
    for text in ("", "   ", "\n\n\n"):
        assert extract_article(Article.create(text)).reports == ()
