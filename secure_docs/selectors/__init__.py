"""Reads for secure documents and their search, always scoped to the member who
asks (Http404 else). One module per topic; re-exported here."""

from secure_docs.selectors.documents import (
    access_log_of,
    active_workspace_key,
    current_members,
    document_for,
    documents_for,
    latest_job,
    lead_emails,
    member_keys,
    notes_of,
    open_alerts,
    personal_key_of,
    storage_used,
    version_for,
    versions_of,
    versions_to_reencrypt,
    workspace_keys,
)
from secure_docs.selectors.index import (
    duplicates_of,
    duplicates_of_versions,
    index_status_of,
    problems_of,
    search_filters_of,
    units_of_versions,
)
from secure_docs.selectors.saved_searches import (
    saved_search_for,
    saved_search_payload,
    saved_searches_of,
)
from secure_docs.selectors.search import (
    SearchHit,
    SearchPage,
    SearchQuery,
    search,
    unit_matches,
)

__all__ = [
    "duplicates_of_versions",
    "problems_of",
    "units_of_versions",
    "SearchHit",
    "SearchPage",
    "SearchQuery",
    "access_log_of",
    "active_workspace_key",
    "current_members",
    "document_for",
    "documents_for",
    "duplicates_of",
    "index_status_of",
    "latest_job",
    "lead_emails",
    "member_keys",
    "notes_of",
    "open_alerts",
    "personal_key_of",
    "saved_search_for",
    "saved_search_payload",
    "saved_searches_of",
    "search",
    "search_filters_of",
    "storage_used",
    "unit_matches",
    "version_for",
    "versions_of",
    "versions_to_reencrypt",
    "workspace_keys",
]
