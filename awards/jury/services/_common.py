"""Guards and steps shared by several jury services."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied

from accounts.models import User
from awards.jury.models import Assignment, ScoreSheet
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
