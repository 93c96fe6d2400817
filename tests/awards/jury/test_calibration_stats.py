"""The arithmetic of calibration: median, interquartile range, the three- and
five-others thresholds, the organisers' range and a juror's mean difference from
the panel."""

from decimal import Decimal as D

import pytest

from awards.jury.selectors.calibration_stats import (
    MIN_OTHERS,
    MIN_SPREAD,
    Panel,
    Spread,
    compare,
    mean_offset,
    median,
    panel,
    quantile,
    spread,
)


def test_median_of_odd_and_even_counts():
    assert median([D(7), D(3), D(5)]) == D(5)
    assert median([D(8), D(2), D(4), D(6)]) == D(5)
    assert median([D("6.5")]) == D("6.5")
    with pytest.raises(ValueError, match="median of nothing"):
        median([])


def test_spread_is_median_low_high_and_count():
    assert spread([D(4), D(9), D(6), D(5)]) == Spread(
        median=D("5.5"), low=D(4), high=D(9), count=4
    )
    assert spread([]) is None


def test_quantile_interpolates_between_ranks():
    values = [D(1), D(2), D(4), D(10)]  # positions 0.75 and 2.25
    assert quantile(values, D("0.25")) == D("1.75")
    assert quantile(values, D("0.75")) == D("5.5")
    assert quantile(values, D(0)) == D(1) and quantile(values, D(1)) == D(10)
    assert quantile([D(3)], D("0.75")) == D(3)
    with pytest.raises(ValueError, match="quantile of nothing"):
        quantile([], D("0.5"))


def test_panel_median_from_three_quartiles_from_five_never_min_or_max():
    assert (MIN_OTHERS, MIN_SPREAD) == (3, 5)
    assert panel([D(4), D(9)]) is None
    assert panel([D(4), D(9), D(6), D(5)]) == Panel(
        median=D("5.5"), q1=None, q3=None, count=4
    )
    assert panel([D(1), D(3), D(5), D(7), D(9), D(10)]) == Panel(
        median=D(6), q1=D("3.5"), q3=D("8.5"), count=6
    )
    assert not hasattr(Panel, "low") and not hasattr(Panel, "high")


def _compare(others, own=None, own_total=D(7)):
    return compare(
        criteria=[(1, "Reporting"), (2, "Impact")],
        own=own or {1: D(8), 2: D(6)},
        own_total=own_total,
        others=[{1: a, 2: b} for a, b, _t in others],
        other_totals=[t for _a, _b, t in others],
        total_label="Weighted total",
    )


def test_fewer_than_three_others_show_nothing():
    assert MIN_OTHERS == 3
    comparison = _compare([(D(5), D(5), D(5)), (D(9), D(9), D(9))])
    assert (comparison.others, comparison.lines, comparison.is_shown) == (2, [], False)
    assert comparison.total is None


def test_three_others_give_the_median_and_difference_but_no_spread():
    comparison = _compare(
        [(D(5), D(4), D("4.5")), (D(6), D(7), D("6.5")), (D(9), D(5), D(7))]
    )
    assert comparison.is_shown
    rows = [
        (line.label, line.own, line.panel.median, line.panel.q1, line.panel.q3)
        for line in comparison.lines
    ]
    assert rows == [
        ("Reporting", D(8), D(6), None, None),
        ("Impact", D(6), D(5), None, None),
        ("Weighted total", D(7), D("6.5"), None, None),
    ]
    assert [line.offset for line in comparison.lines] == [
        D("2.00"),
        D("1.00"),
        D("0.50"),
    ]
    assert comparison.total.is_total


def test_five_others_add_the_interquartile_range():
    comparison = _compare(
        [
            (D(2), D(4), D(3)),
            (D(4), D(6), D(5)),
            (D(6), D(5), D("5.5")),
            (D(8), D(9), D("8.5")),
            (D(10), D(7), D("8.5")),
        ]
    )
    assert [
        (line.panel.median, line.panel.q1, line.panel.q3, line.panel.count)
        for line in comparison.lines
    ] == [
        (D(6), D(4), D(8), 5),
        (D(6), D(5), D(7), 5),
        (D("5.5"), D(5), D("8.5"), 5),
    ]


def test_a_criterion_too_few_others_scored_is_left_out():
    others = [(D(5), D(4), D(5)), (D(6), D(7), D(6)), (D(9), D(5), D(7))]
    comparison = compare(
        criteria=[(1, "Reporting"), (2, "Impact")],
        own={1: D(8), 2: D(6)},
        own_total=D(7),
        others=[{1: a} for a, _b, _t in others[:2]] + [{1: D(9), 2: D(5)}],
        other_totals=[t for _a, _b, t in others],
        total_label="Weighted total",
    )
    assert [line.label for line in comparison.lines] == ["Reporting", "Weighted total"]


def test_mean_offset_to_two_places_above_below_and_none():
    assert mean_offset([D("1.5"), D("-0.5"), D(1)]) == D("0.67")
    assert mean_offset([D(-2), D(-1)]) == D("-1.50")
    assert mean_offset([]) is None
