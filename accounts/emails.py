"""The one way out for email. Celery tasks call `send`; code that runs in a request
queues the message with `accounts.tasks.email_enqueue`, which the worker delivers
once the transaction commits."""

import smtplib
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.mail import EmailMultiAlternatives


def subject_line(subject: str) -> str:
    """The site's prefix, then `subject` without the line breaks a template leaves."""
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())


def deliver(
    *,
    subject: str,
    body: str,
    to: list[str],
    alternatives: Iterable[tuple[str, str]] = (),
    from_email: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> None:
    """Hand one finished message (subject as given) to the mail server."""
    message = EmailMultiAlternatives(
        subject,
        body,
        from_email or settings.DEFAULT_FROM_EMAIL,
        to,
        headers=dict(headers or {}),
    )
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    message.send()


def send(
    *,
    subject: str,
    body: str,
    to: list[str],
    alternatives: Iterable[tuple[str, str]] = (),
    headers: Mapping[str, str] | None = None,
) -> None:
    """Send one rendered message from the site's address, its subject prefixed."""
    deliver(
        subject=subject_line(subject),
        body=body,
        to=to,
        alternatives=alternatives,
        headers=headers,
    )


def refused_for_good(error: Exception) -> bool:
    """Whether the mail server refused this one message for good (a 5xx for its
    recipient or its data, or an address Django cannot send to), so retrying it
    is pointless and must not hold up the recipients after it. A dead or busy
    server (4xx, connection errors) and a refused sender (our configuration,
    the same for everyone) are not: those are retried."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(error, smtplib.SMTPSenderRefused):
        return False
    if isinstance(error, smtplib.SMTPResponseException):
        return 500 <= error.smtp_code < 600
    return isinstance(error, ValueError)
