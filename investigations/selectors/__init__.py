"""Reads, always scoped to the member who asks.

A person who is not a current member of an investigation gets Http404 from every
selector that takes a codename or an id, staff and superusers included. One
module per topic, as in services; this package re-exports the selectors other
modules call.
"""

from investigations.selectors.access import access_for, access_required, workspace_for
from investigations.selectors.activity import activity_feed
from investigations.selectors.board import (
    BOARD_PAGE,
    board_columns,
    card_place,
    column_for,
    columns_of,
    task_detail,
    task_for,
)
from investigations.selectors.invitations import invitation_for, pending_invitations
from investigations.selectors.memberships import (
    current,
    member_for,
    members_of,
    mentioned_members,
)
from investigations.selectors.notifications import (
    due_soon_by_user,
    notification_settings_for,
)
from investigations.selectors.workspaces import (
    investigation_counts,
    investigations_for_user,
    roles_by_investigation,
)

__all__ = [
    "BOARD_PAGE",
    "access_for",
    "access_required",
    "activity_feed",
    "board_columns",
    "card_place",
    "column_for",
    "columns_of",
    "current",
    "due_soon_by_user",
    "investigation_counts",
    "investigations_for_user",
    "invitation_for",
    "member_for",
    "members_of",
    "mentioned_members",
    "notification_settings_for",
    "pending_invitations",
    "roles_by_investigation",
    "task_detail",
    "task_for",
    "workspace_for",
]
