"""Entry services: co-authors, invitations and the emails they get."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from awards import services
from awards.models import CoAuthorInvitation, EntryCoAuthor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


# --- Co-authors and emails ----


def test_a_registered_co_author_is_added_and_told(
    draft, django_capture_on_commit_callbacks, tasks_in_process
):
    colleague = UserFactory(email="colleague@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_co_author_add(
            entry=draft, actor=draft.owner, email="Colleague@Example.org"
        )
    assert list(draft.co_authors.all()) == [colleague]
    assert [m.to for m in mail.outbox] == [["colleague@example.org"]]
    assert f"/awards/entries/{draft.pk}/" in mail.outbox[0].body


def test_an_unknown_co_author_gets_an_invitation_that_works_once(
    draft, django_capture_on_commit_callbacks, tasks_in_process
):
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_co_author_add(
            entry=draft, actor=draft.owner, email="new@example.org"
        )
    (message,) = mail.outbox
    token = message.body.split("/awards/invitations/")[1].split("/")[0]
    invitation = CoAuthorInvitation.objects.get()
    assert token not in invitation.token_hash
    newcomer = UserFactory(email="new@example.org")
    with pytest.raises(ValidationError) as refused:
        services.invitation_accept(token=token, user=UserFactory())
    assert refused.value.messages == [
        "This invitation was sent to another email address. Sign in with the "
        "address it was sent to, then open the link again."
    ]
    assert not EntryCoAuthor.objects.filter(entry=draft).exists()
    services.invitation_accept(token=token, user=newcomer)
    assert EntryCoAuthor.objects.filter(entry=draft, user=newcomer).exists()
    with pytest.raises(ValidationError):
        services.invitation_accept(token=token, user=UserFactory())


def test_submit_emails_the_entrant_in_their_language_and_the_co_authors(
    draft, django_capture_on_commit_callbacks, tasks_in_process
):
    colleague = UserFactory()
    EntryCoAuthor.objects.create(entry=draft, user=colleague)
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.entry_submit(entry=draft, actor=draft.owner, language="ru")
    assert [m.to for m in mail.outbox] == [[draft.owner.email], [colleague.email]]
    assert entry.reference in mail.outbox[0].subject
    assert "/ru/awards/entries/" in mail.outbox[0].body
    entry.refresh_from_db()
    assert entry.confirmation_sent_at is not None
    # A second run of the task sends nothing more.
    from awards.tasks import entry_confirmation_send

    assert entry_confirmation_send(entry.pk) is False
    assert len(mail.outbox) == 2
