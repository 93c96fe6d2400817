"""Every write of juries, one module per topic. Callers use
`from awards.jury import services` and `services.sheet_save(...)`; modules inside
the package import each other by module, never through this file."""

from awards.jury.services.assignment import assignment_run, assignment_swap
from awards.jury.services.audit import audit_append
from awards.jury.services.bids import bids_record, expertise_record
from awards.jury.services.calibration import (
    calibration_add,
    calibration_remove,
    calibration_sheet_save,
)
from awards.jury.services.conflicts import conflict_declare, relation_declare
from awards.jury.services.deliberation import (
    deliberation_decide,
    deliberation_post,
    deliberation_vote,
)
from awards.jury.services.feedback import FEEDBACK_MAX, feedback_review
from awards.jury.services.membership import (
    juror_accept,
    juror_invite,
    juror_remove,
    token_hash,
)
from awards.jury.services.notify import (
    ReminderEmail,
    reminder_emails,
    reminder_message,
    send_juror_invitation,
)
from awards.jury.services.reminders import (
    NOTE_MAX,
    ManualSend,
    manual_reminder_check,
    reminder_mark_sent,
    reminders_send_manual,
)
from awards.jury.services.rounds import (
    prize_award,
    round_close,
    round_decide,
    round_open,
    round_reopen,
    round_shortlist,
)
from awards.jury.services.scoring import sheet_save

__all__ = [
    "FEEDBACK_MAX",
    "NOTE_MAX",
    "ManualSend",
    "ReminderEmail",
    "assignment_run",
    "assignment_swap",
    "audit_append",
    "bids_record",
    "calibration_add",
    "calibration_remove",
    "calibration_sheet_save",
    "conflict_declare",
    "deliberation_decide",
    "deliberation_post",
    "deliberation_vote",
    "expertise_record",
    "feedback_review",
    "juror_accept",
    "juror_invite",
    "juror_remove",
    "manual_reminder_check",
    "prize_award",
    "relation_declare",
    "reminder_mark_sent",
    "reminder_emails",
    "reminder_message",
    "reminders_send_manual",
    "round_close",
    "round_decide",
    "round_open",
    "round_reopen",
    "round_shortlist",
    "send_juror_invitation",
    "sheet_save",
    "token_hash",
]
