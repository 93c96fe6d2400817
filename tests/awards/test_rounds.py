"""Rounds: state machine, re-opening with a reason, entries per round, decisions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from awards.jury import rounds
from awards.jury.models import AuditRecord, Prize
from awards.jury.rubric import rubric_for
from tests.awards.jury_helpers import jury_round
from tests.factories import (
    CriterionFactory,
    EligibleEntryFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True)


def test_round_moves_draft_open_closed_decided(staff):
    round_ = RoundFactory(state="draft")
    round_ = rounds.round_open(round=round_, actor=staff)
    round_ = rounds.round_close(round=round_, actor=staff)
    with pytest.raises(ValidationError, match="A Closed round cannot become Closed"):
        rounds.round_close(round=round_, actor=staff)
    round_ = rounds.round_decide(round=round_, actor=staff)
    assert round_.state == "decided"
    assert list(AuditRecord.objects.values_list("data", flat=True)) == [
        {"from": "draft", "to": "open", "reason": ""},
        {"from": "open", "to": "closed", "reason": ""},
        {"from": "closed", "to": "decided", "reason": ""},
    ]


def test_reopening_needs_staff_and_a_reason_and_is_recorded(staff):
    round_ = RoundFactory(state="closed")
    juror_user = UserFactory()
    with pytest.raises(PermissionDenied):
        rounds.round_reopen(round=round_, actor=juror_user, reason="late")
    with pytest.raises(ValidationError, match="Say why"):
        rounds.round_reopen(round=round_, actor=staff, reason="  ")
    round_ = rounds.round_reopen(round=round_, actor=staff, reason="Juror was ill")
    assert round_.state == "open"
    record = AuditRecord.objects.get()
    assert (record.actor_id, record.data["reason"]) == (staff.pk, "Juror was ill")


def test_reopening_a_round_past_its_closing_time_is_refused(staff):
    round_ = RoundFactory(
        state="closed",
        opens_at=timezone.now() - datetime.timedelta(days=9),
        closes_at=timezone.now() - datetime.timedelta(days=2),
    )
    with pytest.raises(ValidationError, match="closing time into the future"):
        rounds.round_reopen(round=round_, actor=staff, reason="late")


def test_later_rounds_take_shortlisted_entries(staff):
    round_, _rubric, _jurors, entries = jury_round(entries=3)
    second = RoundFactory(
        award=round_.award, position=2, categories=list(round_.categories.all())
    )
    assert list(rounds.entries_for_round(round_)) == entries
    assert list(rounds.entries_for_round(second)) == []
    rounds.round_close(round=round_, actor=staff)
    moved = rounds.round_shortlist(round=round_, actor=staff, entries=entries[:2])
    assert [e.state for e in moved] == ["shortlisted", "shortlisted"]
    assert list(rounds.entries_for_round(second)) == entries[:2]
    round_.refresh_from_db()
    assert round_.state == "decided"


def test_prizes_in_a_final_round_move_entries(staff):
    round_, _rubric, _jurors, entries = jury_round(entries=3)
    rounds.round_close(round=round_, actor=staff)
    rounds.round_shortlist(round=round_, actor=staff, entries=entries)
    final = RoundFactory(
        award=round_.award,
        position=2,
        kind="final",
        state="closed",
        categories=list(round_.categories.all()),
    )
    for entry, kind in zip(
        entries, ("winner", "finalist", "special_mention"), strict=True
    ):
        rounds.prize_award(
            round=final, entry=entry, kind=kind, citation="Brave work.", actor=staff
        )
    for entry in entries:
        entry.refresh_from_db()
    assert [e.state for e in entries] == ["winner", "finalist", "finalist"]
    assert Prize.objects.count() == 3
    with pytest.raises(ValidationError):
        rounds.prize_award(
            round=final, entry=entries[1], kind="winner", citation="", actor=staff
        )


def test_category_rubric_overrides_the_award_rubric():
    entry = EligibleEntryFactory()
    category = entry.category
    general = CriterionFactory(award=category.award, name="Impact")
    assert rubric_for(category) == [general]
    own = CriterionFactory(award=category.award, category=category, name="Data")
    assert rubric_for(category) == [own]
