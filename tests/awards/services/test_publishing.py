"""The jury's verdict reaches entrants only when the results are public.

Awarding a prize moves the entry to `winner` at once; until the award's results
publication time the entrant and co-authors read "under review" on every page they
can open, and no results email goes out. Tested at a frozen clock one second either
side of a scheduled publication.
"""

import datetime
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django.utils import timezone, translation

from awards import selectors, services
from awards.models import EntryCoAuthor, ResultsEmail, ResultsPublication
from awards.tasks import results_publications_due
from tests.cms.helpers import award_with_prizes, losing_entry, staff_user
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]

PUBLICATION = datetime.datetime(2026, 12, 10, 12, 0, tzinfo=datetime.UTC)
BEFORE = PUBLICATION - datetime.timedelta(seconds=1)
AFTER = PUBLICATION + datetime.timedelta(seconds=1)


@pytest.fixture
def scheduled():
    """An award with one winner (entrant reads Kazakh, co-author Russian) and one
    entry that won nothing, its results scheduled for PUBLICATION."""
    with time_machine.travel(PUBLICATION - datetime.timedelta(days=2), tick=False):
        award, category, round_, (prize,) = award_with_prizes(1, slug="caja-2026")
        winner = prize.entry
        winner.owner.preferred_language = "kk"
        winner.owner.save(update_fields=["preferred_language"])
        co_author = UserFactory(preferred_language="ru")
        EntryCoAuthor.objects.create(entry=winner, user=co_author)
        loser = losing_entry(category)
        loser.owner.preferred_language = "en"
        loser.owner.save(update_fields=["preferred_language"])
        services.results_publish(
            award=award, actor=staff_user(), publish_at=PUBLICATION
        )
    return award, winner, co_author, loser


def page_text(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def results_mail():
    return [m for m in mail.outbox if "caja" in m.body or "CAJA" in m.subject]


def test_my_entries_and_the_entry_say_under_review_until_the_second_it_is_public(
    client, scheduled
):
    award, winner, co_author, loser = scheduled
    my_entries = reverse("awards:my_entries")
    with time_machine.travel(BEFORE, tick=False):
        for person, entry in [(winner.owner, winner), (co_author, winner)]:
            for url in [my_entries, reverse("awards:entry_detail", args=[entry.pk])]:
                html = page_text(client, person, url)
                assert "Under review" in html
                for verdict in ("winner", "finalist", "shortlisted", "not_selected"):
                    assert f"state--{verdict}" not in html
                assert ">Winner<" not in html
                assert "Congratulations" not in html
        html = page_text(client, loser.owner, my_entries)
        assert "Under review" in html
        assert "Not selected" not in html
        assert "state--not_selected" not in html

    with time_machine.travel(AFTER, tick=False):
        for person in [winner.owner, co_author]:
            html = page_text(client, person, my_entries)
            assert "state--winner" in html
            assert "Under review" not in html
        assert "Winner. Congratulations!" in page_text(client, winner.owner, my_entries)
        html = page_text(
            client, winner.owner, reverse("awards:entry_detail", args=[winner.pk])
        )
        assert "state--winner" in html
        html = page_text(client, loser.owner, my_entries)
        assert "Not selected" in html
        assert "Under review" not in html


def test_results_email_goes_out_at_publication_in_each_readers_language(
    scheduled, django_capture_on_commit_callbacks
):
    award, winner, co_author, loser = scheduled
    mail.outbox.clear()
    with time_machine.travel(BEFORE, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            results_publications_due()
        assert services.results_emails_send(award_id=award.pk) == 0
    assert mail.outbox == []
    assert not ResultsEmail.objects.exists()

    with time_machine.travel(AFTER, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            results_publications_due()
    by_reader = {m.to[0]: m for m in mail.outbox}
    assert set(by_reader) == {winner.owner.email, co_author.email, loser.owner.email}
    for person, language, label in [
        (winner.owner, "kk", "Winner"),
        (co_author, "ru", "Winner"),
        (loser.owner, "en", "Not selected"),
    ]:
        message = by_reader[person.email]
        with translation.override(language):
            expected_label = translation.gettext(label)
            expected_subject = translation.gettext("Results of %(award)s") % {
                "award": award.title
            }
        if language != "en":
            assert expected_label != label, f"{label!r} has no {language} translation"
            assert expected_subject != f"Results of {award.title}"
        assert expected_label in message.body
        assert expected_subject in message.subject
        assert winner.title in message.body or person == loser.owner
        assert f"/{language}/" in message.body or language == "en"
    publication = ResultsPublication.objects.get(award=award)
    assert publication.entrants_told_at is not None

    # The beat task runs again a minute later: nobody hears twice.
    mail.outbox.clear()
    with time_machine.travel(AFTER + datetime.timedelta(minutes=1), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            results_publications_due()
        assert services.results_emails_send(award_id=award.pk) == 0
    assert mail.outbox == []


def test_publishing_now_tells_the_entrants_at_once(django_capture_on_commit_callbacks):
    award, category, round_, (prize,) = award_with_prizes(1, slug="caja-now")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.results_publish(award=award, actor=staff_user())
    assert [m.to for m in mail.outbox] == [[prize.entry.owner.email]]
    assert "Winner" in mail.outbox[0].body


class FailsOnce(EmailBackend):
    """The mail server refuses one address once, as a real one does under load."""

    refused: set[str] = set()

    def send_messages(self, messages):
        for message in messages:
            address = message.to[0]
            if address.startswith("refused") and address not in self.refused:
                self.refused.add(address)
                raise smtplib.SMTPRecipientsRefused({address: (450, b"try later")})
        return super().send_messages(messages)


def test_a_refused_email_is_retried_and_nobody_hears_twice(settings):
    award, category, round_, (prize,) = award_with_prizes(1, slug="caja-retry")
    refused = UserFactory(email="refused@example.org")
    EntryCoAuthor.objects.create(entry=prize.entry, user=refused)
    ResultsPublication.objects.create(
        award=award,
        publish_at=timezone.now() - datetime.timedelta(minutes=5),
        published_by=staff_user(),
        entrants_told_at=None,
    )
    settings.EMAIL_BACKEND = f"{__name__}.FailsOnce"
    FailsOnce.refused = set()
    mail.outbox = []
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        services.results_emails_send(award_id=award.pk)
    assert selectors.results_emails_due() == [award.pk]
    services.results_emails_send(award_id=award.pk)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([prize.entry.owner.email, refused.email])
    assert selectors.results_emails_due() == []
