"""Who may do what in juries: plain predicates.

Organisers' rights are the award team's (`awards.permissions.can_organise_award`);
these are the jurors' own: whether a user may take up an invitation, and whether
they may change a score sheet now. (Which assignments and entries a juror sees at
all is the scoping of selectors/scoring.py.)
"""

import datetime

from allauth.account.models import EmailAddress

from accounts.models import User
from awards.jury.models import Assignment, Juror, ScoreSheet
from awards.jury.selectors.conflicts import has_conflict

# Why a sheet may not change, in the order `score_refusal` checks them.
NOT_JUROR = "not_juror"
CONFLICT = "conflict"
CLOSED = "closed"
SUBMITTED = "submitted"


def is_active_juror(user: User, juror: Juror) -> bool:
    """`juror` is the seat of `user`, accepted and not removed."""
    return juror.user_id == user.pk and juror.is_active


def can_accept_invitation(user: User, juror: Juror) -> bool:
    """The invitation was sent to an address of `user`: their account's, or another
    address of theirs that they verified."""
    return (
        user.email == juror.email
        or EmailAddress.objects.filter(
            user=user, email__iexact=juror.email, verified=True
        ).exists()
    )


def score_refusal(
    user: User,
    assignment: Assignment,
    *,
    sheet: ScoreSheet | None,
    now: datetime.datetime,
) -> str | None:
    """Why `user` may not change the sheet of `assignment` at `now`, or None if they
    may: only the assigned, active juror (NOT_JUROR), with no conflict with the entry
    (CONFLICT), while the round is open for scoring (CLOSED), and never once the sheet
    is submitted (SUBMITTED). Checked in that order."""
    if not is_active_juror(user, assignment.juror):
        return NOT_JUROR
    if has_conflict(assignment.juror, assignment.entry):
        return CONFLICT
    if not assignment.round.is_scoring_open(now):
        return CLOSED
    if sheet is not None and sheet.is_submitted:
        return SUBMITTED
    return None


def can_score(
    user: User,
    assignment: Assignment,
    *,
    sheet: ScoreSheet | None,
    now: datetime.datetime,
) -> bool:
    """Whether `user` may change the sheet of `assignment` at `now` (the rules:
    `score_refusal`)."""
    return score_refusal(user, assignment, sheet=sheet, now=now) is None
