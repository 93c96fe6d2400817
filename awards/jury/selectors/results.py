"""Results of a round, computed in the database over all its submitted sheets.

For every entry: the number of sheets, the raw weighted mean, the normalised score,
the spread (population standard deviation of its sheets' totals) and the rank in
its category. Normalisation: each sheet's total becomes a z-score over that juror's
sheets in the round, z = (x − mean_j) / sd_j (0 when the juror gave one value
only), then goes back onto the rubric's scale as mean_all + z · sd_all, mean and sd
of all the round's sheets. Equal normalised scores (to four places) share a rank
and are marked as ties; nothing breaks them. Standard deviations are computed as
√(avg(x²) − avg(x)²), which SQLite and PostgreSQL both can.

The ranking is one SQL query of common table expressions (juror statistics →
overall statistics → per-entry aggregates → RANK() window) that SQLite and
PostgreSQL both run: the ORM cannot aggregate over per-juror aggregates in one
statement, and two ORM passes plus a CASE of per-juror constants were slower on
both. The query count is fixed whatever the size (see
tests/awards/jury/test_results.py).

A round with `results_remove_own_country` subtracts, inside the same query, each
juror's own-country effect (selectors/bias.py: their mean normalised own − other
difference) from their normalised totals of entries from their own country; the
effects cost one query more. Raw means and spreads are never adjusted.
"""

import math
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Avg,
    Count,
    FloatField,
    QuerySet,
)
from django.db.models.functions import Cast, Floor

from awards.jury.models import Assignment, Juror, ScoreSheet
from awards.jury.models import Round as JuryRound
from awards.jury.selectors import bias
from awards.models import Category, Entry

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


RESULTS_SQL = """
WITH jurors AS MATERIALIZED (
    SELECT a.juror_id AS juror_id,
           AVG(CAST(s.total AS DOUBLE PRECISION)) AS m,
           AVG(CAST(s.total AS DOUBLE PRECISION) * CAST(s.total AS DOUBLE PRECISION))
               AS m2,
           COUNT(*) AS n
    FROM {sheet} s JOIN {assignment} a ON a.id = s.assignment_id
    WHERE a.round_id = %s AND s.submitted_at IS NOT NULL
    GROUP BY a.juror_id
),
overall AS (
    SELECT SUM(m * n) / SUM(n) AS m, SUM(m2 * n) / SUM(n) AS m2 FROM jurors
),
scaled AS (
    SELECT jurors.juror_id AS juror_id, jurors.m AS jm, overall.m AS om,
           CASE WHEN jurors.m2 - jurors.m * jurors.m > 1e-12
                 AND overall.m2 - overall.m * overall.m > 1e-12
                THEN SQRT(overall.m2 - overall.m * overall.m)
                     / SQRT(jurors.m2 - jurors.m * jurors.m)
                ELSE 0 END AS scale,
           CASE WHEN jurors.juror_id IN ({removed}) THEN 1 ELSE 0 END AS removed
    FROM jurors CROSS JOIN overall
),
per_entry AS (
    SELECT a.entry_id AS entry_id, e.category_id AS category_id, COUNT(*) AS n,
           AVG(CAST(s.total AS DOUBLE PRECISION)) AS raw,
           AVG(CAST(s.total AS DOUBLE PRECISION) * CAST(s.total AS DOUBLE PRECISION))
               AS raw2,
           ROUND(CAST(AVG(scaled.om + (CAST(s.total AS DOUBLE PRECISION) - scaled.jm)
                          * scaled.scale - {own_effect}) AS NUMERIC), {places}) AS norm,
           SUM(scaled.removed) AS removed
    FROM {sheet} s
    JOIN {assignment} a ON a.id = s.assignment_id
    JOIN {entry} e ON e.id = a.entry_id
    JOIN scaled ON scaled.juror_id = a.juror_id
    WHERE a.round_id = %s AND s.submitted_at IS NOT NULL
    GROUP BY a.entry_id, e.category_id
)
SELECT p.entry_id, p.category_id, p.n, p.raw, p.norm,
       CASE WHEN p.raw2 - p.raw * p.raw > 0 THEN SQRT(p.raw2 - p.raw * p.raw)
            ELSE 0 END,
       RANK() OVER (PARTITION BY p.category_id ORDER BY p.norm DESC) AS rank,
       p.removed,
       (SELECT m FROM overall), (SELECT m2 FROM overall),
       en.reference, en.title, c.name
FROM per_entry p
JOIN {entry} en ON en.id = p.entry_id
JOIN {category} c ON c.id = p.category_id
ORDER BY c.position, c.id, rank, p.entry_id
"""


