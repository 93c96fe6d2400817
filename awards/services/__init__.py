"""Every write to awards goes through here: one service per change of state, one
module per topic."""

from awards.services._common import format_deadline
from awards.services.broadcasts import (
    broadcast_create,
    broadcast_deliver_batch,
    broadcast_send,
    broadcast_update,
)
from awards.services.certificates import (
    certificates_issue,
    prize_withdraw,
    prize_withdrawn,
)
from awards.services.co_authors import (
    entry_co_author_add,
    entry_co_author_remove,
    invitation_accept,
)
from awards.services.eligibility import (
    entry_eligibility_check,
    entry_eligibility_override,
)
from awards.services.entries import (
    ENTRY_DETAIL_FIELDS,
    ENTRY_FIELDS,
    MAX_PUBLICATION_URLS,
    entry_confirmation_mark_sent,
    entry_create,
    entry_submit,
    entry_update,
    entry_withdraw,
    reference_for,
)
from awards.services.files import (
    SNIFF_BYTES,
    clean_file_name,
    entry_file_add,
    entry_file_remove,
)
from awards.services.media_uploads import (
    media_upload_append,
    media_upload_complete,
    media_upload_create,
    media_upload_terminate,
    media_uploads_expire,
)
from awards.services.prize_image import prize_image_set
from awards.services.publishing import (
    publications_due_purge,
    results_emails_send,
    results_publish,
    results_published,
)
from awards.services.teams import TEAM_GROUP, team_member_add, team_member_remove
from awards.services.translations import (
    entry_translation_save,
    prize_citation_translations_save,
)
from awards.services.verdicts import (
    entry_make_finalist,
    entry_make_winner,
    entry_shortlist,
    require_entries_closed,
)

__all__ = [
    "ENTRY_DETAIL_FIELDS",
    "ENTRY_FIELDS",
    "MAX_PUBLICATION_URLS",
    "SNIFF_BYTES",
    "TEAM_GROUP",
    "broadcast_create",
    "broadcast_deliver_batch",
    "broadcast_send",
    "broadcast_update",
    "certificates_issue",
    "clean_file_name",
    "entry_co_author_add",
    "entry_co_author_remove",
    "entry_confirmation_mark_sent",
    "entry_create",
    "entry_eligibility_check",
    "entry_eligibility_override",
    "entry_file_add",
    "entry_file_remove",
    "entry_make_finalist",
    "entry_make_winner",
    "entry_shortlist",
    "entry_submit",
    "entry_translation_save",
    "prize_citation_translations_save",
    "prize_image_set",
    "entry_update",
    "entry_withdraw",
    "format_deadline",
    "invitation_accept",
    "media_upload_append",
    "media_upload_complete",
    "media_upload_create",
    "media_upload_terminate",
    "media_uploads_expire",
    "prize_withdraw",
    "prize_withdrawn",
    "publications_due_purge",
    "reference_for",
    "require_entries_closed",
    "results_emails_send",
    "results_publish",
    "results_published",
    "team_member_add",
    "team_member_remove",
]
