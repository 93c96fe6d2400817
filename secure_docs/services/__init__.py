"""Every write to secure documents goes through here.

Services check the actor's role through investigations' Access, write in a
transaction after full_clean(), and record document events in the workspace's
activity feed. Ciphertext objects are written before their row (an upload
streams while the request is read) and deleted by whoever gives up on them.
One module per topic; this package re-exports the services other modules call.
"""

from secure_docs.services.documents import (
    access_record,
    document_create,
    document_delete,
    encrypt_to_storage,
    note_create,
    version_add,
    version_restore,
)
from secure_docs.services.index_sources import (
    text_index_schedule,
    unit_for_version,
    version_index_schedule,
)
from secure_docs.services.index_upkeep import (
    index_rekey_pending,
    unit_failed,
    units_ensure,
    units_to_index,
)
from secure_docs.services.indexing import saved_searches_due, unit_index
from secure_docs.services.integrity import (
    documents_verify,
    integrity_alert_record,
    version_plaintext,
    version_verify,
)
from secure_docs.services.keys import (
    Recipients,
    kek_rotate,
    members_changed,
    personal_key_delete,
    personal_key_mark_reminded,
    personal_key_register,
    recipients_for,
    workspace_key_ensure,
    workspace_key_rotate,
    workspace_key_schedule,
)
from secure_docs.services.orphans import orphans_delete
from secure_docs.services.reencryption import reencrypt_investigation
from secure_docs.services.saved_searches import (
    saved_search_create,
    saved_search_delete,
    saved_searches_check,
    saved_searches_prune,
)

__all__ = [
    "Recipients",
    "access_record",
    "document_create",
    "document_delete",
    "documents_verify",
    "encrypt_to_storage",
    "index_rekey_pending",
    "integrity_alert_record",
    "kek_rotate",
    "members_changed",
    "note_create",
    "orphans_delete",
    "personal_key_delete",
    "personal_key_mark_reminded",
    "personal_key_register",
    "recipients_for",
    "reencrypt_investigation",
    "saved_search_create",
    "saved_search_delete",
    "saved_searches_check",
    "saved_searches_due",
    "saved_searches_prune",
    "text_index_schedule",
    "unit_failed",
    "unit_for_version",
    "unit_index",
    "units_ensure",
    "units_to_index",
    "version_add",
    "version_index_schedule",
    "version_plaintext",
    "version_restore",
    "version_verify",
    "workspace_key_ensure",
    "workspace_key_rotate",
    "workspace_key_schedule",
]
