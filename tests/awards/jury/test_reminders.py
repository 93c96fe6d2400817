"""Reminder emails before a round closes: once per juror, only with unscored work."""

import datetime

import pytest
from django.utils import timezone

from awards.jury.models import Assignment
from awards.jury.tasks import jury_reminders_send
from tests.awards.jury.helpers import jury_round, score

pytestmark = pytest.mark.django_db


def test_jurors_with_unscored_entries_are_reminded_once(mailoutbox, settings):
    round_, _rubric, (a, b, _c), (e1, e2, _e3) = jury_round(
        closes_at=timezone.now() + datetime.timedelta(hours=20)
    )
    Assignment.objects.create(round=round_, juror=a, entry=e1)
    Assignment.objects.create(round=round_, juror=a, entry=e2)
    score(round_, b, e1, 5)  # b has nothing left to score
    assert jury_reminders_send() == 1
    assert [m.to for m in mailoutbox] == [[a.user.email]]
    assert "You have 2 entries still to score" in mailoutbox[0].body
    assert jury_reminders_send() == 0
    assert len(mailoutbox) == 1


def test_no_reminder_for_a_round_closing_later(mailoutbox):
    round_, _rubric, (a, *_), (e1, *_) = jury_round(
        closes_at=timezone.now() + datetime.timedelta(days=5)
    )
    Assignment.objects.create(round=round_, juror=a, entry=e1)
    assert jury_reminders_send() == 0
    assert mailoutbox == []
