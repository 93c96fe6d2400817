"""Results of a round, computed in the database over all its submitted sheets.

For every entry: the number of sheets, the raw weighted mean, the normalised score,
the spread (population standard deviation of its sheets' totals) and the rank in
its category. Normalisation: each sheet's total becomes a z-score over that juror's
sheets in the round, z = (x − mean_j) / sd_j (0 when the juror gave one value
only), then goes back onto the rubric's scale as mean_all + z · sd_all, mean and sd
of all the round's sheets. Equal normalised scores (to four places) share a rank
and are marked as ties; nothing breaks them. Standard deviations are computed as
√(avg(x²) − avg(x)²), which SQLite and PostgreSQL both can.

Three queries whatever the size: per-juror statistics, the round's statistics, and
the per-entry table (aggregates plus a RANK() window).
"""

import math
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    Count,
    F,
    FloatField,
    Func,
    Q,
    QuerySet,
    Value,
    Window,
)
from django.db.models.functions import Cast, Floor, Greatest, Round, Sqrt
from django.db.models.functions.window import Rank

from awards.jury.models import Juror, ScoreSheet
from awards.jury.models import Round as JuryRound
from awards.models import Entry

PLACES = 4


@dataclass
class JurorStats:
    juror_id: int
    label: str
    sheets: int
    mean: float
    sd: float
    is_removed: bool
    bins: dict[int, int] = field(default_factory=dict)


@dataclass
class EntryResult:
    entry_id: int
    reference: str
    title: str
    category_id: int
    category: str
    sheets: int
    raw: float
    normalised: float
    spread: float
    rank: int
    is_tie: bool = False
    is_disputed: bool = False
    removed_sheets: int = 0


@dataclass
class RoundResults:
    round: JuryRound
    mean: float
    sd: float
    entries: list[EntryResult]
    jurors: list[JurorStats]

    def by_category(self) -> list[tuple[str, list[EntryResult]]]:
        groups: dict[str, list[EntryResult]] = {}
        for row in self.entries:
            groups.setdefault(row.category, []).append(row)
        return list(groups.items())


def submitted_sheets(round: JuryRound) -> QuerySet[ScoreSheet]:
    return ScoreSheet.objects.filter(
        assignment__round=round, submitted_at__isnull=False
    )


def _x():
    return Cast("total", FloatField())


def _sd(mean: float | None, mean_sq: float | None) -> float:
    if mean is None or mean_sq is None:
        return 0.0
    return math.sqrt(max(mean_sq - mean * mean, 0.0))


def juror_statistics(round: JuryRound) -> list[JurorStats]:
    """Per juror: sheets, mean and sd of their totals (one query)."""
    rows = (
        submitted_sheets(round)
        .values("assignment__juror_id")
        .annotate(n=Count("pk"), mean=Avg(_x()), mean_sq=Avg(_x() * _x()))
        .order_by("assignment__juror_id")
    )
    jurors = {
        j.pk: j
        for j in Juror.objects.filter(
            pk__in=[r["assignment__juror_id"] for r in rows]
        ).select_related("user")
    }
    stats = []
    for row in rows:
        juror = jurors[row["assignment__juror_id"]]
        stats.append(
            JurorStats(
                juror_id=juror.pk,
                label=(juror.user.display_name or juror.email)
                if juror.user_id
                else juror.email,
                sheets=row["n"],
                mean=row["mean"],
                sd=_sd(row["mean"], row["mean_sq"]),
                is_removed=juror.removed_at is not None,
            )
        )
    return stats


class PerJurorLinear(Func):
    """CASE juror WHEN j THEN x * scale_j + offset_j ... ELSE default END.

    Written as one simple CASE with the constants as parameters: sixty When()
    expressions would cost more to build in Python than the query takes to run.
    """

    output_field = FloatField()

    def __init__(self, juror, x, constants: list[tuple[int, float, float]], default):
        super().__init__(juror, x)
        self.constants = constants
        self.default = default

    def as_sql(self, compiler, connection, **extra_context):
        juror_sql, juror_params = compiler.compile(self.source_expressions[0])
        x_sql, x_params = compiler.compile(self.source_expressions[1])
        parts, params = [f"CASE {juror_sql}"], list(juror_params)
        for juror_id, scale, offset in self.constants:
            parts.append(f"WHEN %s THEN ({x_sql}) * %s + %s")
            params += [juror_id, *x_params, scale, offset]
        parts.append("ELSE %s END")
        params.append(self.default)
        return " ".join(parts), params


