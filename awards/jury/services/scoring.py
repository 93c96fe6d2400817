"""Scoring: saving or submitting a juror's sheet.

Sheets are written only while the round is open, one per assignment, by the
assigned juror, and a submitted sheet is final.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from awards import clock
from awards.jury.models import Assignment, Round, Score, ScoreSheet
from awards.jury.permissions import (
    CLOSED,
    CONFLICT,
    NOT_JUROR,
    SUBMITTED,
    score_refusal,
)
from awards.jury.selectors.rubric import plain, rubric_for, weighted_total
from awards.jury.services._common import scores_parse
from awards.jury.services.audit import audit_append


def _refuse(refusal: str | None, round: Round, sheet: ScoreSheet | None) -> None:
    """Raise the error a refusal of `score_refusal` means to the juror (none: pass)."""
    if refusal in (NOT_JUROR, CONFLICT):
        raise PermissionDenied
    if refusal == CLOSED:
        raise ValidationError(
            _("Scoring of %(round)s is closed; sheets can no longer change.")
            % {"round": round.name},
            code="closed",
        )
    if refusal == SUBMITTED:
        raise ValidationError(
            _("This sheet was already submitted at %(at)s; it cannot change.")
            % {"at": date_format(sheet.submitted_at, "DATETIME_FORMAT")},
            code="submitted",
        )


@transaction.atomic
def sheet_save(
    *,
    assignment: Assignment,
    actor: User,
    scores: dict[int, str],
    comment: str = "",
    feedback: str = "",
    submit: bool = False,
) -> ScoreSheet:
    """Save the juror's draft scores, or submit them (every criterion scored).

    Only the assigned, active, unconflicted juror, only while the round is open;
    each score in range and on step; a submitted sheet is final (a second
    submission, e.g. from another tab, is refused). Every change of a score is
    appended to the audit record, old → new.
    """
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("round", "juror", "entry__category")
        .get(pk=assignment.pk)
    )
    round = Round.objects.select_for_update().get(pk=assignment.round_id)
    assignment.round = round  # the locked row is the one the rules read
    moment = clock.now()
    # Who, conflict and round state are refused before any row is written.
    _refuse(score_refusal(actor, assignment, sheet=None, now=moment), round, None)
    try:
        with transaction.atomic():
            sheet, _created = ScoreSheet.objects.get_or_create(assignment=assignment)
    except IntegrityError:
        sheet = ScoreSheet.objects.get(assignment=assignment)
    sheet = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.is_submitted:  # read under the lock: another tab may have submitted
        _refuse(SUBMITTED, round, sheet)
    criteria = rubric_for(assignment.entry.category)
    if not criteria:
        raise ValidationError(_("This category has no rubric yet."))
    values = scores_parse(criteria, scores, complete=submit)
    existing = {s.criterion_id: s for s in sheet.scores.all()}
    changes = []
    for criterion in criteria:
        new = values.get(criterion.pk)
        old = existing.get(criterion.pk)
        if new is None:
            continue
        if old is None:
            Score.objects.create(sheet=sheet, criterion=criterion, value=new)
            changes.append([criterion.pk, None, plain(new)])
        elif old.value != new:
            changes.append([criterion.pk, plain(old.value), plain(new)])
            old.value = new
            old.full_clean()
            old.save(update_fields=["value"])
    sheet.comment = comment.strip()
    sheet.feedback = feedback.strip()
    if len(values) == len(criteria):
        sheet.total = weighted_total(criteria, values)
    if submit:
        sheet.submitted_at = moment
    sheet.full_clean()
    sheet.save()
    if changes or submit:
        audit_append(
            action="submit" if submit else "score",
            actor=actor,
            round=round,
            data={"sheet": sheet.pk, "assignment": assignment.pk, "changes": changes},
        )
    return sheet
