"""Reminders to jurors: recording that an automatic one went out (who is due:
selectors/reminders.py), and the ones organisers send by hand."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.tasks import email_enqueue
from awards import clock
from awards.jury.enums import RoundState
from awards.jury.models import Juror, ManualReminder, ReminderSent, Round
from awards.jury.selectors.reminders import slow_jurors
from awards.jury.services._common import require_organiser
from awards.jury.services.audit import audit_append
from awards.jury.services.notify import reminder_emails

NOTE_MAX = 1000


@transaction.atomic
def reminder_mark_sent(*, round_id: int, juror_id: int, now: datetime.datetime) -> bool:
    """Record the reminder; False if it was recorded already (a second run)."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                round_id=round_id, juror_id=juror_id, sent_at=now
            )
    except IntegrityError:
        return False
    return True


def manual_reminder_check(*, round: Round, juror_ids: list[int], note: str):
    """The slow jurors of `round` among `juror_ids` (with their unscored counts),
    or the reason a reminder by hand cannot go: the round is not open, nobody is
    chosen, or the note is too long."""
    if round.state != RoundState.OPEN:
        raise ValidationError(
            _("Reminders go to jurors of an open round; this one is %(state)s.")
            % {"state": round.get_state_display().lower()},
            code="state",
        )
    if len(note.strip()) > NOTE_MAX:
        raise ValidationError(
            _("The note has at most %(max)s characters.") % {"max": NOTE_MAX},
            code="note",
        )
    chosen = [row for row in slow_jurors(round=round) if row.juror.pk in juror_ids]
    if not chosen:
        raise ValidationError(
            _("Choose at least one juror with entries still to score."),
            code="empty",
        )
    return chosen


@dataclass
class ManualSend:
    """Who was reminded now, and who was skipped (with when they last were)."""

    sent: list[Juror] = field(default_factory=list)
    skipped: list[tuple[Juror, datetime.datetime]] = field(default_factory=list)


@transaction.atomic
def reminders_send_manual(
    *, round: Round, actor: User, juror_ids: list[int], note: str
) -> ManualSend:
    """Email a reminder, with the organiser's optional note, to each chosen juror
    of an open round who still has entries to score, and record it in the audit
    chain. A juror reminded in this round within the last hour (by hand or
    automatically) is skipped, so a double click or a second send never
    reminds anyone twice: the round's row lock makes the second one wait and
    then find the first's records."""
    require_organiser(actor, round.award_id)
    round = Round.objects.select_for_update().get(pk=round.pk)
    chosen = manual_reminder_check(round=round, juror_ids=juror_ids, note=note)
    now = clock.now()
    note = note.strip()
    result = ManualSend()
    due = []
    for row in chosen:
        if row.is_recently_reminded(now):
            result.skipped.append((row.juror, row.last_reminded))
        else:
            due.append((row.juror, row.unscored))
    emails = reminder_emails(round=round, jurors=due, note=note)
    for (juror, unscored), email in zip(due, emails, strict=True):
        email_enqueue(subject=email.subject, body=email.body, to=[email.to])
        ManualReminder.objects.create(
            round=round, juror=juror, sent_by=actor, sent_at=now, note=note
        )
        audit_append(
            action="reminder_manual",
            actor=actor,
            round=round,
            data={
                "juror": juror.pk,
                "unscored": unscored,
                "language": email.language,
                "note": note,
            },
        )
        result.sent.append(juror)
    return result
