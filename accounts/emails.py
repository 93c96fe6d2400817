"""The one way out for email. Celery tasks call `send`; code that runs in a request
queues the message with `accounts.tasks.email_enqueue`, which sends it through `send`
in the worker once the transaction commits."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives


def send(
    *,
    subject: str,
    body: str,
    to: list[str],
    alternatives: Iterable[tuple[str, str]] = (),
) -> None:
    """Send one rendered message from the site's address; the subject gets the
    site's prefix and loses the line breaks a template leaves in it."""
    message = EmailMultiAlternatives(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        to,
    )
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    message.send()
