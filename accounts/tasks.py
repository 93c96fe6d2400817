"""Outgoing email leaves the request: a slow or dead mail server never blocks a page."""

import smtplib

from celery import shared_task
from django.db import transaction

from accounts import emails

# Tasks that hand email to the mail server: a refusal or a dead server is retried,
# backing off to ten minutes, for about an hour.
EMAIL_TASK = {
    "acks_late": True,
    "autoretry_for": (smtplib.SMTPException, OSError),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 8,
}


@shared_task(**EMAIL_TASK)
def email_send(
    *,
    subject: str,
    body: str,
    to: list[str],
    alternatives: list[list[str]],
    from_email: str | None = None,
) -> None:
    """Send one finished email (plain text plus optional HTML), subject as given."""
    emails.deliver(
        subject=subject,
        body=body,
        to=to,
        alternatives=alternatives,
        from_email=from_email,
    )


def email_enqueue(
    *,
    subject: str,
    body: str,
    to: list[str],
    alternatives: list[list[str]] | None = None,
) -> None:
    """Queue one rendered email, sent by the worker after the transaction commits
    (nothing goes out for a write that rolls back)."""
    payload = {
        "subject": emails.subject_line(subject),
        "body": body,
        "to": to,
        "alternatives": alternatives or [],
    }
    transaction.on_commit(lambda: email_send.delay(**payload))
