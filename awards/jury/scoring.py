"""Scoring: what a juror sees, and saving or submitting a sheet.

A juror reaches an entry only through an assignment of theirs, in a round that is
not a draft, with no conflict; anything else is a 404. Sheets are written only while
the round is open, one per assignment, and a submitted sheet is final.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from awards.jury import audit
from awards.jury.conflicts import has_conflict
from awards.jury.enums import RoundState, ScoreVisibility
from awards.jury.models import Assignment, Criterion, Round, Score, ScoreSheet
from awards.jury.rubric import is_in_range, is_on_step, rubric_for, weighted_total

VISIBLE_STATES = (RoundState.OPEN, RoundState.CLOSED, RoundState.DECIDED)


def _juror_assignments(user: User) -> QuerySet[Assignment]:
    return Assignment.objects.filter(
        juror__user=user,
        juror__accepted_at__isnull=False,
        juror__removed_at__isnull=True,
        round__state__in=VISIBLE_STATES,
    )


def rounds_for_juror(*, user: User) -> list[dict]:
    """The juror's rounds with their progress per category: one query."""
    rows = (
        _juror_assignments(user)
        .values(
            "round_id",
            "round__name",
            "round__closes_at",
            "round__state",
            "round__award__title",
            "entry__category__name",
        )
        .annotate(
            assigned=Count("pk"),
            scored=Count("pk", filter=Q(sheet__submitted_at__isnull=False)),
        )
        .order_by("round__closes_at", "round_id", "entry__category__name")
    )
    rounds: dict[int, dict] = {}
    for row in rows:
        item = rounds.setdefault(
            row["round_id"],
            {
                "pk": row["round_id"],
                "name": row["round__name"],
                "award": row["round__award__title"],
                "closes_at": row["round__closes_at"],
                "is_open": row["round__state"] == RoundState.OPEN,
                "assigned": 0,
                "scored": 0,
                "categories": [],
            },
        )
        item["assigned"] += row["assigned"]
        item["scored"] += row["scored"]
        item["categories"].append(
            {
                "name": row["entry__category__name"],
                "assigned": row["assigned"],
                "scored": row["scored"],
            }
        )
    return list(rounds.values())


def assignments_for_juror(*, user: User) -> QuerySet[Assignment]:
    """The juror's assignments, newest round first, with what the list shows."""
    return (
        _juror_assignments(user)
        .select_related("round", "entry__category", "entry__language", "sheet")
        .order_by("round__closes_at", "entry__category__position", "entry_id")
    )


def assignment_for_juror(*, user: User, pk: int) -> Assignment:
    """One assignment of the juror's, or 404 (not theirs, conflicted, draft round)."""
    assignment = (
        _juror_assignments(user)
        .select_related("round__award", "juror", "entry__category", "entry__language")
        .filter(pk=pk)
        .first()
    )
    if assignment is None or has_conflict(assignment.juror, assignment.entry):
        raise Http404
    return assignment


def sheet_of(assignment: Assignment) -> ScoreSheet | None:
    return ScoreSheet.objects.filter(assignment=assignment).first()


@dataclass
class OtherScore:
    label: str
    total: Decimal


def others_scores(*, assignment: Assignment) -> list[OtherScore] | None:
    """Other jurors' submitted totals for the entry, if the round lets this juror
    see them now; None when it does not. Never names the other jurors."""
    round = assignment.round
    if round.score_visibility == ScoreVisibility.NEVER:
        return None
    if round.score_visibility == ScoreVisibility.AFTER_OWN and not (
        ScoreSheet.objects.filter(
            assignment=assignment, submitted_at__isnull=False
        ).exists()
    ):
        return None
    totals = (
        ScoreSheet.objects.filter(
            assignment__round=round,
            assignment__entry_id=assignment.entry_id,
            submitted_at__isnull=False,
        )
        .exclude(assignment=assignment)
        .order_by("pk")
        .values_list("total", flat=True)
    )
    return [
        OtherScore(_("Juror %(n)s") % {"n": n}, total)
        for n, total in enumerate(totals, start=1)
    ]


def plain(value: Decimal) -> str:
    """10.00 → "10", 0.50 → "0.5"."""
    return format(value.normalize(), "f")


def _parse(criteria: list[Criterion], raw: dict[int, str], *, complete: bool):
    values: dict[int, Decimal] = {}
    errors: dict[str, list[str]] = {}
    for criterion in criteria:
        text = (raw.get(criterion.pk) or "").strip()
        if not text:
            if complete:
                errors.setdefault(f"c{criterion.pk}", []).append(
                    _("Score “%(name)s” before submitting.") % {"name": criterion.name}
                )
            continue
        try:
            value = Decimal(text.replace(",", "."))
        except InvalidOperation:
            errors.setdefault(f"c{criterion.pk}", []).append(
                _("“%(value)s” is not a number.") % {"value": text}
            )
            continue
        if not value.is_finite() or not is_in_range(criterion, value):
            errors.setdefault(f"c{criterion.pk}", []).append(
                _("“%(name)s” is scored from %(min)s to %(max)s.")
                % {
                    "name": criterion.name,
                    "min": plain(criterion.min_score),
                    "max": plain(criterion.max_score),
                }
            )
        elif not is_on_step(criterion, value):
            errors.setdefault(f"c{criterion.pk}", []).append(
                _("“%(name)s” is scored in steps of %(step)s.")
                % {"name": criterion.name, "step": plain(criterion.step)}
            )
        else:
            values[criterion.pk] = value
    if errors:
        raise ValidationError(errors)
    return values


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
    if assignment.juror.user_id != actor.pk or not assignment.juror.is_active:
        raise PermissionDenied
    if has_conflict(assignment.juror, assignment.entry):
        raise PermissionDenied
    round = Round.objects.select_for_update().get(pk=assignment.round_id)
    moment = timezone.now()
    if not round.is_scoring_open(moment):
        raise ValidationError(
            _("Scoring of %(round)s is closed; sheets can no longer change.")
            % {"round": round.name},
            code="closed",
        )
    try:
        with transaction.atomic():
            sheet, _created = ScoreSheet.objects.get_or_create(assignment=assignment)
    except IntegrityError:
        sheet = ScoreSheet.objects.get(assignment=assignment)
    sheet = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.is_submitted:
        raise ValidationError(
            _("This sheet was already submitted at %(at)s; it cannot change.")
            % {"at": date_format(sheet.submitted_at, "DATETIME_FORMAT")},
            code="submitted",
        )
    criteria = rubric_for(assignment.entry.category)
    if not criteria:
        raise ValidationError(_("This category has no rubric yet."))
    values = _parse(criteria, scores, complete=submit)
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
        audit.audit_append(
            action="submit" if submit else "score",
            actor=actor,
            round=round,
            data={"sheet": sheet.pk, "assignment": assignment.pk, "changes": changes},
        )
    return sheet


def sheet_scores(sheet: ScoreSheet | None) -> dict[int, Decimal]:
    if sheet is None:
        return {}
    return dict(sheet.scores.values_list("criterion_id", "value"))
