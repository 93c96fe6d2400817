"""Keys, documents, their encrypted versions, who accessed them, and the blind
index that makes them searchable. One module per topic; re-exported here."""

from secure_docs.models.documents import (
    AccessLogEntry,
    Document,
    DocumentVersion,
    IntegrityAlert,
    Note,
    PersonalKey,
    ReencryptionJob,
    WorkspaceKey,
)
from secure_docs.models.search import (
    SavedSearch,
    SavedSearchMatch,
    SearchPosting,
    SearchSegment,
    SearchUnit,
)

__all__ = [
    "AccessLogEntry",
    "Document",
    "DocumentVersion",
    "IntegrityAlert",
    "Note",
    "PersonalKey",
    "ReencryptionJob",
    "SavedSearch",
    "SavedSearchMatch",
    "SearchPosting",
    "SearchSegment",
    "SearchUnit",
    "WorkspaceKey",
]
