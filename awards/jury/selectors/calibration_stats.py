"""The arithmetic of calibration: a panel's median and range, and how far one
juror sits from it. Pure functions of numbers; the reads are in calibration.py.

A juror sees the panel only through these figures, and only once at least
`MIN_OTHERS` other jurors have submitted the item: never a name, never a single
other score.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

# Fewer other sheets than this and the panel's figures are not shown at all.
MIN_OTHERS = 3
PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Spread:
    """The panel's median and its lowest and highest score."""

    median: Decimal
    low: Decimal
    high: Decimal
    count: int


@dataclass(frozen=True)
class Line:
    """One row of a comparison: a criterion (or the weighted total), the juror's
    score, the panel's spread and the difference from the panel's median."""

    label: str
    own: Decimal
    panel: Spread
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


def spread(values: Sequence[Decimal]) -> Spread | None:
    """Median, lowest and highest of `values`; None for none."""
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
    jurors' sheets. Below MIN_OTHERS other sheets, no line at all: with one or two,
    the median or the range would give their scores away."""
    if len(other_totals) < MIN_OTHERS:
        return Comparison(others=len(other_totals), lines=[])
    lines = []
    for criterion_id, label in criteria:
        values = [sheet[criterion_id] for sheet in others if criterion_id in sheet]
        # A criterion added to the rubric after some sheets: compare only when
        # enough others scored it too.
        if criterion_id in own and len(values) >= MIN_OTHERS:
            lines.append(Line(label, own[criterion_id], spread(values)))
    lines.append(Line(total_label, own_total, spread(other_totals), is_total=True))
    return Comparison(others=len(other_totals), lines=lines)


def mean_offset(offsets: Sequence[Decimal]) -> Decimal | None:
    """The mean of a juror's differences from the panel's median, to two places;
    None when there is none (no item compared yet)."""
    if not offsets:
        return None
    return (sum(offsets, Decimal(0)) / len(offsets)).quantize(PLACES)
