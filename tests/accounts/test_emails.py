"""The one way out for email: `accounts.emails.send` and `email_enqueue`."""

import smtplib
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from accounts import emails
from accounts.tasks import email_enqueue
from awards.models import Award


def test_send_prefixes_the_subject_and_folds_its_line_breaks(settings):
    settings.DEFAULT_FROM_EMAIL = "Qalam <noreply@qalam.example>"
    emails.send(
        subject="Your entry\n  is in\n",
        body="Thank you.",
        to=["aigerim@example.kz"],
        alternatives=[("<p>Thank you.</p>", "text/html")],
    )
    [message] = mail.outbox
    assert message.subject == "[Qalam] Your entry is in"
    assert message.from_email == "Qalam <noreply@qalam.example>"
    assert message.to == ["aigerim@example.kz"]
    assert message.body == "Thank you."
    assert message.alternatives == [("<p>Thank you.</p>", "text/html")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("tasks_in_process")
def test_enqueue_sends_after_commit_and_nothing_for_a_rollback():
    with transaction.atomic():
        email_enqueue(subject="Kept", body="b", to=["a@example.kz"])
        assert mail.outbox == []
    with pytest.raises(RuntimeError), transaction.atomic():
        email_enqueue(subject="Rolled back", body="b", to=["a@example.kz"])
        raise RuntimeError
    assert [message.subject for message in mail.outbox] == ["[Qalam] Kept"]


@pytest.mark.parametrize(
    ("error", "for_good"),
    [
        (smtplib.SMTPRecipientsRefused({"a@b.kz": (550, b"no such user")}), True),
        (smtplib.SMTPRecipientsRefused({"a@b.kz": (450, b"greylisted")}), False),
        (smtplib.SMTPDataError(554, b"rejected"), True),
        (smtplib.SMTPDataError(451, b"try later"), False),
        (smtplib.SMTPSenderRefused(553, b"sender", "noreply@qalam"), False),
        (smtplib.SMTPServerDisconnected("gone"), False),
        (ConnectionRefusedError(), False),
        (ValueError("bad header"), True),
    ],
)
def test_refused_for_good_tells_a_lost_cause_from_a_retry(error, for_good):
    assert emails.refused_for_good(error) is for_good


EMAIL_TEMPLATES = sorted(Path(settings.BASE_DIR, "templates").glob("*/email/*.txt"))


@pytest.mark.parametrize("path", EMAIL_TEMPLATES, ids=lambda path: path.name)
def test_every_email_template_writes_plain_text(path):
    """Subjects and bodies are not HTML: "&" must not arrive as "&amp;"."""
    assert "{% autoescape off %}" in path.read_text()


def test_a_subject_keeps_ampersands_and_quotes():
    award = Award(title='Tom & Jerry "Prize"', language="en")
    with translation.override("en"):
        subject = render_to_string("awards/email/results_subject.txt", {"award": award})
    assert subject.strip() == 'Results of Tom & Jerry "Prize"'
