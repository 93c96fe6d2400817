"""Jurors' feedback to entrants: the organisers' review before it goes out (what
entrants read: selectors/feedback.py)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from awards import clock
from awards.jury.models import ScoreSheet
from awards.jury.services._common import require_organiser
from awards.selectors.public import is_published

FEEDBACK_MAX = 8000


@transaction.atomic
def feedback_review(
    *, sheet: ScoreSheet, actor: User, text: str, withheld: bool
) -> ScoreSheet:
    """An organiser edits what the entrant will read of a sheet's feedback, or
    withholds it. Text equal to the juror's own (or empty) keeps the juror's words.
    Once the results are public the text stays as entrants have read it; a piece can
    still be withheld (taken down) or let out again."""
    round_ = sheet.assignment.round
    require_organiser(actor, round_.award_id)
    text = text.strip()
    if len(text) > FEEDBACK_MAX:
        raise ValidationError(
            _("Feedback can be at most %(max)s characters.") % {"max": FEEDBACK_MAX},
            code="too_long",
        )
    edited = "" if text in ("", sheet.feedback.strip()) else text
    if edited != sheet.feedback_edited and is_published(award=round_.award):
        raise ValidationError(
            _(
                "The results are public and entrants may have read this feedback: "
                "it can be withheld, no longer edited."
            ),
            code="public",
        )
    sheet.feedback_edited = edited
    sheet.feedback_withheld = withheld
    sheet.feedback_reviewed_by = actor
    sheet.feedback_reviewed_at = clock.now()
    sheet.save(
        update_fields=[
            "feedback_edited",
            "feedback_withheld",
            "feedback_reviewed_by",
            "feedback_reviewed_at",
        ]
    )
    return sheet
