"""Choices for awards: entry states, AI use, attachments, eligibility rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Ineligible")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    FINALIST = "finalist", _("Finalist")
    WINNER = "winner", _("Winner")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Standing(models.TextChoices):
    """What an entry's entrant and co-authors are told about it.

    The jury's verdicts (shortlisted, finalist, winner, special mention, not
    selected) are under embargo until the award's results are public: before that
    every entry the jury may judge reads "under review". Once public, a standing
    prize names the verdict, and an entry whose prizes were all withdrawn reads
    "prize withdrawn" (awards/selectors/results.py, `standing_of`).
    """

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    INELIGIBLE = "ineligible", _("Ineligible")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    UNDER_REVIEW = "under_review", _("Under review")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    FINALIST = "finalist", _("Finalist")
    WINNER = "winner", _("Winner")
    SPECIAL_MENTION = "special_mention", _("Special mention")
    PRIZE_WITHDRAWN = "prize_withdrawn", _("Prize withdrawn")
    NOT_SELECTED = "not_selected", _("Not selected")


# The states whose meaning is a verdict of the jury: under embargo for entrants.
JUDGED_STATES = frozenset(
    {
        EntryState.ELIGIBLE,
        EntryState.SHORTLISTED,
        EntryState.FINALIST,
        EntryState.WINNER,
    }
)


# Every allowed move, and nothing else: the services look a move up here.
TRANSITIONS: dict[str, frozenset[str]] = {
    EntryState.DRAFT: frozenset({EntryState.SUBMITTED}),
    EntryState.SUBMITTED: frozenset(
        {EntryState.ELIGIBLE, EntryState.INELIGIBLE, EntryState.WITHDRAWN}
    ),
    EntryState.ELIGIBLE: frozenset(
        {EntryState.INELIGIBLE, EntryState.SHORTLISTED, EntryState.WITHDRAWN}
    ),
    EntryState.INELIGIBLE: frozenset({EntryState.ELIGIBLE, EntryState.WITHDRAWN}),
    EntryState.SHORTLISTED: frozenset({EntryState.FINALIST}),
    EntryState.FINALIST: frozenset({EntryState.WINNER}),
    EntryState.WINNER: frozenset(),
    EntryState.WITHDRAWN: frozenset(),
}

# States in which an entry counts against the entrant's limit for an award.
COUNTED_STATES = frozenset(
    {
        EntryState.SUBMITTED,
        EntryState.ELIGIBLE,
        EntryState.INELIGIBLE,
        EntryState.SHORTLISTED,
        EntryState.FINALIST,
        EntryState.WINNER,
    }
)
WITHDRAWABLE_STATES = frozenset(
    {EntryState.SUBMITTED, EntryState.ELIGIBLE, EntryState.INELIGIBLE}
)


class AiUse(models.TextChoices):
    NONE = "none", _("No AI tools were used")
    ASSISTIVE = "assistive", _("Assistive (transcription, translation, spelling)")
    GENERATIVE = "generative", _("Generative (AI produced text, images or sound)")


class AttachmentKind(models.TextChoices):
    PDF = "pdf", _("PDF document")
    IMAGE = "image", _("Image")
    AUDIO = "audio", _("Audio")


# Content types we accept, detected from the bytes; the value is the kind.
ACCEPTED_MIME_TYPES: dict[str, str] = {
    "application/pdf": AttachmentKind.PDF,
    "image/jpeg": AttachmentKind.IMAGE,
    "image/png": AttachmentKind.IMAGE,
    "image/webp": AttachmentKind.IMAGE,
    "image/gif": AttachmentKind.IMAGE,
    "audio/mpeg": AttachmentKind.AUDIO,
    "audio/mp4": AttachmentKind.AUDIO,
    "audio/m4a": AttachmentKind.AUDIO,
    "audio/ogg": AttachmentKind.AUDIO,
    "audio/x-wav": AttachmentKind.AUDIO,
    "audio/x-flac": AttachmentKind.AUDIO,
}


class EligibilityRule(models.TextChoices):
    COUNTRY = "country", _("Country")
    PUBLICATION_WINDOW = "publication_window", _("Publication date")
    AGE = "age", _("Age")
    LANGUAGE = "language", _("Language")
    ENTRIES_PER_PERSON = "entries_per_person", _("Entries per person")
    REQUIRED_FILES = "required_files", _("Required attachments")
    WORD_LIMIT = "word_limit", _("Word limit")
    TEAM = "team", _("Team entry")


class TeamRole(models.TextChoices):
    """An award team member's role in the admin."""

    ORGANISER = "organiser", _("Organiser")
    OBSERVER = "observer", _("Observer (read-only)")


class Licence(models.TextChoices):
    """Terms under which partners may re-broadcast a winning work, chosen by its
    entrant; `deed_url` links the Creative Commons ones to their deed."""

    CC_BY = "cc-by-4.0", _("CC BY 4.0 (attribution)")
    CC_BY_SA = "cc-by-sa-4.0", _("CC BY-SA 4.0 (attribution, share alike)")
    CC_BY_NC = "cc-by-nc-4.0", _("CC BY-NC 4.0 (attribution, non-commercial)")
    CC_BY_NC_ND = (
        "cc-by-nc-nd-4.0",
        _("CC BY-NC-ND 4.0 (attribution, non-commercial, no derivatives)"),
    )
    CONTACT_OUTLET = "contact-outlet", _("All rights reserved: contact the outlet")


# The Creative Commons deed of each CC licence (the outlet's terms have none).
LICENCE_DEEDS: dict[str, str] = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_ND: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
}


class BroadcastAudience(models.TextChoices):
    """Whose entrants an organiser's broadcast goes to."""

    AWARD = "award", _("Every entrant of the award")
    CATEGORY = "category", _("The entrants of one category")
    ROUND = "round", _("The entrants of one round")


class BroadcastState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class DeliveryStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped (unsubscribed)")
