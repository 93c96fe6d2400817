"""Entry services: the state machine, submitting, deadlines."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from awards import services
from awards.enums import TRANSITIONS, EntryState
from awards.models import Entry, EntryTransition
from tests.awards.helpers import PDF, submit, upload
from tests.factories import AwardFactory, CategoryFactory, EntryFactory, UserFactory

pytestmark = pytest.mark.django_db


# --- State machine ----

ALL_STATES = list(EntryState)


def _entry_in(state: str, staff) -> Entry:
    """An entry brought to `state` through the services only."""
    entry = EntryFactory()
    if state == EntryState.DRAFT:
        return entry
    submit(entry)
    path = {
        EntryState.SUBMITTED: [],
        EntryState.ELIGIBLE: ["check"],
        EntryState.INELIGIBLE: ["check", "break", "check"],
        EntryState.SHORTLISTED: ["check", EntryState.SHORTLISTED],
        EntryState.FINALIST: ["check", EntryState.SHORTLISTED, EntryState.FINALIST],
        EntryState.WINNER: [
            "check",
            EntryState.SHORTLISTED,
            EntryState.FINALIST,
            EntryState.WINNER,
        ],
        EntryState.WITHDRAWN: [EntryState.WITHDRAWN],
    }[state]
    for step in path:
        if step == "check":
            services.entry_eligibility_check(entry=entry, actor=staff)
        elif step == "break":
            entry.category.word_limit = 1
            entry.category.save()
        else:
            MOVES[step](entry, staff)
    entry.refresh_from_db()
    assert entry.state == state
    return entry


def _after_deadline(move):
    """A jury move, made once entrants can no longer withdraw (as the rules ask)."""

    def made(entry, staff):
        award = entry.category.award
        with time_machine.travel(award.deadline + datetime.timedelta(minutes=1)):
            return move(entry=entry, actor=staff)

    return made


MOVES = {
    EntryState.SUBMITTED: lambda e, staff: services.entry_submit(
        entry=e, actor=e.owner
    ),
    EntryState.WITHDRAWN: lambda e, staff: services.entry_withdraw(
        entry=e, actor=e.owner
    ),
    EntryState.SHORTLISTED: _after_deadline(services.entry_shortlist),
    EntryState.FINALIST: _after_deadline(services.entry_make_finalist),
    EntryState.WINNER: _after_deadline(services.entry_make_winner),
}


@pytest.mark.parametrize("target", list(MOVES))
@pytest.mark.parametrize("source", ALL_STATES)
def test_state_machine_table(source, target, staff):
    entry = _entry_in(source, staff)
    allowed = target in TRANSITIONS[source]
    # A second submit of a submitted entry is the double click: a no-op, not an error.
    is_double_submit = source == target == EntryState.SUBMITTED
    if allowed or is_double_submit:
        MOVES[target](entry, staff)
        entry.refresh_from_db()
        assert entry.state == target
    else:
        with pytest.raises(ValidationError):
            MOVES[target](entry, staff)
        entry.refresh_from_db()
        assert entry.state == source


def test_every_transition_records_who_and_when(staff):
    entry = _entry_in(EntryState.WINNER, staff)
    rows = list(
        EntryTransition.objects.filter(entry=entry)
        .order_by("pk")
        .values_list("from_state", "to_state", "actor_id")
    )
    assert rows == [
        ("draft", "submitted", entry.owner_id),
        ("submitted", "eligible", staff.pk),
        ("eligible", "shortlisted", staff.pk),
        ("shortlisted", "finalist", staff.pk),
        ("finalist", "winner", staff.pk),
    ]


def test_an_entrant_cannot_move_entries_like_staff(draft):
    submit(draft)
    with pytest.raises(PermissionDenied):
        services.entry_eligibility_check(entry=draft, actor=draft.owner)
    with pytest.raises(PermissionDenied):
        services.entry_shortlist(entry=draft, actor=draft.owner)


def test_only_the_owner_submits(draft):
    with pytest.raises(PermissionDenied):
        services.entry_submit(entry=draft, actor=UserFactory())


# --- Submit ----


def test_submit_gives_a_reference_and_freezes_the_version(draft):
    services.entry_file_add(entry=draft, actor=draft.owner, upload=upload("a.pdf", PDF))
    entry = submit(draft)
    assert entry.state == EntryState.SUBMITTED
    assert entry.reference == f"QA{entry.category.award.year}-{entry.pk:06d}"
    assert entry.submitted_version["title"] == draft.title
    assert [f["name"] for f in entry.submitted_version["files"]] == ["a.pdf"]
    assert entry.submitted_version["declarations"] == {
        "original_work": True,
        "right_to_submit": True,
        "consent_to_publish": True,
    }


def test_double_click_on_submit_submits_once(draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = submit(draft)
        second = services.entry_submit(entry=draft, actor=draft.owner)
    assert first.reference == second.reference
    assert EntryTransition.objects.filter(entry=draft).count() == 1
    assert len(callbacks) == 1  # one confirmation email


def test_editing_a_submitted_entry_is_refused(draft):
    submit(draft)
    with pytest.raises(ValidationError) as caught:
        services.entry_update(
            entry=draft, actor=draft.owner, category=draft.category, title="New"
        )
    assert caught.value.messages == [
        "This entry has been submitted and can no longer be changed."
    ]
    with pytest.raises(ValidationError):
        services.entry_file_add(
            entry=draft, actor=draft.owner, upload=upload("b.pdf", PDF)
        )
    draft.refresh_from_db()
    assert draft.title != "New"
    assert draft.files.count() == 0


def test_an_incomplete_draft_lists_everything_missing(entrant, category):
    entry = services.entry_create(owner=entrant, category=category, title="Half")
    with pytest.raises(ValidationError) as caught:
        submit(entry)
    assert caught.value.messages == [
        "Choose the language of the work.",
        "Choose the country where the work was published.",
        "Give the publication date.",
        "Give at least one address where the work was published.",
        "Say whether and how AI tools were used.",
        "Choose the licence under which partners may re-broadcast the work.",
        "Confirm all three declarations.",
    ]
    entry.refresh_from_db()
    assert entry.state == EntryState.DRAFT


def test_an_ineligible_entrant_sees_every_failed_rule(entrant):
    entrant.birth_year = 1980
    entrant.save()
    category = CategoryFactory(
        countries=["KZ"], max_age=29, word_limit=2, required_attachments=["audio"]
    )
    entry = EntryFactory(owner=entrant, category=category, country="KG")
    with pytest.raises(ValidationError) as caught:
        submit(entry)
    assert caught.value.messages == [
        "The work must be published in one of: Kazakhstan; this entry gives "
        "“Kyrgyzstan”.",
        f"Every author must be born in {category.award.year - 29} or later (at most "
        f"29 years old this year): {entrant} is not.",
        "This category needs an attachment of each kind: Audio.",
        "The summary may have at most 2 words; it has 4.",
    ]
    entry.refresh_from_db()
    assert entry.state == EntryState.DRAFT
    assert entry.reference is None


def test_entries_per_person_counts_submitted_entries_of_the_same_award(entrant):
    award = AwardFactory(max_entries_per_person=1)
    category = CategoryFactory(award=award)
    submit(EntryFactory(owner=entrant, category=category))
    second = EntryFactory(owner=entrant, category=category)
    with pytest.raises(ValidationError) as caught:
        submit(second)
    assert caught.value.messages == [
        "Each person may submit 1 entry to this award; you have already submitted 1."
    ]


def test_the_database_refuses_a_submitted_entry_without_declarations(draft):
    submit(draft)
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.filter(pk=draft.pk).update(consents_to_publish=False)


def test_the_database_refuses_generative_ai_without_a_description(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.filter(pk=draft.pk).update(ai_use="generative")


# --- Deadline ----


@pytest.mark.parametrize(
    ("zone", "utc_deadline"),
    [
        # 23:59 + 15 minutes' grace on 31 March, local time.
        ("Asia/Bishkek", datetime.datetime(2026, 3, 31, 18, 14, tzinfo=datetime.UTC)),
        ("Asia/Tashkent", datetime.datetime(2026, 3, 31, 19, 14, tzinfo=datetime.UTC)),
        # New York is on summer time (UTC-4) by then.
        (
            "America/New_York",
            datetime.datetime(2026, 4, 1, 4, 14, tzinfo=datetime.UTC),
        ),
    ],
)
@pytest.mark.parametrize(
    ("offset", "accepted"),
    [
        (datetime.timedelta(minutes=-15), True),  # closing time itself
        (datetime.timedelta(seconds=0), True),  # last second of grace
        (datetime.timedelta(seconds=1), False),  # one second after
    ],
)
def test_deadline_boundaries_in_the_awards_zone(zone, utc_deadline, offset, accepted):
    award = AwardFactory(
        timezone=zone,
        opens_date=datetime.date(2026, 1, 1),
        closes_date=datetime.date(2026, 3, 31),
        closes_time=datetime.time(23, 59),
        grace_minutes=15,
        year=2026,
    )
    assert award.deadline == utc_deadline
    entry = EntryFactory(
        category=CategoryFactory(award=award),
        published_on=datetime.date(2025, 12, 1),
    )
    with time_machine.travel(utc_deadline + offset, tick=False):
        if accepted:
            assert submit(entry).state == EntryState.SUBMITTED
        else:
            with pytest.raises(ValidationError) as caught:
                submit(entry)
            local = utc_deadline.astimezone(zoneinfo.ZoneInfo(zone))
            assert caught.value.messages == [
                "The deadline has passed: entries closed at "
                f"{local:%B} {local.day}, 2026, {local.hour % 12 or 12}:14 "
                f"{'a.m.' if local.hour < 12 else 'p.m.'} ({zone})."
            ]
            entry.refresh_from_db()
            assert entry.state == EntryState.DRAFT


def test_withdraw_after_the_deadline_is_refused(draft):
    award = draft.category.award
    submit(draft)
    with time_machine.travel(award.deadline + datetime.timedelta(seconds=1)):
        with pytest.raises(ValidationError):
            services.entry_withdraw(entry=draft, actor=draft.owner)
    draft.refresh_from_db()
    assert draft.state == EntryState.SUBMITTED


def test_a_draft_cannot_start_before_the_award_opens(entrant):
    award = AwardFactory(
        opens_date=datetime.date(2030, 1, 1), closes_date=datetime.date(2030, 2, 1)
    )
    with pytest.raises(ValidationError) as caught:
        services.entry_create(
            owner=entrant, category=CategoryFactory(award=award), title="Early"
        )
    assert caught.value.code == "not_open"


def test_a_draft_without_a_licence_is_not_submitted(draft):
    draft.licence = ""
    draft.save()
    with pytest.raises(ValidationError) as caught:
        submit(draft)
    assert caught.value.messages == [
        "Choose the licence under which partners may re-broadcast the work."
    ]
    draft.refresh_from_db()
    assert draft.state == EntryState.DRAFT


def test_the_licence_is_part_of_the_submitted_version(draft):
    submit(draft)
    draft.refresh_from_db()
    assert draft.submitted_version["licence"] == "cc-by-nc-nd-4.0"


def test_the_database_refuses_a_submitted_entry_without_a_licence(draft):
    submit(draft)
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.filter(pk=draft.pk).update(licence="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.filter(pk=draft.pk).update(licence="public-domain")


def test_a_media_link_must_be_a_web_address(draft):
    with pytest.raises(ValidationError) as caught:
        services.entry_update(
            entry=draft,
            actor=draft.owner,
            category=draft.category,
            media_url="javascript:alert(1)",
        )
    assert list(caught.value.message_dict) == ["media_url"]
    services.entry_update(
        entry=draft,
        actor=draft.owner,
        category=draft.category,
        media_url=" https://soundcloud.com/kloop/water ",
    )
    submit(draft)
    draft.refresh_from_db()
    assert draft.submitted_version["media_url"] == "https://soundcloud.com/kloop/water"
