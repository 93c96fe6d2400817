"""Members and their roles; an investigation always keeps one lead."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from investigations import hooks, permissions, selectors
from investigations.enums import ActivityVerb, Role
from investigations.models import Investigation, Membership, Task
from investigations.services._common import record_event


def membership_create(
    *,
    investigation: Investigation,
    user: User,
    role: str,
    invited_by: User | None = None,
    expires_at: datetime.datetime | None = None,
) -> Membership:
    """A new membership with its role's object permissions.

    For services that have checked who may add it (a lead, an invitation, the
    creator of the workspace).
    """
    membership = Membership(
        investigation=investigation,
        user=user,
        role=role,
        invited_by=invited_by,
        expires_at=expires_at,
    )
    membership.full_clean()
    membership.save()
    permissions.role_grant(membership=membership)
    return membership


def member_joined_record(*, actor: User, membership: Membership) -> None:
    """Tell the feed and the hooks (documents' recipients) that someone joined."""
    record_event(
        investigation=membership.investigation,
        actor=actor,
        verb=ActivityVerb.MEMBER_JOINED,
        subject=f"{membership.user} ({membership.get_role_display()})",
    )
    hooks.members_changed(membership.investigation.pk)


def _locked_for_manager(*, actor: User, membership: Membership) -> Membership:
    """The membership's row, locked, once the actor may manage members."""
    selectors.access_required(
        user=actor,
        investigation=membership.investigation,
        codename=permissions.MANAGE_MEMBERS,
    )
    return Membership.objects.select_for_update().get(pk=membership.pk)


@transaction.atomic
def membership_add(
    *,
    actor: User,
    investigation: Investigation,
    user: User,
    role: str,
    expires_at: datetime.datetime | None = None,
) -> Membership:
    """Add an existing account directly (leads). Not offered in the interface,
    which invites by email; used by demo data and operators' scripts."""
    selectors.access_required(
        user=actor, investigation=investigation, codename=permissions.MANAGE_MEMBERS
    )
    if Membership.objects.filter(investigation=investigation, user=user).exists():
        raise ValidationError(_("This person is a member already."))
    membership = membership_create(
        investigation=investigation,
        user=user,
        role=role,
        invited_by=actor,
        expires_at=expires_at,
    )
    member_joined_record(actor=actor, membership=membership)
    return membership


def _other_leads(membership: Membership) -> int:
    return (
        Membership.objects.filter(
            investigation=membership.investigation, role=Role.LEAD
        )
        .exclude(pk=membership.pk)
        .count()
    )


@transaction.atomic
def membership_change_role(
    *, actor: User, membership: Membership, role: str
) -> Membership:
    """Give a member another role and swap their object permissions to match.

    An investigation always keeps at least one lead.
    """
    membership = _locked_for_manager(actor=actor, membership=membership)
    if (
        membership.role == Role.LEAD
        and role != Role.LEAD
        and not _other_leads(membership)
    ):
        raise ValidationError(_("An investigation needs at least one lead."))
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    permissions.role_grant(membership=membership)
    record_event(
        investigation=membership.investigation,
        actor=actor,
        verb=ActivityVerb.MEMBER_ROLE_CHANGED,
        subject=f"{membership.user} → {membership.get_role_display()}",
    )
    return membership


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    """End a membership: its permissions go at once, and its task assignments.

    An investigation always keeps at least one lead.
    """
    membership = _locked_for_manager(actor=actor, membership=membership)
    if membership.role == Role.LEAD and not _other_leads(membership):
        raise ValidationError(_("An investigation needs at least one lead."))
    investigation = membership.investigation
    user = membership.user
    permissions.role_revoke(user=user, investigation=investigation)
    Task.assignees.through.objects.filter(
        task__investigation=investigation, user=user
    ).delete()
    membership.delete()
    record_event(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.MEMBER_REMOVED,
        subject=str(user),
    )
    hooks.members_changed(investigation.pk)
