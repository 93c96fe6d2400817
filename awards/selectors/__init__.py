"""Reads of awards data, scoped to the person who asks; one module per topic."""

from awards.selectors.audit_log import (
    HeadMismatch,
    log_entries_for_team,
    published_heads_verify,
)
from awards.selectors.awards import award_by_slug, awards_open, categories_for_award
from awards.selectors.broadcasts import (
    broadcast_audience,
    broadcast_choices,
    broadcast_for_organiser,
    broadcast_recipients,
    broadcasts_of_award,
    broadcasts_stalled,
)
from awards.selectors.certificates import (
    award_for_organiser,
    certificate_for_download,
    certificate_for_verification,
    certificates_for_author,
    prize_for_organiser,
    prizes_of_award,
)
from awards.selectors.eligibility import (
    eligibility_inputs,
    eligibility_queue,
    entry_reasons,
)
from awards.selectors.entries import (
    entries_for_staff,
    entries_for_user,
    entry_for_user,
    invitation_by_token,
)
from awards.selectors.media import (
    entry_for_media_upload,
    media_for_viewer,
    media_upload_for_user,
)
from awards.selectors.public import AuditHead, audit_head_for_award
from awards.selectors.results import (
    EntryResult,
    entry_results,
    judged_entries_of,
    results_emails_due,
    standing_of,
    with_standing,
)
from awards.selectors.teams import (
    AWARD_PATHS,
    awards_for_organiser,
    awards_for_team,
    scope_to_team,
    team_of_award,
)

__all__ = [
    "AWARD_PATHS",
    "AuditHead",
    "EntryResult",
    "HeadMismatch",
    "audit_head_for_award",
    "award_by_slug",
    "award_for_organiser",
    "awards_for_organiser",
    "awards_for_team",
    "awards_open",
    "broadcast_audience",
    "broadcast_choices",
    "broadcast_for_organiser",
    "broadcast_recipients",
    "broadcasts_of_award",
    "broadcasts_stalled",
    "categories_for_award",
    "certificate_for_download",
    "certificate_for_verification",
    "certificates_for_author",
    "eligibility_inputs",
    "eligibility_queue",
    "entries_for_staff",
    "entry_for_media_upload",
    "entry_results",
    "entries_for_user",
    "entry_for_user",
    "entry_reasons",
    "invitation_by_token",
    "log_entries_for_team",
    "media_for_viewer",
    "media_upload_for_user",
    "prize_for_organiser",
    "prizes_of_award",
    "published_heads_verify",
    "judged_entries_of",
    "results_emails_due",
    "scope_to_team",
    "standing_of",
    "team_of_award",
    "with_standing",
]
