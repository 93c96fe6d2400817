"""Award editions, their categories, and the entries journalists submit to them;
one module per topic. Every model is importable from `awards.models`."""

# Juries (rubric, rounds, jurors, sheets, audit) live in their own package.
from awards.jury.models import (
    Assignment,
    AuditRecord,
    CalibrationItem,
    CalibrationScore,
    CalibrationSheet,
    Conflict,
    Criterion,
    Juror,
    Prize,
    ReminderSent,
    Round,
    Score,
    ScoreSheet,
)
from awards.models.awards import (
    Award,
    Category,
    validate_attachment_kinds,
    validate_timezone,
)
from awards.models.broadcasts import Broadcast, BroadcastDelivery
from awards.models.certificates import Certificate, certificate_code
from awards.models.entries import (
    CoAuthorInvitation,
    EligibilityOverride,
    Entry,
    EntryCoAuthor,
    EntryFile,
    EntryTransition,
    EntryTranslation,
    entry_file_path,
)
from awards.models.media import MediaUpload
from awards.models.results import ResultsEmail, ResultsPublication
from awards.models.teams import (
    AwardGroupObjectPermission,
    AwardTeamMember,
    AwardUserObjectPermission,
)
from awards.models.translations import (
    AwardTranslation,
    CategoryTranslation,
    PrizeTranslation,
)

__all__ = [
    "Assignment",
    "AuditRecord",
    "Award",
    "AwardGroupObjectPermission",
    "AwardTeamMember",
    "AwardTranslation",
    "AwardUserObjectPermission",
    "Broadcast",
    "BroadcastDelivery",
    "CalibrationItem",
    "CalibrationScore",
    "CalibrationSheet",
    "Category",
    "CategoryTranslation",
    "Certificate",
    "CoAuthorInvitation",
    "Conflict",
    "Criterion",
    "EligibilityOverride",
    "Entry",
    "EntryCoAuthor",
    "EntryFile",
    "EntryTransition",
    "EntryTranslation",
    "Juror",
    "MediaUpload",
    "Prize",
    "PrizeTranslation",
    "ReminderSent",
    "ResultsEmail",
    "ResultsPublication",
    "Round",
    "Score",
    "ScoreSheet",
    "certificate_code",
    "entry_file_path",
    "validate_attachment_kinds",
    "validate_timezone",
]
