"""Jurors' feedback reaches entrants after publication, anonymous, as organisers
left it; before publication, or from a round that keeps it, nobody outside the team
reads a word."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from awards.jury.models import ScoreSheet
from awards.models import EntryCoAuthor, ResultsPublication
from tests.awards.jury.helpers import jury_round, score
from tests.factories import AwardFactory, UserFactory, on_team

pytestmark = pytest.mark.django_db

WORDS = "The sourcing on the second part is thin; the maps are excellent."


@pytest.fixture
def judged():
    """A round that shares feedback: two jurors wrote on entry 0, one on entry 1;
    the results are scheduled for a day from now."""
    round_, _rubric, jurors, entries = jury_round(
        jurors=2, entries=2, feedback_to_entrants=True
    )
    score(round_, jurors[0], entries[0], 8, feedback=WORDS)
    score(round_, jurors[1], entries[0], 6, feedback="Tighter editing, please.")
    score(round_, jurors[1], entries[1], 5, feedback="Feedback for the other entry.")
    organiser = on_team(round_.award)
    publish_at = timezone.now() + datetime.timedelta(days=1)
    ResultsPublication.objects.create(
        award=round_.award, publish_at=publish_at, published_by=organiser
    )
    return round_, jurors, entries, organiser, publish_at


def entry_page(client, user, entry) -> str:
    client.force_login(user)
    response = client.get(reverse("awards:entry_detail", args=[entry.pk]))
    assert response.status_code == 200
    return response.content.decode()


def sheet_of(juror, entry) -> ScoreSheet:
    return ScoreSheet.objects.get(assignment__juror=juror, assignment__entry=entry)


def test_entrants_read_it_only_after_publication_and_never_a_jurors_name(
    client, judged
):
    round_, jurors, entries, organiser, publish_at = judged
    entry = entries[0]
    co_author = UserFactory()
    EntryCoAuthor.objects.create(entry=entry, user=co_author)
    with time_machine.travel(publish_at - datetime.timedelta(seconds=1), tick=False):
        html = entry_page(client, entry.owner, entry)
        assert WORDS not in html
        assert "Feedback from the jury" not in html
    with time_machine.travel(publish_at + datetime.timedelta(seconds=1), tick=False):
        for reader in (entry.owner, co_author):
            html = entry_page(client, reader, entry)
            assert "Feedback from the jury" in html
            assert "sourcing on the second part is thin" in html
            assert "Tighter editing, please." in html
            assert "Feedback for the other entry." not in html
            for juror in jurors:
                assert juror.user.display_name not in html
                assert juror.user.email not in html


def test_a_round_that_keeps_feedback_shows_entrants_none(client, judged):
    round_, jurors, entries, organiser, publish_at = judged
    round_.feedback_to_entrants = False
    round_.save(update_fields=["feedback_to_entrants"])
    with time_machine.travel(publish_at + datetime.timedelta(days=1), tick=False):
        html = entry_page(client, entries[0].owner, entries[0])
    assert "Feedback from the jury" not in html
    assert "sourcing" not in html


def test_organiser_edits_and_withholds_before_it_goes_out(client, judged):
    round_, jurors, entries, organiser, publish_at = judged
    entry = entries[0]
    first, second = sheet_of(jurors[0], entry), sheet_of(jurors[1], entry)
    client.force_login(organiser)
    screen = client.get(reverse("award_rounds:feedback", args=[round_.pk]))
    assert screen.status_code == 200
    assert "sourcing on the second part is thin" in screen.content.decode()
    response = client.post(
        reverse("award_rounds:feedback_review", args=[round_.pk, first.pk]),
        {"text": "The maps are excellent."},
    )
    assert response.status_code == 302
    client.post(
        reverse("award_rounds:feedback_review", args=[round_.pk, second.pk]),
        {"text": second.feedback, "withheld": "on"},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.feedback == WORDS  # the juror's words are kept
    assert first.feedback_edited == "The maps are excellent."
    assert first.feedback_reviewed_by == organiser
    assert second.feedback_withheld

    with time_machine.travel(publish_at + datetime.timedelta(minutes=1), tick=False):
        html = entry_page(client, entry.owner, entry)
        assert "The maps are excellent." in html
        assert "sourcing" not in html
        assert "Tighter editing" not in html
        # Public now: the text stays as entrants read it; withholding still works.
        client.force_login(organiser)
        client.post(
            reverse("award_rounds:feedback_review", args=[round_.pk, first.pk]),
            {"text": "Something else entirely."},
            follow=True,
        )
        first.refresh_from_db()
        assert first.feedback_edited == "The maps are excellent."
        client.post(
            reverse("award_rounds:feedback_review", args=[round_.pk, first.pk]),
            {"text": first.feedback_edited, "withheld": "on"},
        )
        first.refresh_from_db()
        assert first.feedback_withheld
        html = entry_page(client, entry.owner, entry)
        assert "Feedback from the jury" not in html


def test_feedback_screens_answer_to_the_awards_team_only(client, judged):
    round_, jurors, entries, organiser, publish_at = judged
    sheet = sheet_of(jurors[0], entries[0])
    screen = reverse("award_rounds:feedback", args=[round_.pk])
    review = reverse("award_rounds:feedback_review", args=[round_.pk, sheet.pk])
    observer = on_team(round_.award, role="observer")
    stranger = on_team(AwardFactory())
    client.force_login(observer)
    assert client.get(screen).status_code == 200
    refused = client.post(review, {"text": "x"})
    # Wagtail turns the service's PermissionDenied into its "no permission" redirect.
    assert refused.status_code == 403 or refused["Location"] == reverse(
        "wagtailadmin_home"
    )
    client.force_login(stranger)
    assert client.get(screen).status_code == 404
    assert client.post(review, {"text": "x"}).status_code == 404
    for outsider in (jurors[0].user, entries[0].owner):
        client.force_login(outsider)
        assert client.get(screen).status_code in (302, 403)
        assert client.post(review, {"text": "x"}).status_code in (302, 403)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(screen).status_code == 200  # the platform admin
    client.logout()
    assert client.get(screen).status_code == 302
    sheet.refresh_from_db()
    assert sheet.feedback_edited == ""


def test_too_long_feedback_is_refused_with_a_message(client, judged):
    round_, jurors, entries, organiser, publish_at = judged
    sheet = sheet_of(jurors[0], entries[0])
    client.force_login(organiser)
    response = client.post(
        reverse("award_rounds:feedback_review", args=[round_.pk, sheet.pk]),
        {"text": "x" * 8001},
        follow=True,
    )
    assert "at most 8000 characters" in response.content.decode()
    sheet.refresh_from_db()
    assert sheet.feedback_edited == ""
