"""Rounds: state machine, re-opening with a reason, entries per round, decisions."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from awards import services
from awards.jury.models import AuditRecord, Prize
from awards.jury.selectors.rounds import entries_for_round
from awards.jury.selectors.rubric import rubric_for
from awards.jury.services import rounds
from tests.awards.jury.helpers import jury_round
from tests.factories import (
    CategoryFactory,
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
    assert list(entries_for_round(round_)) == entries
    assert list(entries_for_round(second)) == []
    rounds.round_close(round=round_, actor=staff)
    moved = rounds.round_shortlist(round=round_, actor=staff, entries=entries[:2])
    assert [e.state for e in moved] == ["shortlisted", "shortlisted"]
    assert list(entries_for_round(second)) == entries[:2]
    round_.refresh_from_db()
    assert round_.state == "decided"


def _final_round(staff, *, entries: int):
    """A first round closed with all its `entries` shortlisted, and a closed
    final round over the same categories."""
    round_, _rubric, _jurors, shortlisted = jury_round(entries=entries)
    rounds.round_close(round=round_, actor=staff)
    rounds.round_shortlist(round=round_, actor=staff, entries=shortlisted)
    final = RoundFactory(
        award=round_.award,
        position=2,
        kind="final",
        state="closed",
        categories=list(round_.categories.all()),
    )
    return round_, final, shortlisted


def test_prizes_in_a_final_round_move_entries(staff):
    round_, final, entries = _final_round(staff, entries=3)
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


def test_no_prize_is_added_once_the_results_are_public(staff):
    """Entrants were told and certificates issued: a prize given now would be
    public with neither (a scheduled publication still takes them)."""
    round_, final, entries = _final_round(staff, entries=2)
    rounds.prize_award(
        round=final, entry=entries[0], kind="winner", citation="Brave.", actor=staff
    )
    later = timezone.now() + datetime.timedelta(days=1)
    services.results_publish(award=round_.award, actor=staff, publish_at=later)
    rounds.prize_award(
        round=final, entry=entries[1], kind="finalist", citation="Fine.", actor=staff
    )
    Prize.objects.filter(entry=entries[1]).delete()
    with time_machine.travel(later + datetime.timedelta(minutes=1), tick=False):
        with pytest.raises(ValidationError, match="already public"):
            rounds.prize_award(
                round=final,
                entry=entries[1],
                kind="special_mention",
                citation="Late.",
                actor=staff,
            )
    assert list(Prize.objects.values_list("entry", flat=True)) == [entries[0].pk]


def _open_award_round(staff, **kwargs):
    """A closed round of an award whose entries are still open (closes in a month)."""
    category = CategoryFactory()
    entries = [EligibleEntryFactory(category=category) for _ in range(2)]
    round_ = RoundFactory(
        award=category.award, categories=[category], state="closed", **kwargs
    )
    return round_, entries


def test_a_shortlist_before_the_entry_deadline_is_refused(staff, client):
    """A verdict before entrants can no longer withdraw would show through the
    embargo as a vanished Withdraw button: the jury waits for the deadline."""
    round_, entries = _open_award_round(staff)
    with pytest.raises(ValidationError, match="Entrants can still withdraw until"):
        rounds.round_shortlist(round=round_, actor=staff, entries=entries)
    for entry in entries:
        entry.refresh_from_db()
        assert entry.state == "eligible"
    round_.refresh_from_db()
    assert round_.state == "closed"
    client.force_login(entries[0].owner)
    page = client.get(f"/awards/entries/{entries[0].pk}/").content.decode()
    assert "Withdraw entry" in page


def test_a_prize_before_the_entry_deadline_is_refused(staff):
    round_, entries = _open_award_round(staff, kind="final", position=2)
    with pytest.raises(ValidationError, match="Entrants can still withdraw until"):
        rounds.prize_award(
            round=round_, entry=entries[0], kind="winner", citation="", actor=staff
        )
    assert Prize.objects.count() == 0
    entries[0].refresh_from_db()
    assert entries[0].state == "eligible"


def test_the_jury_decides_from_the_first_moment_entrants_cannot_withdraw(staff):
    round_, entries = _open_award_round(staff)
    deadline = round_.award.deadline
    with time_machine.travel(deadline, tick=False):
        with pytest.raises(ValidationError, match="Entrants can still withdraw"):
            rounds.round_shortlist(round=round_, actor=staff, entries=entries)
    with time_machine.travel(deadline + datetime.timedelta(seconds=1), tick=False):
        moved = rounds.round_shortlist(round=round_, actor=staff, entries=entries[:1])
        with pytest.raises(ValidationError, match="deadline has passed"):
            services.entry_withdraw(entry=entries[1], actor=entries[1].owner)
    assert [entry.state for entry in moved] == ["shortlisted"]


def test_category_rubric_overrides_the_award_rubric():
    entry = EligibleEntryFactory()
    category = entry.category
    general = CriterionFactory(award=category.award, name="Impact")
    assert rubric_for(category) == [general]
    own = CriterionFactory(award=category.award, category=category, name="Data")
    assert rubric_for(category) == [own]
