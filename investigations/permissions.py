"""Roles, the object permissions they carry, and the predicates that check them.

A role is a set of guardian object permissions on the investigation, stored in
the direct foreign-key model InvestigationUserObjectPermission. Services grant a
role's set whenever a membership is created or changed and revoke it when the
membership ends. Checks read those rows, never `user.has_perm`, because guardian
(and Django) answer True for superusers: being staff never opens a workspace.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
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


@dataclass(frozen=True)
class Access:
    """What one member may do in one investigation, read once per request."""

    investigation: Investigation
    membership: Membership
    permissions: frozenset[str]

    @property
    def role(self) -> str:
        return self.membership.role

    def can(self, codename: str) -> bool:
        if self.investigation.is_archived and codename not in ALLOWED_WHEN_ARCHIVED:
            return False
        return codename in self.permissions

    def require(self, codename: str) -> None:
        """Raise PermissionDenied (403) unless the member holds `codename`."""
        if not self.can(codename):
            if self.investigation.is_archived and codename in self.permissions:
                raise PermissionDenied(_("This investigation is archived."))
            raise PermissionDenied(_("Your role does not allow this."))

    # Template-friendly names.
    @property
    def can_edit_tasks(self) -> bool:
        return self.can(EDIT_TASKS)

    @property
    def can_comment(self) -> bool:
        return self.can(COMMENT)

    @property
    def can_manage_board(self) -> bool:
        return self.can(MANAGE_BOARD)

    @property
    def can_manage_members(self) -> bool:
        return self.can(MANAGE_MEMBERS)

    @property
    def can_change_settings(self) -> bool:
        return self.can(CHANGE_SETTINGS)

    @property
    def can_archive(self) -> bool:
        return self.can(ARCHIVE)


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
