"""Old import path of the jury's feedback topic. The code lives in
selectors/feedback.py and services/feedback.py; this module re-exports it for
importers outside awards/jury (awards/views.py) until they import from there."""

from awards.jury.selectors.feedback import (
    Feedback,
    feedback_for_entrant,
    sheets_with_feedback,
)
from awards.jury.services.feedback import FEEDBACK_MAX, feedback_review

__all__ = [
    "FEEDBACK_MAX",
    "Feedback",
    "feedback_for_entrant",
    "feedback_review",
    "sheets_with_feedback",
]
