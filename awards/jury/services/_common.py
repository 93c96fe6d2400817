"""Guards and steps shared by several jury services."""

from django.core.exceptions import PermissionDenied

from accounts.models import User
from awards.permissions import can_organise_award


def require_organiser(actor: User, award_id: int) -> None:
    """Organisers of the award (or the platform admin) only."""
    if not can_organise_award(actor, award_id):
        raise PermissionDenied
