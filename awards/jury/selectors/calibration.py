"""Calibration as jurors and organisers read it: which items a juror scores, their
sheets and comparison with the panel, each juror's progress and each item's
spread. (Writes: services/calibration.py; the arithmetic: calibration_stats.py.)

A juror sees an item if they are an active juror of the round's award, judge the
entry's category (or every category) and have no conflict with the entry; anyone
else gets a 404. Sheets are scored only while the round is a draft and before it
opens.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from awards.jury.enums import RoundState
from awards.jury.models import (
    CalibrationItem,
    CalibrationScore,
    CalibrationSheet,
    Juror,
    Round,
)
from awards.jury.selectors.calibration_stats import (
    Comparison,
    Spread,
    compare,
    mean_offset,
    median,
    spread,
)
from awards.jury.selectors.conflicts import conflict_map
from awards.jury.selectors.rubric import rubric_for
from awards.models import Category
from awards.selectors import localized


def is_calibration_open(round: Round, now: datetime.datetime) -> bool:
    """Calibration sheets change only while the round is a draft, before it opens."""
    return round.state == RoundState.DRAFT and now < round.opens_at


def _active_jurors(award_id: int) -> QuerySet[Juror]:
    return Juror.objects.filter(
        award_id=award_id, accepted_at__isnull=False, removed_at__isnull=True
    )


def _items(round: Round) -> list[CalibrationItem]:
    return list(
        CalibrationItem.objects.filter(round=round)
        .select_related("entry__category__award", "entry__language")
        .prefetch_related(localized.category_translations("entry__category__"))
    )


def _visible(
    items: list[CalibrationItem],
    juror: Juror,
    judged: set[int],
    conflicts: dict[tuple[int, int], str],
) -> list[CalibrationItem]:
    return [
        item
        for item in items
        if (not judged or item.entry.category_id in judged)
        and (juror.pk, item.entry_id) not in conflicts
    ]


def calibration_items_for(*, round: Round, juror: Juror) -> list[CalibrationItem]:
    """The round's calibration items `juror` scores: of the categories they judge,
    none they are in conflict with."""
    items = _items(round)
    judged = set(juror.categories.values_list("pk", flat=True))
    conflicts = conflict_map(jurors=[juror], entries=[i.entry for i in items])
    return _visible(items, juror, judged, conflicts)


def calibration_seat(
    *, user: User, round_id: int
) -> tuple[Round, Juror, list[CalibrationItem]]:
    """The round, `user`'s active seat on its jury and the items they score; 404
    when they have no seat or no item to score."""
    round_ = Round.objects.select_related("award").filter(pk=round_id).first()
    juror = (
        _active_jurors(round_.award_id).filter(user=user).first() if round_ else None
    )
    if juror is None:
        raise Http404
    items = calibration_items_for(round=round_, juror=juror)
    if not items:
        raise Http404
    return round_, juror, items


def calibration_item_for_juror(
    *, user: User, round_id: int, entry_id: int
) -> tuple[Round, Juror, CalibrationItem]:
    """One calibration item of `user`'s, or 404 (calibration_seat's rules)."""
    round_, juror, items = calibration_seat(user=user, round_id=round_id)
    item = next((i for i in items if i.entry_id == entry_id), None)
    if item is None:
        raise Http404
    return round_, juror, item


def calibration_sheets(*, round: Round, juror: Juror) -> dict[int, CalibrationSheet]:
    """The juror's calibration sheets of the round, by entry id."""
    return {
        sheet.entry_id: sheet
        for sheet in CalibrationSheet.objects.filter(round=round, juror=juror)
    }


def calibration_sheet_scores(sheet: CalibrationSheet | None) -> dict[int, Decimal]:
    if sheet is None:
        return {}
    return dict(sheet.scores.values_list("criterion_id", "value"))


def _comparisons(
    sheets: list[CalibrationSheet], categories: dict[int, Category]
) -> dict[int, Comparison]:
    """The comparison of each submitted sheet of one juror (by sheet id) with the
    other active jurors' submitted sheets of the same entry; `categories` by entry
    id. Two queries, and one rubric per category."""
    submitted = [sheet for sheet in sheets if sheet.is_submitted]
    if not submitted:
        return {}
    others = list(
        CalibrationSheet.objects.filter(
            round_id=submitted[0].round_id,
            entry_id__in=[sheet.entry_id for sheet in submitted],
            submitted_at__isnull=False,
            juror__accepted_at__isnull=False,
            juror__removed_at__isnull=True,
        )
        .exclude(juror_id=submitted[0].juror_id)
        .values_list("pk", "entry_id", "total")
    )
    scores: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for sheet_id, criterion_id, value in CalibrationScore.objects.filter(
        sheet_id__in=[pk for pk, _e, _t in others] + [s.pk for s in submitted]
    ).values_list("sheet_id", "criterion_id", "value"):
        scores[sheet_id][criterion_id] = value
    rubrics: dict[int, list] = {}
    found = {}
    for sheet in submitted:
        category = categories[sheet.entry_id]
        if category.pk not in rubrics:
            rubrics[category.pk] = rubric_for(category)
        same = [
            (pk, total) for pk, entry_id, total in others if entry_id == sheet.entry_id
        ]
        found[sheet.pk] = compare(
            criteria=[(c.pk, c.name) for c in rubrics[category.pk]],
            own=scores[sheet.pk],
            own_total=sheet.total,
            others=[scores[pk] for pk, _total in same],
            other_totals=[total for _pk, total in same],
            total_label=_("Weighted total"),
        )
    return found


