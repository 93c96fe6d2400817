"""Celery tasks of juries: take ids, fetch, call one service."""

from celery import shared_task

from accounts.emails import send as send_email
from accounts.selectors import language_for
from accounts.tasks import EMAIL_TASK
from awards import clock
from awards.jury.models import Juror, ReminderSent, Round
from awards.jury.selectors.reminders import reminders_due
from awards.jury.services.notify import reminder_message
from awards.jury.services.reminders import reminder_mark_sent


@shared_task(**EMAIL_TASK)
def jury_reminders_send() -> int:
    """Email each juror with unscored entries in a round closing within 48 hours,
    once per round (run by Celery beat every hour). Returns how many were sent."""
    now = clock.now()
    sent = 0
    for round_id, juror_id, unscored in reminders_due(now=now):
        if ReminderSent.objects.filter(round_id=round_id, juror_id=juror_id).exists():
            continue
        juror = Juror.objects.select_related("user").get(pk=juror_id)
        round_ = Round.objects.get(pk=round_id)
        language = language_for(juror.user or juror.email)
        subject, body = reminder_message(
            juror=juror, round=round_, unscored=unscored, language=language
        )
        send_email(subject=subject, body=body, to=[juror.user.email])
        if reminder_mark_sent(round_id=round_id, juror_id=juror_id, now=now):
            sent += 1
    return sent
