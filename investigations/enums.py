from django.db import models
from django.utils.translation import gettext_lazy as _


class InvestigationStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ARCHIVED = "archived", _("Archived")


class Role(models.TextChoices):
    LEAD = "lead", _("Lead")
    EDITOR = "editor", _("Editor")
    REPORTER = "reporter", _("Reporter")
    VIEWER = "viewer", _("Viewer")


class ActivityVerb(models.TextChoices):
    INVESTIGATION_CREATED = "investigation_created", _("created the investigation")
    INVESTIGATION_UPDATED = "investigation_updated", _("changed the settings")
    INVESTIGATION_ARCHIVED = "investigation_archived", _("archived the investigation")
    INVESTIGATION_REOPENED = "investigation_reopened", _("reopened the investigation")
    MEMBER_INVITED = "member_invited", _("invited a member")
    INVITATION_REVOKED = "invitation_revoked", _("revoked an invitation")
    MEMBER_JOINED = "member_joined", _("joined")
    MEMBER_ROLE_CHANGED = "member_role_changed", _("changed a role")
    MEMBER_REMOVED = "member_removed", _("removed a member")
    COLUMN_CREATED = "column_created", _("added a column")
    COLUMN_RENAMED = "column_renamed", _("renamed a column")
    COLUMN_MOVED = "column_moved", _("reordered the columns")
    TASK_CREATED = "task_created", _("created a task")
    TASK_EDITED = "task_edited", _("edited a task")
    TASK_MOVED = "task_moved", _("moved a task")
    TASK_COMMENTED = "task_commented", _("commented on a task")
    CHECKLIST_CHANGED = "checklist_changed", _("changed a checklist")
    # Recorded by secure_docs through services.activity_record.
    DOCUMENT_UPLOADED = "document_uploaded", _("uploaded a document")
    DOCUMENT_VERSION_ADDED = "document_version_added", _("added a document version")
    DOCUMENT_RESTORED = "document_restored", _("restored a document version")
    DOCUMENT_DELETED = "document_deleted", _("deleted a document")
    DOCUMENT_NOTE_ADDED = "document_note_added", _("added a note to a document")
    WORKSPACE_KEY_ROTATED = "workspace_key_rotated", _("rotated the workspace key")


DEFAULT_COLUMNS = (
    _("Leads"),
    _("Reporting"),
    _("Verification"),
    _("Legal review"),
    _("Ready"),
    _("Published"),
)