def _results_rows(round: JuryRound) -> list[tuple]:
    """One query: juror statistics, overall statistics (from the jurors') and the
    per-entry table with its RANK() window, as common table expressions in SQL
    that SQLite and PostgreSQL both run."""
    removed = list(
        Juror.objects.filter(
            award_id=round.award_id, removed_at__isnull=False
        ).values_list("pk", flat=True)
    ) or [0]
    own_effect, effect_params = _own_effect_sql(round)
    sql = RESULTS_SQL.format(
        sheet=ScoreSheet._meta.db_table,
        assignment=Assignment._meta.db_table,
        entry=Entry._meta.db_table,
        category=Category._meta.db_table,
        removed=", ".join(["%s"] * len(removed)),
        places=PLACES,
        own_effect=own_effect,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [round.pk, *removed, *effect_params, round.pk])
        return cursor.fetchall()


def _own_effect_sql(round: JuryRound) -> tuple[str, list]:
    """What each sheet's normalised total loses when the round removes jurors'
    own-country effect: the juror's own − other difference (selectors/bias.py) on
    their sheets of entries from their own country, 0 elsewhere or when off."""
    if not round.results_remove_own_country:
        return "0", []
    effects = bias.own_country_effects(round)
    if not effects:
        return "0", []
    cases, params = [], []
    for juror_id, (country, effect) in sorted(effects.items()):
        cases.append("WHEN a.juror_id = %s AND e.country = %s")
        cases.append("THEN CAST(%s AS DOUBLE PRECISION)")
        params += [juror_id, country, effect]
    return f"(CASE {' '.join(cases)} ELSE 0 END)", params


def round_results(*, round: JuryRound, with_bins: bool = True) -> RoundResults:
    """The ranking of every entry of `round` per category (see module docstring)."""
    rows = _results_rows(round)
    threshold = float(round.disagreement_threshold)
    mean, sd = 0.0, 0.0
    entries = []
    for row in rows:
        entry_id, category_id, n, raw, norm, spread, rank, removed, m, m2 = row[:10]
        reference, title, category = row[10:]
        mean, sd = float(m), _sd(float(m), float(m2))
        entries.append(
            EntryResult(
                entry_id=entry_id,
                reference=reference or "",
                title=title,
                category_id=category_id,
                category=category,
                sheets=n,
                raw=round_to(float(raw)),
                normalised=round_to(float(norm)),
                spread=round_to(float(spread)),
                rank=rank,
                is_disputed=float(spread) > threshold,
                removed_sheets=int(removed),
            )
        )
    ranks = Counter((e.category_id, e.rank) for e in entries)
    for entry in entries:
        entry.is_tie = ranks[(entry.category_id, entry.rank)] > 1
    stats = []
    if with_bins:
        stats = juror_statistics(round)
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


@dataclass
class DistributionChart:
    """Each juror's totals per whole point as bars of an SVG chart: `bars` has one
    item per juror (their stats, bars and the x of their mean), `scale` the points
    shown (at least 0 to 10), `width` the chart's width in SVG units."""

    bars: list[dict]
    scale: list[int]
    width: int


def distribution_chart(results: RoundResults) -> DistributionChart:
    """The jurors' score distributions of `results` laid out for the results page."""
    low, high = 0, 10
    bins = sorted({b for s in results.jurors for b in s.bins}) or [0]
    low, high = min(bins[0], low), max(bins[-1], high)
    peak = max((n for s in results.jurors for n in s.bins.values()), default=1)
    chart = []
    for s in results.jurors:
        bars = []
        for n, b in enumerate(range(low, high + 1)):
            count = s.bins.get(b, 0)
            height = round(36 * count / peak, 1)
            bars.append(
                {
                    "bin": b,
                    "count": count,
                    "x": n * 100 + 5,
                    "y": 40 - height,
                    "height": height,
                }
            )
        chart.append(
            {"stats": s, "bars": bars, "mean_x": round((s.mean - low + 0.5) * 100)}
        )
    return DistributionChart(
        bars=chart, scale=list(range(low, high + 1)), width=(high + 1 - low) * 100
    )
