"""Calibration: organisers choose the entries of a round's calibration set while
it is a draft; jurors score them before the round opens.

Calibration sheets never count in results, loads or assignment. Each change of
the set and each submitted sheet is appended to the audit record.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from awards import clock
from awards.enums import EntryState
from awards.jury.enums import RoundState
from awards.jury.models import (
    Assignment,
    CalibrationItem,
    CalibrationScore,
    CalibrationSheet,
    Juror,
    Round,
)
from awards.jury.selectors.calibration import (
    calibration_items_for,
    is_calibration_open,
)
from awards.jury.selectors.rounds import entries_for_round
from awards.jury.selectors.rubric import plain, rubric_for, weighted_total
from awards.jury.services._common import require_organiser, scores_parse
from awards.jury.services.audit import audit_append
from awards.models import Entry


def _require_draft(round: Round) -> None:
    if round.state != RoundState.DRAFT:
        raise ValidationError(
            _("The calibration set changes only while the round is a draft."),
            code="state",
        )


def _require_outside_round(round: Round, entry: Entry) -> None:
    """Refuse withdrawn entries, and entries the round judges or has assigned:
    jurors would see the panel's figures on an entry they later score for real."""
    values = {"reference": entry.reference}
    if entry.state == EntryState.WITHDRAWN:
        raise ValidationError(
            _("%(reference)s is withdrawn; it cannot be a calibration entry.") % values,
            code="withdrawn",
        )
    if (
        entries_for_round(round).filter(pk=entry.pk).exists()
        or Assignment.objects.filter(round=round, entry=entry).exists()
    ):
        raise ValidationError(
            _(
                "%(reference)s is judged in this round, so it cannot be a "
                "calibration entry: choose a sample or an entry of another year "
                "or category."
            )
            % values,
            code="judged",
        )


@transaction.atomic
def calibration_add(*, round: Round, actor: User, reference: str) -> CalibrationItem:
    """Add the award's entry with `reference` (a sample or a past entry) to the
    round's calibration set; organisers only, draft rounds only. Withdrawn
    entries and entries the round judges or has assigned are refused."""
    require_organiser(actor, round.award_id)
    round = Round.objects.select_for_update().get(pk=round.pk)
    _require_draft(round)
    reference = reference.strip()
    entry = (
        Entry.objects.filter(
            category__award_id=round.award_id, reference=reference
        ).first()
        if reference
        else None
    )
    if entry is None:
        raise ValidationError(
            _("No entry of this award has the reference “%(reference)s”.")
            % {"reference": reference},
            code="reference",
        )
    _require_outside_round(round, entry)
    if CalibrationItem.objects.filter(round=round, entry=entry).exists():
        raise ValidationError(
            _("%(reference)s is already in the calibration set.")
            % {"reference": reference},
            code="duplicate",
        )
    last = CalibrationItem.objects.filter(round=round).aggregate(p=Max("position"))
    item = CalibrationItem(
        round=round,
        entry=entry,
        position=(last["p"] or 0) + 1,
        added_by=actor,
        added_at=clock.now(),
    )
    item.full_clean()
    item.save()
    audit_append(
        action="calibration_add", actor=actor, round=round, data={"entry": entry.pk}
    )
    return item


@transaction.atomic
def calibration_remove(*, round: Round, actor: User, entry: Entry) -> int:
    """Take an entry out of the round's calibration set, with every juror's sheet
    of it; organisers only, draft rounds only. Returns how many sheets went."""
    require_organiser(actor, round.award_id)
    round = Round.objects.select_for_update().get(pk=round.pk)
    _require_draft(round)
    item = CalibrationItem.objects.filter(round=round, entry=entry).first()
    if item is None:
        raise ValidationError(
            _("This entry is not in the calibration set."), code="missing"
        )
    sheets = CalibrationSheet.objects.filter(round=round, entry=entry)
    dropped = sheets.count()
    sheets.delete()
    item.delete()
    audit_append(
        action="calibration_remove",
        actor=actor,
        round=round,
        data={"entry": entry.pk, "sheets_dropped": dropped},
    )
    return dropped


@transaction.atomic
def calibration_sheet_save(
    *,
    round: Round,
    entry: Entry,
    actor: User,
    scores: dict[int, str],
    submit: bool = False,
) -> CalibrationSheet:
    """Save the juror's draft calibration scores, or submit them (every criterion
    scored).

    Only an active juror who scores this item (calibration_items_for), only while
    the round is a draft before its opening time; each score in range and on step,
    as on a score sheet; a submitted sheet is final. Submitting appends a
    "calibration_sheet" audit record with the scores.
    """
    round = Round.objects.select_for_update().get(pk=round.pk)
    juror = Juror.objects.filter(
        award_id=round.award_id,
        user=actor,
        accepted_at__isnull=False,
        removed_at__isnull=True,
    ).first()
    if juror is None or entry.pk not in {
        i.entry_id for i in calibration_items_for(round=round, juror=juror)
    }:
        raise PermissionDenied
    moment = clock.now()
    if not is_calibration_open(round, moment):
        raise ValidationError(
            _(
                "Calibration of %(round)s is over: it is scored only before the "
                "round opens."
            )
            % {"round": round.name},
            code="closed",
        )
    try:
        with transaction.atomic():
            sheet, _created = CalibrationSheet.objects.get_or_create(
                round=round, juror=juror, entry=entry
            )
    except IntegrityError:
        sheet = CalibrationSheet.objects.get(round=round, juror=juror, entry=entry)
    sheet = CalibrationSheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.is_submitted:  # read under the lock: another tab may have submitted
        raise ValidationError(
            _("This sheet was already submitted at %(at)s; it cannot change.")
            % {"at": date_format(sheet.submitted_at, "DATETIME_FORMAT")},
            code="submitted",
        )
    criteria = rubric_for(entry.category)
    if not criteria:
        raise ValidationError(_("This category has no rubric yet."))
    values = scores_parse(criteria, scores, complete=submit)
    existing = {s.criterion_id: s for s in sheet.scores.all()}
    for criterion in criteria:
        new = values.get(criterion.pk)
        old = existing.get(criterion.pk)
        if new is None:
            continue
        if old is None:
            CalibrationScore.objects.create(sheet=sheet, criterion=criterion, value=new)
        elif old.value != new:
            old.value = new
            old.full_clean()
            old.save(update_fields=["value"])
    if len(values) == len(criteria):
        sheet.total = weighted_total(criteria, values)
    if submit:
        sheet.submitted_at = moment
    sheet.full_clean()
    sheet.save()
    if submit:
        audit_append(
            action="calibration_sheet",
            actor=actor,
            round=round,
            data={
                "juror": juror.pk,
                "entry": entry.pk,
                "scores": [[pk, plain(v)] for pk, v in sorted(values.items())],
                "total": plain(sheet.total),
            },
        )
    return sheet
