"""Pending invitations, for who manages members."""

from django.http import Http404
from django.utils import timezone

from investigations import permissions
from investigations.access import Access
from investigations.models import Invitation


def pending_invitations(*, access: Access) -> list[Invitation]:
    """Invitations not accepted, revoked or expired; only for who manages members."""
    if not access.can(permissions.MANAGE_MEMBERS):
        return []
    return list(
        Invitation.objects.filter(
            investigation=access.investigation,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        ).select_related("invited_by")
    )


def invitation_for(*, access: Access, invitation_id: int) -> Invitation:
    """One invitation of this investigation; Http404 otherwise."""
    invitation = Invitation.objects.filter(
        pk=invitation_id, investigation=access.investigation
    ).first()
    if invitation is None:
        raise Http404
    return invitation