def calibration_comparison(
    *, sheet: CalibrationSheet, category: Category | None = None
) -> Comparison | None:
    """The juror's submitted sheet against the other active jurors' submitted
    sheets of the same item (calibration_stats.compare: no figure below three
    others, no spread below five, never a lowest, highest or name); None while
    the juror's own sheet is not submitted."""
    category = category or sheet.entry.category
    return _comparisons([sheet], {sheet.entry_id: category}).get(sheet.pk)


@dataclass
class ItemRow:
    """A calibration item on the juror's list: their sheet and comparison."""

    item: CalibrationItem
    sheet: CalibrationSheet | None
    comparison: Comparison | None


def calibration_overview(
    *, round: Round, juror: Juror, items: list[CalibrationItem]
) -> tuple[list[ItemRow], Decimal | None]:
    """Each of `items` (the ones the juror sees) with the juror's sheet and
    comparison, and their mean difference from the panel's median total over the
    items compared so far; sheets of items no longer visible are left out."""
    # Only the items the juror still sees: a conflict recorded, or their judged
    # categories changed, after they submitted takes the item off their list.
    visible = {item.entry_id for item in items}
    sheets = {
        entry_id: sheet
        for entry_id, sheet in calibration_sheets(round=round, juror=juror).items()
        if entry_id in visible
    }
    comparisons = _comparisons(
        list(sheets.values()), {item.entry_id: item.entry.category for item in items}
    )
    rows = []
    for item in items:
        sheet = sheets.get(item.entry_id)
        rows.append(ItemRow(item, sheet, comparisons.get(sheet.pk) if sheet else None))
    offsets = [
        row.comparison.total.offset
        for row in rows
        if row.comparison and row.comparison.is_shown
    ]
    return rows, mean_offset(offsets)


@dataclass
class JurorProgress:
    """For organisers: a juror's calibration sheets submitted out of the ones
    expected of them, and their mean difference from the others' median total."""

    juror: Juror
    expected: int
    submitted: int
    offset: Decimal | None

    @property
    def missing(self) -> int:
        return self.expected - self.submitted


def calibration_progress(*, round: Round) -> list[JurorProgress]:
    """Every active juror of the award with their calibration progress; offsets
    against the other active jurors' submitted sheets only. A fixed number of
    queries."""
    items = _items(round)
    if not items:
        return []
    jurors = list(
        _active_jurors(round.award_id)
        .select_related("user")
        .prefetch_related("categories")
    )
    conflicts = conflict_map(jurors=jurors, entries=[i.entry for i in items])
    totals: dict[int, dict[int, Decimal]] = defaultdict(dict)  # entry → juror → total
    # Active jurors' sheets only, as in the jurors' own comparisons.
    for juror_id, entry_id, total in CalibrationSheet.objects.filter(
        round=round,
        submitted_at__isnull=False,
        juror__accepted_at__isnull=False,
        juror__removed_at__isnull=True,
    ).values_list("juror_id", "entry_id", "total"):
        totals[entry_id][juror_id] = total
    rows = []
    for juror in jurors:
        judged = {c.pk for c in juror.categories.all()}
        expected = _visible(items, juror, judged, conflicts)
        done = [i for i in expected if juror.pk in totals[i.entry_id]]
        offsets = []
        for item in done:
            others = [t for j, t in totals[item.entry_id].items() if j != juror.pk]
            if others:
                offsets.append(totals[item.entry_id][juror.pk] - median(others))
        rows.append(
            JurorProgress(juror, len(expected), len(done), mean_offset(offsets))
        )
    return rows


def calibration_missing(*, round: Round) -> int:
    """How many calibration sheets active jurors have still to submit."""
    return sum(row.missing for row in calibration_progress(round=round))


@dataclass
class ItemSpread:
    """For organisers: an item and the spread of the submitted totals."""

    item: CalibrationItem
    spread: Spread | None


def calibration_spreads(*, round: Round) -> list[ItemSpread]:
    """For organisers: each calibration item with the median, lowest and highest
    of its submitted totals (active jurors' sheets): two queries."""
    totals: dict[int, list[Decimal]] = defaultdict(list)
    for entry_id, total in CalibrationSheet.objects.filter(
        round=round,
        submitted_at__isnull=False,
        juror__accepted_at__isnull=False,
        juror__removed_at__isnull=True,
    ).values_list("entry_id", "total"):
        totals[entry_id].append(total)
    return [
        ItemSpread(item, spread(totals.get(item.entry_id, [])))
        for item in _items(round)
    ]


def rounds_calibrating(*, user: User, now: datetime.datetime) -> list[dict]:
    """Draft rounds not yet open where `user` is an active juror with calibration
    items still to submit, with how many are done."""
    rounds = (
        Round.objects.filter(
            state=RoundState.DRAFT,
            opens_at__gt=now,
            calibration_items__isnull=False,
            award__jurors__user=user,
            award__jurors__accepted_at__isnull=False,
            award__jurors__removed_at__isnull=True,
        )
        .select_related("award")
        .distinct()
        .order_by("opens_at", "pk")
    )
    found = []
    for round_ in rounds:
        juror = _active_jurors(round_.award_id).filter(user=user).first()
        items = calibration_items_for(round=round_, juror=juror) if juror else []
        done = sum(
            1
            for sheet in calibration_sheets(round=round_, juror=juror).values()
            if sheet.is_submitted and sheet.entry_id in {i.entry_id for i in items}
        )
        if items and done < len(items):
            found.append({"round": round_, "done": done, "total": len(items)})
    return found
