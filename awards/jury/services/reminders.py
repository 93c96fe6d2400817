"""Reminders to jurors: recording that one went out (who is due:
selectors/reminders.py)."""

import datetime

from django.db import IntegrityError, transaction

from awards.jury.models import ReminderSent


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
