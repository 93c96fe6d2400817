"""The full score matrix of a round: one row per sheet, one column per criterion.

Blind-safe exports name entries by reference and jurors as "Juror n" only; the
full export adds the entrant, outlet and the juror's name.
"""

import csv
import io
from collections import defaultdict

from django.utils.translation import gettext as _
from openpyxl import Workbook

from awards.jury.models import Criterion, Round, Score, ScoreSheet
from awards.spreadsheet import safe_cell


def score_matrix(*, round: Round, blind_safe: bool) -> tuple[list[str], list[list]]:
    """Header and rows, read in three queries."""
    criteria = list(
        Criterion.objects.filter(award_id=round.award_id).order_by(
            "category_id", "position", "pk"
        )
    )
    sheets = list(
        ScoreSheet.objects.filter(assignment__round=round)
        .select_related(
            "assignment__entry__category",
            "assignment__entry__owner",
            "assignment__juror__user",
        )
        .order_by("assignment__entry_id", "assignment__juror_id")
    )
    values: dict[int, dict[int, str]] = defaultdict(dict)
    for sheet_id, criterion_id, value in Score.objects.filter(
        sheet__in=[s.pk for s in sheets]
    ).values_list("sheet_id", "criterion_id", "value"):
        values[sheet_id][criterion_id] = str(value)
    juror_numbers: dict[int, int] = {}
    for sheet in sheets:
        juror_numbers.setdefault(sheet.assignment.juror_id, len(juror_numbers) + 1)
    header = [_("Reference"), _("Category"), _("Juror")]
    if not blind_safe:
        header += [_("Title"), _("Entrant"), _("Outlet"), _("Juror email")]
    header += [c.name for c in criteria]
    header += [_("Weighted total"), _("Submitted at"), _("Juror removed")]
    rows = []
    for sheet in sheets:
        entry = sheet.assignment.entry
        juror = sheet.assignment.juror
        row = [
            entry.reference,
            entry.category.name,
            _("Juror %(n)s") % {"n": juror_numbers[juror.pk]}
            if blind_safe
            else str(juror),
        ]
        if not blind_safe:
            row += [entry.title, str(entry.owner), entry.outlet, juror.email]
        row += [values[sheet.pk].get(c.pk, "") for c in criteria]
        row += [
            str(sheet.total) if sheet.total is not None else "",
            sheet.submitted_at.isoformat() if sheet.submitted_at else "",
            _("yes") if juror.removed_at else "",
        ]
        rows.append(row)
    return header, rows


def as_csv(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([[safe_cell(c) for c in row] for row in rows])
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(header: list[str], rows: list[list], *, title: str = "scores") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append([safe_cell(c) for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
