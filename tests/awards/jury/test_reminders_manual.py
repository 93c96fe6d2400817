"""Reminders organisers send by hand from a round's Reminders screen: the slow
jurors, a preview that sends nothing, one email per juror in their language with
the note, never twice within the hour, and only organisers send."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.emails import subject_line
from awards import clock
from awards.jury import selectors, services
from awards.jury.models import Assignment, AuditRecord, ManualReminder, ReminderSent
from tests.admin_roles import DENIED, admin_answer
from tests.awards.jury.helpers import jury_round, score
from tests.factories import JurorFactory, UserFactory, on_team

pytestmark = pytest.mark.django_db

NOTE = "Please finish by Friday — the final is on Monday."


@pytest.fixture
def slow():
    """An open round: juror a has two entries to score, b one (in Russian), c none."""
    round_, _rubric, (a, b, c), (e1, e2, _e3) = jury_round()
    for juror, entry in ((a, e1), (a, e2), (b, e1)):
        Assignment.objects.create(round=round_, juror=juror, entry=entry)
    score(round_, c, e2, 5)
    b.user.preferred_language = "ru"
    b.user.save()
    a.user.preferred_language = "en"
    a.user.save()
    organiser = on_team(round_.award)
    return round_, (a, b, c), organiser


def _url(round_):
    return reverse("award_rounds:reminders", args=[round_.pk])


@pytest.fixture
def send(client, django_capture_on_commit_callbacks, tasks_in_process):
    def post(round_, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(_url(round_), data, follow=True)

    return post


def test_the_screen_lists_slow_jurors_with_counts(client, slow):
    round_, (a, b, c), organiser = slow
    client.force_login(organiser)
    html = client.get(_url(round_)).content.decode()
    assert str(a) in html and str(b) in html
    assert str(c) not in html
    rows = [
        (r.juror, r.assigned, r.unscored) for r in selectors.slow_jurors(round=round_)
    ]
    assert rows == [(a, 2, 2), (b, 1, 1)]
    manage = client.get(reverse("award_rounds:manage", args=[round_.pk])).content
    assert _url(round_).encode() in manage


def test_preview_renders_the_email_and_sends_nothing(client, slow, send, mailoutbox):
    round_, (a, b, _c), organiser = slow
    client.force_login(organiser)
    response = send(round_, {"juror": [a.pk, b.pk], "note": NOTE, "action": "preview"})
    html = response.content.decode()
    assert "Preview: nothing has been sent" in html
    assert "You have 2 entries still to score" in html
    assert NOTE in html
    assert a.user.email in html and b.user.email in html
    # b reads Russian: the preview is in their language.
    subject, body = services.reminder_message(
        juror=b, round=round_, unscored=1, language="ru", note=NOTE
    )
    assert subject in html
    assert mailoutbox == []
    assert ManualReminder.objects.count() == 0
    assert not AuditRecord.objects.filter(action="reminder_manual").exists()


def test_send_sends_one_per_juror_in_their_language_with_the_note(
    client, slow, send, mailoutbox
):
    round_, (a, b, _c), organiser = slow
    client.force_login(organiser)
    response = send(round_, {"juror": [a.pk, b.pk], "note": NOTE, "action": "send"})
    assert "Reminders are on their way to 2 jurors." in response.content.decode()
    by_address = {m.to[0]: m for m in mailoutbox}
    assert sorted(by_address) == sorted([a.user.email, b.user.email])
    expected_a = services.reminder_message(
        juror=a, round=round_, unscored=2, language="en", note=NOTE
    )
    expected_b = services.reminder_message(
        juror=b, round=round_, unscored=1, language="ru", note=NOTE
    )
    for juror, (subject, body) in ((a, expected_a), (b, expected_b)):
        sent = by_address[juror.user.email]
        assert (sent.subject, sent.body) == (subject_line(subject), body)
    assert "A note from the organisers:" in expected_a[1] and NOTE in expected_a[1]
    assert expected_a[1] != expected_b[1]
    records = AuditRecord.objects.filter(action="reminder_manual").order_by("sequence")
    assert sorted(r.data["juror"] for r in records) == sorted([a.pk, b.pk])
    assert {r.data["note"] for r in records} == {NOTE}
    assert all(r.actor == organiser for r in records)
    assert selectors.audit_verify() is None


def test_a_second_send_within_the_hour_is_refused(client, slow, send, mailoutbox):
    round_, (a, b, _c), organiser = slow
    client.force_login(organiser)
    send(round_, {"juror": [a.pk], "action": "send"})
    response = send(round_, {"juror": [a.pk, b.pk], "action": "send"})
    html = response.content.decode()
    assert "was reminded less than an hour ago: not sent again" in html
    assert "Reminders are on their way to 1 jurors." in html
    assert sorted(m.to[0] for m in mailoutbox) == sorted([a.user.email, b.user.email])
    assert ManualReminder.objects.filter(juror=a).count() == 1
    # An hour later a reminder may go again.
    ManualReminder.objects.update(
        sent_at=clock.now() - datetime.timedelta(hours=1, minutes=1)
    )
    send(round_, {"juror": [a.pk], "action": "send"})
    assert len(mailoutbox) == 3


def test_the_automatic_reminder_counts_for_the_hour(slow, mailoutbox):
    round_, (a, _b, _c), organiser = slow
    ReminderSent.objects.create(round=round_, juror=a, sent_at=clock.now())
    result = services.reminders_send_manual(
        round=round_, actor=organiser, juror_ids=[a.pk], note=""
    )
    assert (result.sent, [juror for juror, _at in result.skipped]) == ([], [a])


def test_an_observer_reads_but_cannot_preview_or_send(client, slow, mailoutbox):
    round_, (a, _b, _c), _organiser = slow
    observer = on_team(round_.award, role="observer")
    client.force_login(observer)
    html = client.get(_url(round_)).content.decode()
    assert str(a) in html
    assert "Observers read this list; organisers send reminders." in html
    for action in ("preview", "send"):
        response = client.post(_url(round_), {"juror": [a.pk], "action": action})
        assert admin_answer(response) == DENIED
    assert mailoutbox == []
    assert ManualReminder.objects.count() == 0


def test_a_round_that_is_not_open_is_refused(client, slow, send, mailoutbox):
    round_, (a, _b, _c), organiser = slow
    round_.state = "closed"
    round_.save()
    client.force_login(organiser)
    html = client.get(_url(round_)).content.decode()
    assert "Reminders go to jurors of an open round; this one is closed." in html
    response = send(round_, {"juror": [a.pk], "action": "send"})
    assert (
        "Reminders go to jurors of an open round; this one is closed."
        in response.content.decode()
    )
    assert mailoutbox == []


def test_nobody_chosen_or_a_long_note_is_refused(client, slow, send, mailoutbox):
    round_, (_a, _b, c), organiser = slow
    client.force_login(organiser)
    # c has nothing left to score: not a slow juror, so nobody is chosen.
    response = send(round_, {"juror": [c.pk], "action": "send"})
    assert (
        "Choose at least one juror with entries still to score."
        in response.content.decode()
    )
    response = send(round_, {"juror": [_a.pk], "note": "x" * 1001, "action": "preview"})
    assert "The note has at most 1000 characters." in response.content.decode()
    assert mailoutbox == []


def test_another_awards_juror_cannot_be_reminded(slow, mailoutbox):
    round_, _jurors, organiser = slow
    stranger = JurorFactory()
    with pytest.raises(Exception, match="Choose at least one juror"):
        services.reminders_send_manual(
            round=round_, actor=organiser, juror_ids=[stranger.pk], note=""
        )


def test_the_list_runs_the_same_queries_for_1_and_20_jurors(client):
    def queries(n):
        round_, _rubric, jurors, (entry,) = jury_round(jurors=n, entries=1)
        for juror in jurors:
            Assignment.objects.create(round=round_, juror=juror, entry=entry)
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        client.get(_url(round_))  # warm the caches a first request fills
        with CaptureQueriesContext(connection) as context:
            response = client.get(_url(round_))
        assert response.content.decode().count('name="juror"') == n
        return len(context)

    assert queries(1) == queries(20)


@pytest.mark.django_db(transaction=True)
def test_two_sends_at_once_remind_each_juror_once(tasks_in_process, mailoutbox):
    import threading

    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    round_, _rubric, (a, _b, _c), (e1, *_rest) = jury_round()
    Assignment.objects.create(round=round_, juror=a, entry=e1)
    organiser = on_team(round_.award)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def send_once():
        barrier.wait()
        try:
            results.append(
                services.reminders_send_manual(
                    round=round_, actor=organiser, juror_ids=[a.pk], note=""
                )
            )
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send_once) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(len(r.sent) for r in results) == [0, 1]
    assert ManualReminder.objects.filter(juror=a).count() == 1
    assert AuditRecord.objects.filter(action="reminder_manual").count() == 1
    assert [m.to for m in mailoutbox] == [[a.user.email]]
