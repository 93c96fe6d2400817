"""Every email reaches a person in the language of emails on their profile.

Each test runs with English active (the request's language) and a reader who chose
Kazakh; subject and body come out in Kazakh.
"""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import User
from accounts.selectors import email_language, language_for
from awards import emails
from awards.jury.services import notify
from investigations import services as investigation_services
from investigations import tasks as investigation_tasks
from tests.factories import EntryFactory, JurorFactory, RoundFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]


def kk(msgid: str, **params) -> str:
    with translation.override("kk"):
        text = gettext(msgid)
    assert text != msgid, f"no Kazakh for {msgid!r}"
    return text % params if params else text


@pytest.fixture
def aigerim(db) -> User:
    return UserFactory(
        email="aigerim@example.kz", display_name="aigerim", preferred_language="kk"
    )


def test_language_for_a_user_an_address_and_an_unknown_address(aigerim):
    assert language_for(aigerim) == "kk"
    assert language_for("AIGERIM@example.kz", fallback="ru") == "kk"
    # No account: the sender's choice, else the site's default.
    assert language_for("nobody@example.org", fallback="tg") == "tg"
    assert language_for("nobody@example.org", fallback="xx") == "en"
    assert language_for("nobody@example.org") == "en"
    with email_language(aigerim) as language:
        assert (language, translation.get_language()) == ("kk", "kk")
    assert translation.get_language() == "en"


def test_sign_up_records_the_language_of_the_page(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/kk/accounts/signup/",
            {
                "email": "daniyar@example.kz",
                "password1": "a long passphrase 2026",
                "password2": "a long passphrase 2026",
            },
        )
    assert User.objects.get(email="daniyar@example.kz").preferred_language == "kk"
    assert mail.outbox[0].subject == "[Qalam] " + kk(
        "Please Confirm Your Email Address"
    )


def test_password_reset_from_an_english_page_is_in_kazakh(
    client, aigerim, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": aigerim.email})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject == "[Qalam] " + kk("Password Reset Email")
    assert "сәлем!" in message.body
    assert "Hello from" not in message.body


def test_profile_page_changes_the_language_of_emails(client, aigerim):
    client.force_login(aigerim)
    response = client.post(
        "/accounts/profile/",
        {"display_name": "Aigerim", "languages": ["kk"], "preferred_language": "tg"},
    )
    assert response.status_code == 302
    aigerim.refresh_from_db()
    assert aigerim.preferred_language == "tg"


def test_co_author_emails_are_in_kazakh(aigerim, django_capture_on_commit_callbacks):
    entry = EntryFactory(title="Dry rivers")
    with django_capture_on_commit_callbacks(execute=True):
        emails.send_co_author_added(entry=entry, user=aigerim, language="en")
    (message,) = mail.outbox
    assert message.subject == "[Qalam] " + kk(
        "You were named co-author of “%(title)s”", title="Dry rivers"
    )
    assert "/kk/awards/" in message.body


def test_entry_confirmation_follows_the_owner_not_the_submission_page(
    aigerim,
):
    entry = EntryFactory(owner=aigerim, submission_language="en")
    [(subject, body, to)] = emails.submitted_messages(entry)
    assert to == [aigerim.email]
    assert subject == kk("Entry %(reference)s received", reference=entry.reference)
    assert "/kk/awards/" in body


def test_juror_invitation_and_reminder_are_in_kazakh(
    aigerim, django_capture_on_commit_callbacks
):
    juror = JurorFactory(user=aigerim)
    with django_capture_on_commit_callbacks(execute=True):
        notify.send_juror_invitation(juror=juror, token="t0ken", language="en")
    (message,) = mail.outbox
    assert message.subject == "[Qalam] " + kk(
        "You are invited to the jury of %(award)s", award=juror.award.title
    )
    round_ = RoundFactory(award=juror.award)
    subject, _body = notify.reminder_message(
        juror=juror, round=round_, unscored=2, language=language_for(juror.user)
    )
    assert subject == kk("%(round)s: entries still to score", round=round_.name)


def test_investigation_emails_are_in_kazakh(
    aigerim, django_capture_on_commit_callbacks
):
    lead = UserFactory(display_name="Lead")
    investigation = investigation_services.investigation_create(
        actor=lead, title="Water rights", codename="water", summary="", countries=[]
    )
    with django_capture_on_commit_callbacks(execute=True):
        investigation_services.invitation_create(
            actor=lead,
            investigation=investigation,
            email=aigerim.email,
            role="reporter",
            language="en",
        )
    (message,) = mail.outbox
    assert message.subject == "[Qalam] " + kk(
        'You are invited to the investigation "%(title)s"', title="Water rights"
    )
    investigation_services.membership_add(
        actor=lead, investigation=investigation, user=aigerim, role="reporter"
    )
    column = investigation.columns.order_by("position").first()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        task = investigation_services.task_create(
            actor=lead,
            investigation=investigation,
            column=column,
            title="Wells",
            due_date=timezone.localdate() + datetime.timedelta(days=1),
            assignees=[aigerim],
        )
    assert [m.subject for m in mail.outbox] == [
        "[Qalam] " + kk('You were assigned "%(title)s"', title="Wells")
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        investigation_services.comment_create(
            actor=lead, task=task, body="@aigerim look"
        )
    mentioned = [m.subject for m in mail.outbox]
    assert mentioned == [
        "[Qalam] "
        + kk('%(author)s mentioned you on "%(title)s"', author="Lead", title="Wells")
    ]
    mail.outbox.clear()
    assert investigation_tasks.send_due_digests(timezone.localdate().isoformat()) == 1
    assert mail.outbox[0].subject == "[Qalam] " + kk("One of your tasks is due soon")


def test_an_invitation_to_an_address_without_account_uses_the_inviters_choice(
    django_capture_on_commit_callbacks,
):
    entry = EntryFactory()
    lead = UserFactory()
    investigation = investigation_services.investigation_create(
        actor=lead, title="Gold", codename="gold", summary="", countries=[]
    )
    with django_capture_on_commit_callbacks(execute=True):
        investigation_services.invitation_create(
            actor=lead,
            investigation=investigation,
            email="new@example.kz",
            role="viewer",
            language="kk",
        )
    assert mail.outbox[0].subject == "[Qalam] " + kk(
        'You are invited to the investigation "%(title)s"', title="Gold"
    )
    # An account from before the choice existed follows the page, as it did.
    assert entry.owner.preferred_language == ""
    assert language_for(entry.owner, fallback="ru") == "ru"
