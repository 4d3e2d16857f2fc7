"""The article page says how an undated article was dated, and shows reference entries escaped."""

from __future__ import annotations

import datetime as dt

from eventledger.models import Article, ArticleExtraction, Citation, Span
from eventledger.store import open_store


def test_article_page_shows_the_anchor_and_escapes_reference_titles(tmp_path, make_client) -> None:
    db = str(tmp_path / "anchor.db")
    undated = Article.create("An envoy met militia leaders in Baghdad last week.", title="Envoy in Baghdad")
    listing = Article.create("Sources\n\nRudaw, “<script>alert(1)</script> Envoy in Baghdad,” 11/24/20", published=dt.date(2020, 12, 1))
    reference = Citation("Rudaw", Span(9, 14, "Rudaw"), outlet_id="rudaw", title="<script>alert(1)</script> Envoy in Baghdad", published=dt.date(2020, 11, 24))
    with open_store(db) as store:
        store.add_articles([undated, listing])
        store.save_extractions([
            ArticleExtraction(article_id=undated.id, anchor_date=dt.date(2020, 11, 24), anchor_source=f"{listing.id}: Rudaw"),
            ArticleExtraction(article_id=listing.id, citations=(reference,)),
        ])
    with make_client(db) as client:
        page = client.get(f"/articles/{undated.id}").text
        assert "dated as 2020-11-24" in page
        listed = client.get(f"/articles/{listing.id}").text
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Envoy in Baghdad" in listed and "<script>alert(1)" not in listed
        assert "2020-11-24" in listed
