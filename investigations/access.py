"""What a member may do in a workspace, and the decorator that gives it to views.

`Access` is read once per request (selectors build it) and handed to every view,
selector and service, in this app and in secure_docs. `member_view` is the one
door into a workspace's pages: it answers 404 to anyone who is not a current
member, so other apps' views wrap themselves in it rather than import our views.
"""

import time
from dataclasses import dataclass
from functools import wraps

from allauth.account.internal.flows.login import get_authentication_records
from allauth.core.exceptions import ReauthenticationRequired
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.selectors import has_mfa
from investigations.models import Investigation, Membership
from investigations.permissions import (
    ALLOWED_WHEN_ARCHIVED,
    ARCHIVE,
    CHANGE_SETTINGS,
    COMMENT,
    EDIT_TASKS,
    MANAGE_BOARD,
    MANAGE_MEMBERS,
)


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


def wants_json(request: HttpRequest) -> bool:
    """Whether the client asked for JSON (the board's drag and drop does)."""
    return "application/json" in request.headers.get("Accept", "")


def _seen_key(investigation: Investigation) -> str:
    return f"investigations:seen:{investigation.pk}"


def _idle(request: HttpRequest, investigation: Investigation) -> bool:
    """Whether this request comes after the workspace's idle time; if not, it
    counts as activity.

    Idle time runs from the later of the member's last request to this workspace
    and their last sign-in or re-authentication (allauth records both in the
    session), so a fresh sign-in opens the workspace and re-authenticating ends the
    wait. Kept in the session, so signing out or a new browser starts over.
    """
    now = time.time()
    records = get_authentication_records(request, request.user)
    signed_in_at = max((record.get("at", 0) for record in records), default=0)
    seen_at = request.session.get(_seen_key(investigation), 0)
    last = max(signed_in_at, seen_at)  # 0: a session allauth did not sign in
    if last and now - last > investigation.idle_timeout_minutes * 60:
        return True
    request.session[_seen_key(investigation)] = now
    return False


def member_view(permission: str | None = None):
    """Log-in required; 404 for non-members; 403 for members without `permission`."""
    # selectors build Access from this module; import them once it is loaded.
    from investigations import selectors

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, codename: str, *args, **kwargs):
            access = selectors.workspace_for(user=request.user, codename=codename)
            # After the membership check, so non-members still get 404; before the
            # view, so nothing of the workspace is shown and no POST is applied.
            if not has_mfa(request.user):
                return redirect("investigations:mfa_required")
            # Idle too long: allauth's middleware asks for the password or second
            # factor, then replays this request (a POST included).
            if _idle(request, access.investigation):
                if wants_json(request):
                    return JsonResponse(
                        {"error": _("Sign in again to go on.")}, status=401
                    )
                raise ReauthenticationRequired
            if permission is not None:
                access.require(permission)
            return view(request, access, *args, **kwargs)

        return wrapper

    return decorator
