"""MinHash signatures and LSH bands: estimates that hold, and datasketch's values where it is installed."""

from __future__ import annotations

import numpy as np
import pytest

from eventledger.ingest import minhash
from eventledger.ingest.neardup import shingles

# Texts written for these tests.
BASE = (
    "Gunmen on motorcycles attacked a market in the northern town before dawn on Tuesday, "
    "killing at least twelve traders and wounding many more, a local official said by phone. "
)
TEXTS = [
    BASE * 3,
    BASE * 2 + "Police said they had arrested two suspects and were searching nearby villages. ",
    "Thousands marched through the capital to demand the release of detained journalists. " * 4,
    "",
]


def _estimate(one: set[bytes], other: set[bytes], num_perm: int = 256) -> float:
    a, b = minhash.signature(one, num_perm), minhash.signature(other, num_perm)
    return float(np.count_nonzero(a == b)) / num_perm


def test_equal_sets_have_equal_signatures_whatever_their_order() -> None:
    grams = sorted(shingles(TEXTS[1]))
    assert np.array_equal(minhash.signature(grams, 128), minhash.signature(reversed(grams), 128))


@pytest.mark.parametrize("shared", [0.2, 0.5, 0.8])
def test_the_share_of_equal_minima_estimates_jaccard(shared: float) -> None:
    common = {f"common {i}".encode() for i in range(int(1000 * shared))}
    one = common | {f"one {i}".encode() for i in range(1000 - len(common))}
    other = common | {f"other {i}".encode() for i in range(1000 - len(common))}
    truth = len(one & other) / len(one | other)
    assert abs(_estimate(one, other) - truth) < 0.08


def test_an_empty_set_has_the_empty_signature() -> None:
    assert (minhash.signature([], 64) == np.uint32(0xFFFFFFFF)).all()


@pytest.mark.parametrize("num_perm", [64, 128])
def test_bands_fit_the_signature_and_a_higher_threshold_asks_longer_bands(num_perm: int) -> None:
    chosen = [minhash.bands(t, num_perm) for t in (0.3, 0.5, 0.7, 0.9)]
    assert all(1 <= b and b * r <= num_perm for b, r in chosen)
    rows = [r for _, r in chosen]
    assert rows == sorted(rows) and rows[0] < rows[-1]


def test_values_are_datasketchs() -> None:
    datasketch = pytest.importorskip("datasketch")
    template = datasketch.MinHash(num_perm=128)
    for text in TEXTS:
        grams = list(shingles(text))
        theirs = datasketch.MinHash(num_perm=128, permutations=template.permutations, scheme=template.scheme)
        theirs.update_batch(grams)
        assert np.array_equal(theirs.hashvalues.astype(np.uint32), minhash.signature(grams, 128))
    for threshold in (0.5, 0.6, 0.7, 0.75, 0.8, 0.9):
        for num_perm in (64, 128, 256):
            lsh = datasketch.MinHashLSH(threshold=threshold, num_perm=num_perm)
            assert (lsh.b, lsh.r) == minhash.bands(threshold, num_perm)