def _normalised(stats: list[JurorStats], mean: float, sd: float):
    """The per-sheet normalised total as an SQL expression with each juror's
    constants, so no sheet is read into Python: x · scale_j + offset_j where
    scale_j = sd / sd_j (0 for a juror whose totals do not vary) and
    offset_j = mean − mean_j · scale_j."""
    if not stats:
        return Value(float(mean), output_field=FloatField())
    constants = []
    for s in stats:
        scale = sd / s.sd if s.sd > 1e-9 else 0.0
        constants.append((s.juror_id, scale, mean - s.mean * scale))
    return PerJurorLinear(F("assignment__juror_id"), _x(), constants, float(mean))


def round_results(*, round: JuryRound, with_bins: bool = True) -> RoundResults:
    """The ranking of every entry of `round` per category (see module docstring)."""
    stats = juror_statistics(round)
    count = sum(s.sheets for s in stats)
    mean = sum(s.mean * s.sheets for s in stats) / count if count else 0.0
    mean_sq = (
        sum((s.sd**2 + s.mean**2) * s.sheets for s in stats) / count if count else 0.0
    )
    sd = _sd(mean, mean_sq)
    normalised = _normalised(stats, mean, sd)
    removed = [s for s in stats if s.is_removed] or [JurorStats(0, "", 0, 0, 0, True)]
    rows = (
        submitted_sheets(round)
        .values("assignment__entry_id", "assignment__entry__category_id")
        .annotate(
            n=Count("pk"),
            raw=Avg(_x()),
            raw_sq=Avg(_x() * _x()),
            norm=Round(Avg(normalised), PLACES),
            # The removed jurors are known from their statistics: no join needed.
            removed=Count(
                "pk",
                filter=Q(assignment__juror_id__in=[j.juror_id for j in removed]),
            ),
        )
        .annotate(spread=Sqrt(Greatest(F("raw_sq") - F("raw") * F("raw"), Value(0.0))))
        # A call of its own: annotated with aggregates, the window would join the
        # GROUP BY.
        .annotate(
            rank=Window(
                Rank(),
                partition_by=[F("assignment__entry__category_id")],
                order_by=F("norm").desc(),
            ),
        )
        .values_list(
            "assignment__entry_id",
            "assignment__entry__category_id",
            "n",
            "raw",
            "norm",
            "spread",
            "rank",
            "removed",
        )
    )
    # Names come in one query of their own: grouping by text columns costs more.
    names = {
        pk: (reference, title, category, position)
        for pk, reference, title, category, position in Entry.objects.filter(
            category__in=round.categories.all()
        ).values_list(
            "pk", "reference", "title", "category__name", "category__position"
        )
    }
    threshold = float(round.disagreement_threshold)
    entries = []
    for entry_id, category_id, n, raw, norm, spread, rank, removed in rows:
        reference, title, category, _position = names[entry_id]
        entries.append(
            EntryResult(
                entry_id=entry_id,
                reference=reference or "",
                title=title,
                category_id=category_id,
                category=category,
                sheets=n,
                raw=round_to(raw),
                normalised=round_to(norm),
                spread=round_to(spread),
                rank=rank,
                is_disputed=spread > threshold,
                removed_sheets=removed,
            )
        )
    entries.sort(
        key=lambda e: (names[e.entry_id][3], e.category_id, e.rank, e.entry_id)
    )
    ranks = Counter((e.category_id, e.rank) for e in entries)
    for entry in entries:
        entry.is_tie = ranks[(entry.category_id, entry.rank)] > 1
    if with_bins:
        _add_bins(round, stats)
    return RoundResults(round=round, mean=mean, sd=sd, entries=entries, jurors=stats)


def round_to(value: float | None) -> float:
    return round(value or 0.0, PLACES)


def _add_bins(round: JuryRound, stats: list[JurorStats]) -> None:
    """Each juror's totals counted per whole point, for the distribution chart."""
    by_id = {s.juror_id: s for s in stats}
    for juror_id, bin_, count in (
        submitted_sheets(round)
        .annotate(bin=Floor(_x()))
        .values("assignment__juror_id", "bin")
        .annotate(n=Count("pk"))
        .values_list("assignment__juror_id", "bin", "n")
    ):
        by_id[juror_id].bins[int(bin_)] = count
