"""Celery tasks of juries: take ids, fetch, call one service."""

import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from accounts.selectors import language_for
from awards.jury import notify, reminders
from awards.jury.models import Juror, ReminderSent, Round


@shared_task(
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    max_retries=5,
)
def jury_reminders_send() -> int:
    """Email each juror with unscored entries in a round closing within 48 hours,
    once per round (run by Celery beat every hour). Returns how many were sent."""
    now = timezone.now()
    sent = 0
    for round_id, juror_id, unscored in reminders.reminders_due(now=now):
        if ReminderSent.objects.filter(round_id=round_id, juror_id=juror_id).exists():
            continue
        juror = Juror.objects.select_related("user").get(pk=juror_id)
        round_ = Round.objects.get(pk=round_id)
        language = language_for(juror.user or juror.email)
        subject, body = notify.reminder_message(
            juror=juror, round=round_, unscored=unscored, language=language
        )
        send_mail(
            settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [juror.user.email],
        )
        if reminders.reminder_mark_sent(round_id=round_id, juror_id=juror_id, now=now):
            sent += 1
    return sent
