"""Assigning entries to jurors: writing the plan of selectors/assignment.py, and
staff's swaps of single assignments."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from awards.jury.enums import RoundState
from awards.jury.models import Assignment, Juror, Round, ScoreSheet
from awards.jury.selectors.assignment import AssignmentPlan, plan
from awards.jury.selectors.conflicts import conflict_map
from awards.jury.services._common import assignments_withdraw, require_organiser
from awards.jury.services.audit import audit_append


@transaction.atomic
def assignment_run(*, round: Round, actor: User, seed: int = 0) -> AssignmentPlan:
    """Assign every entry of a draft or open round exactly k jurors.

    Replaces assignments without a submitted sheet; all or nothing: if any entry
    cannot be served the ValidationError lists each one and why.
    """
    require_organiser(actor, round.award_id)
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.state not in (RoundState.DRAFT, RoundState.OPEN):
        raise ValidationError(_("Only a draft or open round can be assigned."))
    result = plan(round=round, seed=seed)
    if result.shortfalls:
        raise ValidationError(
            [
                _(
                    "%(entry)s needs %(needed)s jurors, %(available)s available: "
                    "%(reason)s."
                )
                % {
                    "entry": s.reference,
                    "needed": s.needed,
                    "available": s.available,
                    "reason": s.reason,
                }
                for s in result.shortfalls
            ],
            code="infeasible",
        )
    replaced = Assignment.objects.filter(round=round).exclude(
        sheet__submitted_at__isnull=False
    )
    replaced_ids = list(replaced.values_list("pk", flat=True))
    # Drafts of replaced assignments go with them; a juror keeping the same entry
    # keeps the assignment (and its draft) because we re-add only what is missing.
    current = set(
        Assignment.objects.filter(pk__in=replaced_ids).values_list(
            "entry_id", "juror_id"
        )
    )
    wanted = set(result.pairs)
    drop = [pk for pk, pair in _pairs_by_pk(replaced_ids).items() if pair not in wanted]
    assignments_withdraw(drop)
    Assignment.objects.bulk_create(
        [
            Assignment(round=round, entry_id=entry_id, juror_id=juror_id)
            for entry_id, juror_id in sorted(wanted - current)
        ]
    )
    audit_append(
        action="assign",
        actor=actor,
        round=round,
        data={
            "seed": seed,
            "added": len(wanted - current),
            "dropped": len(drop),
            "kept": len(result.kept) + len(wanted & current),
        },
    )
    return result


def _pairs_by_pk(ids: list[int]) -> dict[int, tuple[int, int]]:
    return {
        pk: (entry_id, juror_id)
        for pk, entry_id, juror_id in Assignment.objects.filter(pk__in=ids).values_list(
            "pk", "entry_id", "juror_id"
        )
    }


@transaction.atomic
def _check_round_constraints(assignment: Assignment, juror: Juror) -> None:
    """The round's own rules, as the plan honours them: no juror from the entry's
    country where the round says so, no juror past their capacity, and no swap
    that leaves the entry with jurors of fewer countries than the round asks."""
    round_, entry = assignment.round, assignment.entry
    country = str(juror.user.country or "")
    if round_.exclude_own_country and country and country == str(entry.country or ""):
        raise ValidationError(
            _("This round keeps jurors from entries of their own country.")
        )
    if juror.max_entries is not None:
        load = Assignment.objects.filter(round=round_, juror=juror).count()
        if load >= juror.max_entries:
            raise ValidationError(
                _("This juror has no capacity left in this round (%(n)s entries).")
                % {"n": juror.max_entries}
            )
    if round_.min_juror_countries > 1:
        others = [
            str(c or "")
            for c in Assignment.objects.filter(round=round_, entry=entry)
            .exclude(pk=assignment.pk)
            .values_list("juror__user__country", flat=True)
        ]
        before = {*others, str(assignment.juror.user.country or "")} - {""}
        after = {*others, country} - {""}
        if len(after) < round_.min_juror_countries and len(after) < len(before):
            raise ValidationError(
                _(
                    "This swap would leave the entry with jurors from fewer than "
                    "%(k)s countries."
                )
                % {"k": round_.min_juror_countries}
            )


def assignment_swap(*, assignment: Assignment, juror: Juror, actor: User) -> Assignment:
    """Staff hand an unscored assignment to another juror, who must be active,
    read the entry's language, judge its category, have no conflict, and keep
    the round's constraints (own country, capacity, countries per entry)."""
    require_organiser(actor, juror.award_id)
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("entry", "round")
        .get(pk=assignment.pk)
    )
    if ScoreSheet.objects.filter(
        assignment=assignment, submitted_at__isnull=False
    ).exists():
        raise ValidationError(_("This assignment has a submitted sheet; it stays."))
    entry = assignment.entry
    if not juror.is_active or juror.award_id != assignment.round.award_id:
        raise ValidationError(_("Choose an active juror of this award."))
    if not juror.user.languages.filter(code=entry.language_id).exists():
        raise ValidationError(_("This juror does not read the entry's language."))
    if (
        juror.categories.exists()
        and not juror.categories.filter(pk=entry.category_id).exists()
    ):
        raise ValidationError(_("This juror does not judge the entry's category."))
    if conflict_map(jurors=[juror], entries=[entry]):
        raise ValidationError(_("This juror has a conflict with the entry."))
    if Assignment.objects.filter(
        Q(round=assignment.round, entry=entry, juror=juror)
    ).exists():
        raise ValidationError(_("This juror is already assigned to the entry."))
    _check_round_constraints(assignment, juror)
    old = assignment.juror_id
    ScoreSheet.objects.filter(assignment=assignment).delete()
    assignment.juror = juror
    assignment.full_clean()
    assignment.save(update_fields=["juror"])
    audit_append(
        action="swap",
        actor=actor,
        round=assignment.round,
        data={"assignment": assignment.pk, "from": old, "to": juror.pk},
    )
    return assignment
