"""Members of a workspace; a guest's membership ends at its time."""

import re

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from investigations.access import Access
from investigations.models import Investigation, Membership

MENTION = re.compile(r"(?<![\w@])@([\w.+-]+)")


def current(prefix: str = "") -> Q:
    """Memberships that have not ended (guests' end in the future, or never)."""
    return Q(**{f"{prefix}expires_at__isnull": True}) | Q(
        **{f"{prefix}expires_at__gt": timezone.now()}
    )


def members_of(*, access: Access) -> list[Membership]:
    """The current members, leads first."""
    order = {"lead": 0, "editor": 1, "reporter": 2, "viewer": 3}
    members = list(
        Membership.objects.filter(investigation=access.investigation)
        .filter(current())
        .select_related("user", "invited_by")
    )
    return sorted(members, key=lambda m: (order[m.role], str(m.user).lower()))


def member_for(*, access: Access, membership_id: int) -> Membership:
    """One membership of this investigation; Http404 otherwise."""
    membership = (
        Membership.objects.select_related("user", "investigation")
        .filter(pk=membership_id, investigation=access.investigation)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def mentioned_members(*, investigation: Investigation, body: str) -> list[User]:
    """Members named in `body` as @handle, where the handle is the part of their
    email address before the @ (or the whole address)."""
    handles = {handle.lower().rstrip(".") for handle in MENTION.findall(body)}
    if not handles:
        return []
    members = User.objects.filter(
        pk__in=Membership.objects.filter(investigation=investigation)
        .filter(current())
        .values("user_id")
    )
    return [
        user
        for user in members
        if user.email.lower() in handles or user.email.lower().split("@")[0] in handles
    ]
