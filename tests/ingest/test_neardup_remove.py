"""A removed original is no longer found; its replacement is."""

from eventledger.ingest import NearDuplicateIndex


def test_removed_article_is_not_found_and_its_replacement_is():
    words = " ".join(f"word{n} convoy Samawah rockets" for n in range(40))
    index = NearDuplicateIndex(threshold=0.7)
    index.add("old", words)
    assert index.find(words + " extra tail") == "old"
    index.remove("old")
    assert "old" not in index and index.find(words) is None
    index.add("new", words + " extra tail")
    assert index.find(words) == "new"
    index.remove("never-added")  # forgetting an unknown id is harmless
