"""Jurors' feedback to entrants: what organisers review, and what entrants read.

A juror writes feedback on their score sheet. In a round whose
`feedback_to_entrants` is on, the entrant and co-authors read it on the entry's page
once the award's results are public (never before: it would hint at the verdict),
without the juror's name. Until then organisers may edit a piece (the entrant reads
the edited text) or withhold it (services/feedback.py).
"""

import dataclasses
import datetime
from collections.abc import Iterable

from awards.jury.models import Round, ScoreSheet
from awards.models import Entry
from awards.selectors.public import is_published


def sheets_with_feedback(*, round: Round):
    """The round's submitted sheets that carry feedback, for the organisers' review."""
    return (
        ScoreSheet.objects.filter(assignment__round=round, submitted_at__isnull=False)
        .exclude(feedback="")
        .select_related("assignment__entry", "assignment__juror__user")
        .order_by("assignment__entry_id", "assignment__juror_id")
    )


@dataclasses.dataclass(frozen=True)
class Feedback:
    """One piece of feedback as the entrant reads it: no juror, no sheet id."""

    round: str
    text: str


def feedback_for_entrant(*, entry: Entry, now: datetime.datetime) -> list[Feedback]:
    """What the entry's entrant and co-authors may read now: nothing before the
    award's results are public; after, every piece from rounds that share feedback,
    as the organisers left it, in no juror's name."""
    award_id = entry.category.award_id
    if not is_published(award=entry.category.award, now=now):
        return []
    return _pieces(_shared_sheets(award_id).filter(assignment__entry=entry))


def _shared_sheets(award_id: int):
    """Submitted, not withheld sheets of the award's rounds that share feedback."""
    return (
        ScoreSheet.objects.filter(
            assignment__round__award_id=award_id,
            assignment__round__feedback_to_entrants=True,
            submitted_at__isnull=False,
            feedback_withheld=False,
        )
        .select_related("assignment__round")
        .order_by("assignment__round__position", "submitted_at", "pk")
    )


def _pieces(sheets) -> list[Feedback]:
    pieces = []
    for sheet in sheets:
        text = (sheet.feedback_edited or sheet.feedback).strip()
        if text:
            pieces.append(Feedback(round=sheet.assignment.round.name, text=text))
    return pieces


def feedback_by_entry(
    *, award, entries: Iterable[Entry], now: datetime.datetime
) -> dict[int, list[Feedback]]:
    """`feedback_for_entrant` for many entries of one award at once (the results
    email): one query, by entry id; empty before the results are public."""
    if not is_published(award=award, now=now):
        return {}
    found: dict[int, list[Feedback]] = {}
    for sheet in _shared_sheets(award.pk).filter(assignment__entry__in=list(entries)):
        found.setdefault(sheet.assignment.entry_id, []).extend(_pieces([sheet]))
    return found
