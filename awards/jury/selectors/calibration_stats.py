"""The arithmetic of calibration: what a juror sees of the panel (its median, and
its interquartile range once the panel is large enough) and how far they sit
from it; the organisers' fuller spread. Pure functions of numbers; the reads are
in calibration.py.

A juror sees the panel only through `Panel`: the median once at least
`MIN_OTHERS` other jurors have submitted the item, the 25th–75th percentiles
(interpolated) once at least `MIN_SPREAD` have; never the lowest or highest
score, never a name. (With three others, a lowest–median–highest would be their
three scores.)
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

# Fewer other sheets than this and the panel's figures are not shown at all.
MIN_OTHERS = 3
# Fewer other sheets than this and a juror sees the median only, no spread.
MIN_SPREAD = 5
PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Spread:
    """For organisers only: the median and the lowest and highest score."""

    median: Decimal
    low: Decimal
    high: Decimal
    count: int


@dataclass(frozen=True)
class Panel:
    """What a juror sees of the other jurors' scores: the median, and the 25th
    and 75th percentiles (None below MIN_SPREAD scores)."""

    median: Decimal
    q1: Decimal | None
    q3: Decimal | None
    count: int


@dataclass(frozen=True)
class Line:
    """One row of a comparison: a criterion (or the weighted total), the juror's
    score, the panel's figures and the difference from the panel's median."""

    label: str
    own: Decimal
    panel: Panel
    is_total: bool = False

    @property
    def offset(self) -> Decimal:
        return (self.own - self.panel.median).quantize(PLACES)


@dataclass(frozen=True)
class Comparison:
    """A juror's submitted sheet against the other jurors' submitted sheets of the
    same item; `lines` is empty while fewer than MIN_OTHERS others submitted."""

    others: int
    lines: list[Line]

    @property
    def is_shown(self) -> bool:
        return self.others >= MIN_OTHERS and bool(self.lines)

    @property
    def total(self) -> Line | None:
        return next((line for line in self.lines if line.is_total), None)


def median(values: Sequence[Decimal]) -> Decimal:
    """The middle value (the mean of the two middle ones for an even count)."""
    if not values:
        raise ValueError("median of nothing")
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def quantile(values: Sequence[Decimal], fraction: Decimal) -> Decimal:
    """The `fraction` quantile (0–1) of `values`, interpolated linearly between
    the two nearest ranks (as a spreadsheet's PERCENTILE or numpy's default)."""
    if not values:
        raise ValueError("quantile of nothing")
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    below = int(position)
    if below + 1 >= len(ordered):
        return ordered[-1]
    return ordered[below] + (ordered[below + 1] - ordered[below]) * (position - below)


def panel(values: Sequence[Decimal]) -> Panel | None:
    """What a juror may see of `values` (the other jurors' scores): None below
    MIN_OTHERS; the median; the interquartile range from MIN_SPREAD up."""
    if len(values) < MIN_OTHERS:
        return None
    wide = len(values) >= MIN_SPREAD
    return Panel(
        median=median(values),
        q1=quantile(values, Decimal("0.25")) if wide else None,
        q3=quantile(values, Decimal("0.75")) if wide else None,
        count=len(values),
    )


def spread(values: Sequence[Decimal]) -> Spread | None:
    """Median, lowest and highest of `values`, for organisers; None for none."""
    if not values:
        return None
    return Spread(
        median=median(values), low=min(values), high=max(values), count=len(values)
    )


def compare(
    *,
    criteria: Iterable[tuple[int, str]],
    own: Mapping[int, Decimal],
    own_total: Decimal,
    others: Sequence[Mapping[int, Decimal]],
    other_totals: Sequence[Decimal],
    total_label: str,
) -> Comparison:
    """Compare one juror's scores (criterion id → score) and total with the other
    jurors' sheets, through `panel` only. Below MIN_OTHERS other sheets, no line
    at all: with one or two, the median would give their scores away."""
    if len(other_totals) < MIN_OTHERS:
        return Comparison(others=len(other_totals), lines=[])
    lines = []
    for criterion_id, label in criteria:
        values = [sheet[criterion_id] for sheet in others if criterion_id in sheet]
        # A criterion added to the rubric after some sheets: compare only when
        # enough others scored it too.
        if criterion_id in own and len(values) >= MIN_OTHERS:
            lines.append(Line(label, own[criterion_id], panel(values)))
    lines.append(Line(total_label, own_total, panel(other_totals), is_total=True))
    return Comparison(others=len(other_totals), lines=lines)


def mean_offset(offsets: Sequence[Decimal]) -> Decimal | None:
    """The mean of a juror's differences from the panel's median, to two places;
    None when there is none (no item compared yet)."""
    if not offsets:
        return None
    return (sum(offsets, Decimal(0)) / len(offsets)).quantize(PLACES)
