"""Roles and the object permissions they carry (the check itself is `Access.can`,
in investigations/access.py).

A role is a set of guardian object permissions on the investigation, stored in
the direct foreign-key model InvestigationUserObjectPermission. Services grant a
role's set whenever a membership is created or changed and revoke it when the
membership ends. Checks read those rows, never `user.has_perm`, because guardian
(and Django) answer True for superusers: being staff never opens a workspace.
"""

from guardian.shortcuts import assign_perm

from investigations.enums import Role
from investigations.models import (
    Investigation,
    InvestigationUserObjectPermission,
    Membership,
)

VIEW = "view_investigation"
EDIT_TASKS = "edit_tasks"
COMMENT = "comment_tasks"
UPLOAD = "upload_documents"
MANAGE_BOARD = "manage_board"
MANAGE_DOCUMENTS = "manage_documents"
MANAGE_MEMBERS = "manage_members"
CHANGE_SETTINGS = "change_settings"
ARCHIVE = "archive_investigation"

_VIEWER = frozenset({VIEW})
_REPORTER = _VIEWER | {EDIT_TASKS, COMMENT, UPLOAD}
_EDITOR = _REPORTER | {MANAGE_BOARD, MANAGE_DOCUMENTS}
_LEAD = _EDITOR | {MANAGE_MEMBERS, CHANGE_SETTINGS, ARCHIVE}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.VIEWER: _VIEWER,
    Role.REPORTER: _REPORTER,
    Role.EDITOR: _EDITOR,
    Role.LEAD: _LEAD,
}
# What still works in an archived workspace: reading it, and reopening it.
ALLOWED_WHEN_ARCHIVED = frozenset({VIEW, ARCHIVE})


def object_permissions(*, user, investigation: Investigation) -> frozenset[str]:
    """The codenames granted to `user` on `investigation` (one query)."""
    return frozenset(
        InvestigationUserObjectPermission.objects.filter(
            user=user, content_object=investigation
        ).values_list("permission__codename", flat=True)
    )


def role_grant(*, membership: Membership) -> None:
    """Make the user's object permissions exactly those of the membership's role."""
    role_revoke(user=membership.user, investigation=membership.investigation)
    for codename in sorted(ROLE_PERMISSIONS[membership.role]):
        assign_perm(codename, membership.user, membership.investigation)


def role_revoke(*, user, investigation: Investigation) -> None:
    """Remove every object permission `user` holds on `investigation`."""
    InvestigationUserObjectPermission.objects.filter(
        user=user, content_object=investigation
    ).delete()
