"""The time axis: its dense range leaves out a misread year, and keeps a compact set's neighbours."""

from __future__ import annotations

import datetime as dt

import pytest

from eventledger.web.axis import MIN_PAD_DAYS, dense_range, month_number, period


def days(*isos: str) -> list[float]:
    return [dt.date.fromisoformat(i).toordinal() for i in isos]


def test_one_wrong_year_does_not_stretch_the_axis():
    values = days("2020-10-01", "2020-10-09", "2020-11-02", "2020-11-20", "2020-12-05", "2021-01-10", "2019-12-03")
    values.append(dt.date(1921, 10, 5).toordinal())  # 2021 read as 1921
    found = dense_range(values, min_pad=MIN_PAD_DAYS)
    assert found.outliers == (len(values) - 1,)
    assert dt.date.fromordinal(int(found.low)) == dt.date(2019, 12, 3)  # a year early is still in
    assert dt.date.fromordinal(int(found.high)) == dt.date(2021, 1, 10)


def test_a_year_late_outlier_is_left_out_on_the_right_too():
    values = days("2020-10-01", "2020-10-09", "2020-11-02", "2020-11-20", "2020-12-05", "2022-02-01")
    assert dense_range(values, min_pad=MIN_PAD_DAYS).outliers == (5,)


def test_a_compact_set_keeps_a_neighbour_within_the_minimum_pad():
    # all in one month but one three months later: the fences would be days wide without the pad
    values = days("2020-10-01", "2020-10-02", "2020-10-03", "2020-10-04", "2020-10-05", "2021-01-05")
    assert dense_range(values, min_pad=MIN_PAD_DAYS).outliers == ()


def test_of_three_points_the_far_one_is_an_outlier():
    values = days("2021-03-03", "1921-06-03", "2021-01-14")
    found = dense_range(values, min_pad=MIN_PAD_DAYS)
    assert found.outliers == (1,) and found.low == values[2] and found.high == values[0]
    assert dense_range(days("2019-01-01", "2020-01-01", "2021-01-01"), min_pad=MIN_PAD_DAYS).outliers == ()
    # a year before two close ones may be true: kept
    assert dense_range(days("2020-03-10", "2021-03-03", "2021-04-18"), min_pad=MIN_PAD_DAYS).outliers == ()


def test_two_points_have_no_outliers():
    values = days("1921-01-01", "2020-01-01")
    found = dense_range(values, min_pad=MIN_PAD_DAYS)
    assert found.outliers == () and found.low == values[0]


def test_weights_count_each_value_that_many_times():
    # month 0 holds one event, months 100-101 hold forty: month 0 is the outlier
    found = dense_range([0, 100, 101], [1, 20, 20], min_pad=6)
    assert found.outliers == (0,) and (found.low, found.high) == (100, 101)


def test_no_values_is_an_error():
    with pytest.raises(ValueError, match="no values"):
        dense_range([], min_pad=1)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2021-03-04", (dt.date(2021, 3, 4), dt.date(2021, 3, 4))),
        ("2020-02", (dt.date(2020, 2, 1), dt.date(2020, 2, 29))),
        ("2021", (dt.date(2021, 1, 1), dt.date(2021, 12, 31))),
        ("2021-13", None),
        ("2021-02-30", None),
        ("spring", None),
        ("", None),
        (None, None),
    ],
)
def test_period_of_a_stored_date(date, expected):
    assert period(date) == expected


def test_month_number_counts_months():
    assert month_number("2021-01") - month_number("2020-12") == 1
    assert month_number("2021") is None and month_number("2021-1x") is None
