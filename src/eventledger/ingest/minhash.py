"""MinHash signatures and LSH banding for the near-duplicate index, in numpy alone.

The same values as ``datasketch`` 2.0's ``MinHash`` (its default "affine32" scheme: SHA-1's first
four bytes, the MurmurHash3 finalizer, then ``a * h + b`` modulo 2**32 for each of ``num_perm``
odd ``a`` drawn with seed 1) and the same bands as its ``MinHashLSH`` (the bands ``b`` and rows
``r`` that minimise the equally weighted areas of false positives and false negatives).
``tests/ingest/test_minhash.py`` checks both against datasketch where it is installed.

Importing datasketch imports ``scipy.integrate`` (for those two areas), 1.4 s of every
process's start, more than ``ingest`` then spends hashing a hundred articles; the areas are
integrals of polynomials of degree ``b * r <= num_perm``, which Gauss-Legendre quadrature with
``num_perm`` nodes computes exactly.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache

import numpy as np
from numpy.polynomial.legendre import leggauss

SEED = 1
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
_EMPTY = np.uint32(0xFFFFFFFF)


@cache
def permutations(num_perm: int, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """The ``(a, b)`` of the ``num_perm`` affine permutations (``a`` odd), drawn as datasketch does."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    a.flags.writeable = b.flags.writeable = False
    return a, b


def _fmix32(values: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX32
    values = values ^ (values >> s1)
    values = values * m1
    values = values ^ (values >> s2)
    values = values * m2
    mixed: np.ndarray = values ^ (values >> s3)
    return mixed


def signature(items: Iterable[bytes], num_perm: int) -> np.ndarray:
    """The MinHash of a set of byte strings: ``num_perm`` uint32 minima (all 2**32-1 when empty)."""
    hashed = [int.from_bytes(hashlib.sha1(item).digest()[:4], "little") for item in items]
    if not hashed:
        return np.full(num_perm, _EMPTY, dtype=np.uint32)
    a, b = permutations(num_perm)
    values = _fmix32(np.array(hashed, dtype=np.uint32).reshape(-1, 1))
    with np.errstate(over="ignore"):  # the wrap-around is the modulo 2**32
        permuted = values * a + b
    minima: np.ndarray = np.minimum(permuted.min(axis=0), _EMPTY)
    return minima


@cache
def bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """The (bands, rows per band) with ``bands * rows <= num_perm`` that minimise the area of
    false positives (similarity below ``threshold`` still sharing a band) plus that of false
    negatives (above it sharing none), weighted equally."""
    nodes, weights = leggauss(num_perm)

    def area(low: float, high: float, curve: np.ndarray) -> float:
        return float((high - low) / 2 * np.dot(weights, curve))

    below = threshold / 2 * (nodes + 1)  # the nodes mapped onto [0, threshold]
    above = threshold + (1 - threshold) / 2 * (nodes + 1)  # and onto [threshold, 1]
    best, chosen = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            false_positive = area(0.0, threshold, 1 - (1 - below**r) ** b)
            false_negative = area(threshold, 1.0, (1 - above**r) ** b)
            error = 0.5 * false_positive + 0.5 * false_negative
            if error < best:
                best, chosen = error, (b, r)
    return chosen
