"""Every write to investigations goes through here.

Each service takes the acting user, checks what the actor's role allows (and that
the workspace is not archived), and records an ActivityEvent for the change. One
module per topic; this package re-exports the services other modules call.
"""

from investigations.services._common import notifications_suppressed
from investigations.services.activity import activity_record
from investigations.services.board import (
    StaleTaskError,
    checklist_item_add,
    checklist_item_toggle,
    column_create,
    column_rename,
    column_shift,
    task_create,
    task_move,
    task_update,
)
from investigations.services.comments import comment_create
from investigations.services.invitations import (
    invitation_accept,
    invitation_create,
    invitation_from_token,
    invitation_revoke,
)
from investigations.services.memberships import (
    membership_add,
    membership_change_role,
    membership_remove,
)
from investigations.services.notifications import (
    due_digest_mark_sent,
    notification_settings_update,
)
from investigations.services.workspaces import (
    investigation_create,
    investigation_set_archived,
    investigation_update,
)

__all__ = [
    "StaleTaskError",
    "activity_record",
    "checklist_item_add",
    "checklist_item_toggle",
    "column_create",
    "column_rename",
    "column_shift",
    "comment_create",
    "due_digest_mark_sent",
    "investigation_create",
    "investigation_set_archived",
    "investigation_update",
    "invitation_accept",
    "invitation_create",
    "invitation_from_token",
    "invitation_revoke",
    "membership_add",
    "membership_change_role",
    "membership_remove",
    "notification_settings_update",
    "notifications_suppressed",
    "task_create",
    "task_move",
    "task_update",
]
