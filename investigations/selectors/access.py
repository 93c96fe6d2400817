"""What a member may do in a workspace, read once per request."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from investigations import permissions
from investigations.access import Access
from investigations.models import Investigation, Membership
from investigations.selectors.memberships import current


def access_for(*, user, investigation: Investigation) -> Access | None:
    """The member's access to `investigation`, or None for anyone not a current member.

    Expired guest memberships count as no membership.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    membership = (
        Membership.objects.filter(investigation=investigation, user=user)
        .filter(current())
        .first()
    )
    if membership is None:
        return None
    membership.investigation = investigation
    return Access(
        investigation=investigation,
        membership=membership,
        permissions=permissions.object_permissions(
            user=user, investigation=investigation
        ),
    )


def access_required(*, user, investigation: Investigation, codename: str) -> Access:
    """The member's access to `investigation`, if it allows `codename`.

    PermissionDenied (not 404) for anyone not a current member and for a role
    without `codename`: services are called by code that found the workspace.
    """
    access = access_for(user=user, investigation=investigation)
    if access is None:
        raise PermissionDenied(_("You are not a member of this investigation."))
    access.require(codename)
    return access


def workspace_for(*, user, codename: str) -> Access:
    """The workspace `codename` as `user` sees it; Http404 unless a current member."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    membership = (
        Membership.objects.select_related("investigation")
        .filter(investigation__codename=codename, user=user)
        .filter(current())
        .first()
    )
    if membership is None:
        raise Http404
    return Access(
        investigation=membership.investigation,
        membership=membership,
        permissions=permissions.object_permissions(
            user=user, investigation=membership.investigation
        ),
    )
