"""The one way out for email: `accounts.emails.send` and `email_enqueue`."""

import pytest
from django.core import mail
from django.db import transaction

from accounts import emails
from accounts.tasks import email_enqueue


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
