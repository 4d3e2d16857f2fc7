"""Time axes that one wrong date cannot stretch.

An axis spans the *dense range* of the dates: Tukey's far fences (three interquartile ranges
beyond the quartiles), widened to at least ``min_pad`` either side so that a compact set of events
keeps its neighbours. Points beyond the fences are outliers: they are listed beside the chart
(and linked), not drawn on the axis. Of three points, an end point is an outlier when it lies
far (four pads, and ten times the other end's distance) from the middle one; of fewer, nothing is.

The same rule serves the timeline (days) and the overview's monthly bars (months, weighted by the
number of events in each month).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

FAR_FENCE = 3.0  # interquartile ranges beyond the quartiles
MIN_PAD_DAYS = 183  # a timeline keeps everything within half a year of its quartiles
MIN_PAD_MONTHS = 6


@dataclass(frozen=True)
class DenseRange:
    """The range an axis spans; ``outliers`` are the indexes of the points outside it."""

    low: float
    high: float
    outliers: tuple[int, ...] = ()


def _weighted_quantile(ordered: Sequence[tuple[float, int]], fraction: float) -> float:
    """The value below which ``fraction`` of the total weight lies (``ordered`` sorted by value)."""
    total = sum(w for _, w in ordered)
    target = fraction * total
    seen = 0
    for value, weight in ordered:
        seen += weight
        if seen >= target:
            return value
    return ordered[-1][0]


def dense_range(values: Sequence[float], weights: Sequence[int] | None = None, *, min_pad: float) -> DenseRange:
    """The range of ``values`` (each counted ``weights[i]`` times) without its outliers.

    Raises ``ValueError`` on no values: an empty axis has no range.
    """
    if not values:
        raise ValueError("dense_range of no values")
    weights = list(weights) if weights is not None else [1] * len(values)
    if sum(weights) == 3 and len(values) == 3:
        return _three_points(values, min_pad)
    if sum(weights) < 4:
        return DenseRange(min(values), max(values))
    ordered = sorted(zip(values, weights, strict=True))
    q1, q3 = _weighted_quantile(ordered, 0.25), _weighted_quantile(ordered, 0.75)
    fence = max(FAR_FENCE * (q3 - q1), min_pad)
    low, high = q1 - fence, q3 + fence
    outliers = tuple(i for i, v in enumerate(values) if v < low or v > high)
    inside = [v for v in values if low <= v <= high]
    return DenseRange(min(inside), max(inside), outliers)


def _three_points(values: Sequence[float], min_pad: float) -> DenseRange:
    """Three points: quartiles say nothing, so an end point is an outlier when it lies more than
    four times ``min_pad`` and ten times the other end's distance from the middle one (a year
    apart may be true; a decade or a century apart is a misread year)."""
    order = sorted(range(3), key=lambda i: values[i])
    low, middle, high = (values[i] for i in order)
    if high - middle > max(4 * min_pad, 10 * (middle - low)):
        return DenseRange(low, middle, (order[2],))
    if middle - low > max(4 * min_pad, 10 * (high - middle)):
        return DenseRange(middle, high, (order[0],))
    return DenseRange(low, high)


def period(date: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a stored date (YYYY, YYYY-MM or YYYY-MM-DD); None when unreadable."""
    if not date:
        return None
    try:
        parts = [int(p) for p in date.split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            year, month = parts
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        if len(parts) == 3:
            day = dt.date(*parts)
            return day, day
    except ValueError:
        return None
    return None


def month_number(month: str) -> int | None:
    """``YYYY-MM`` as a count of months (for the monthly axis); None when it is not that."""
    found = period(month) if len(month) == 7 else None
    return None if found is None else found[0].year * 12 + found[0].month - 1
