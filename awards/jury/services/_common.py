"""Guards and steps shared by several jury services."""

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from accounts.models import User
from awards.jury.models import Assignment, Criterion, ScoreSheet
from awards.jury.selectors.rubric import is_in_range, is_on_step, plain
from awards.permissions import can_organise_award


def require_organiser(actor: User, award_id: int) -> None:
    """Organisers of the award (or the platform admin) only."""
    if not can_organise_award(actor, award_id):
        raise PermissionDenied


def assignments_withdraw(ids: Iterable[int]) -> None:
    """Delete the assignments `ids` and their sheets. Callers pass assignments
    without a submitted sheet, so only drafts go with them."""
    ids = list(ids)
    ScoreSheet.objects.filter(assignment_id__in=ids).delete()
    Assignment.objects.filter(pk__in=ids).delete()


def scores_parse(
    criteria: list[Criterion], raw: dict[int, str], *, complete: bool
) -> dict[int, Decimal]:
    """The scores typed for `criteria` (criterion pk → text) as numbers, each in
    its criterion's range and on its step; with `complete`, every criterion
    scored. Raises one ValidationError naming each bad field (c<pk>).

    Score sheets and calibration sheets share it, so both refuse the same input.
    """
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
