"""Independent sources: copies and citations collapse to their root (eventledger.link.independence)."""

import pytest

from eventledger.link import ArticleInfo, independent_sources, source_roots
from eventledger.models import Article

ARTICLES = {
    "copy-desk": ArticleInfo("copy-desk", "Desk A", cites=("Middle East Eye",)),
    "copy-web": ArticleInfo("copy-web", "Web B", cites=("Middle East Eye",)),
    "mee": ArticleInfo("mee", "Middle East Eye"),
    "mee-self": ArticleInfo("mee-self", "Middle East Eye", cites=("Middle East Eye",)),
    "wire": ArticleInfo("wire", "Wire C", cites=("Associated Press",)),
    "own-1": ArticleInfo("own-1", "River Post"),
    "own-2": ArticleInfo("own-2", "River Post"),
    "other": ArticleInfo("other", "Hill Times"),
    "mirror": ArticleInfo("mirror", "Mirror Site", duplicate_of="other"),
    "mirror-2": ArticleInfo("mirror-2", "Second Mirror", duplicate_of="mirror"),
    "orphan-copy-1": ArticleInfo("orphan-copy-1", "X", duplicate_of="gone"),
    "orphan-copy-2": ArticleInfo("orphan-copy-2", "Y", duplicate_of="gone"),
    "two-cites": ArticleInfo("two-cites", "Digest", cites=("Al Arabiya", "Middle East Eye")),
    "nameless-1": ArticleInfo("nameless-1"),
    "nameless-2": ArticleInfo("nameless-2"),
    "loop-1": ArticleInfo("loop-1", "L1", duplicate_of="loop-2"),
    "loop-2": ArticleInfo("loop-2", "L2", duplicate_of="loop-1"),
}


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        (["copy-desk", "copy-web"], 1),  # both rest on Middle East Eye
        (["copy-desk", "copy-web", "mee"], 1),  # ... and so does the original
        (["mee", "mee-self"], 1),  # citing yourself is no second source
        (["copy-desk", "wire"], 2),
        (["own-1", "own-2"], 1),  # one outlet is one source
        (["own-1", "other"], 2),
        (["other", "mirror", "mirror-2"], 1),  # near-duplicates count as their original
        (["orphan-copy-1", "orphan-copy-2"], 1),  # copies of one unseen original
        (["two-cites", "copy-desk"], 1),  # one root accounts for both
        (["two-cites"], 1),
        (["two-cites", "wire", "own-1"], 3),
        (["nameless-1", "nameless-2"], 2),  # unknown outlets: each article is its own
        (["loop-1", "loop-2"], 1),
        ([], 0),
        (["own-1", "own-1"], 1),
    ],
)
def test_independent_sources(ids, expected):
    assert independent_sources(ids, ARTICLES) == expected


def test_report_citations_replace_article_citations():
    assert independent_sources(["copy-desk", "wire"], ARTICLES, {"wire": ["Middle East Eye"]}) == 1
    assert source_roots("own-1", ARTICLES, ["Reuters"]) == frozenset({"reuters"})


def test_outlet_names_compare_case_insensitively():
    articles = {
        "x": ArticleInfo("x", "A", cites=("Middle East Eye",)),
        "y": ArticleInfo("y", "B", cites=("middle  east eye",)),
    }
    assert independent_sources(["x", "y"], articles) == 1


def test_article_info_from_article():
    article = Article.create("Some words written for this test.", outlet="River Post", duplicate_of="abc")
    info = ArticleInfo.from_article(article, cites=["AP", "AP", ""])
    assert (info.id, info.outlet, info.duplicate_of, info.cites) == (article.id, "River Post", "abc", ("AP",))



def test_two_articles_are_one_source_exactly_when_they_share_a_root():
    # (two articles are counted by one test of their roots, not by the general count)
    for left in ARTICLES:
        for right in ARTICLES:
            shared = source_roots(left, ARTICLES) & source_roots(right, ARTICLES)
            expected = 1 if left == right or shared else 2
            assert independent_sources([left, right], ARTICLES) == expected, (left, right)
