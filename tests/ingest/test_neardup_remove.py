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


def test_copies_that_share_buckets_are_forgotten_one_at_a_time():
    # two indexed copies of one text fall in the same LSH buckets; removing the first leaves the second
    words = " ".join(f"patrol{n} checkpoint Baiji mortar" for n in range(40))
    index = NearDuplicateIndex()
    index.add("first", words)
    index.add("second", words + " and a closing line")
    index.add("third", words)
    assert index.find(words) == "first" and len(index) == 3
    index.remove("first")
    assert index.find(words) == "second"
    index.remove("second")
    assert index.find(words) == "third"
    index.remove("third")
    assert index.find(words) is None and len(index) == 0
    index.add("first", words)  # an id forgotten can come back, as the latest copy
    assert index.find(words) == "first"
