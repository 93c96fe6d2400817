"""Entry services: the state machine, deadlines, files, co-authors, emails."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from awards import services
from awards.enums import TRANSITIONS, EntryState
from awards.models import CoAuthorInvitation, Entry, EntryCoAuthor, EntryTransition
from tests.awards.conftest import MP3, PDF, PNG, upload
from tests.factories import AwardFactory, CategoryFactory, EntryFactory, UserFactory

pytestmark = pytest.mark.django_db


def submit(entry: Entry) -> Entry:
    return services.entry_submit(entry=entry, actor=entry.owner, language="en")


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


# --- Attachments ----


@pytest.mark.parametrize(
    ("name", "content", "kind", "clean_name"),
    [
        ("report.pdf", PDF, "pdf", "report.pdf"),
        ("photo.PNG", PNG, "image", "photo.png"),
        ("interview.mp3", MP3, "audio", "interview.mp3"),
        # The name lies; the content decides, and the extension follows the content.
        ("picture.jpg", PDF, "pdf", "picture.pdf"),
        ("../../etc/passwd.pdf", PDF, "pdf", "passwd.pdf"),
        # "/" in "</script>" is a path separator: only the last part is kept.
        ('<script>alert(1)</script>"; rm -rf.pdf', PDF, "pdf", "script_rm_-rf.pdf"),
        ("Расследование 2025.pdf", PDF, "pdf", "Расследование_2025.pdf"),
        (".htaccess", PDF, "pdf", "htaccess.pdf"),
        ("...", PDF, "pdf", "attachment.pdf"),
    ],
)
def test_attachment_type_comes_from_content_and_name_is_clean(
    draft, name, content, kind, clean_name
):
    attachment = services.entry_file_add(
        entry=draft, actor=draft.owner, upload=upload(name, content)
    )
    assert (attachment.kind, attachment.name) == (kind, clean_name)
    assert attachment.file.name.startswith(f"awards/entries/{draft.pk}/")
    assert name not in attachment.file.name
    with attachment.file.open("rb") as stored:
        assert stored.read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "evil.pdf",
            b"<html><script>alert(1)</script></html>",
            "“evil.pdf” is not a PDF, an image (JPEG, PNG, WebP, GIF) or an audio "
            "file (MP3, M4A, OGG, WAV, FLAC).",
        ),
        (
            "setup.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64,
            "“setup.pdf” is not a PDF, an image (JPEG, PNG, WebP, GIF) or an audio "
            "file (MP3, M4A, OGG, WAV, FLAC).",
        ),
        ("empty.pdf", b"", "The file is empty."),
        (
            "big.pdf",
            PDF + b"\x00" * (1024 * 1024),
            "“big.pdf” is too large: files may be at most 1 MB.",
        ),
    ],
)
def test_a_refused_file_keeps_the_draft_and_its_files(draft, name, content, message):
    draft.category.award.max_file_size_mb = 1
    draft.category.award.save()
    kept = services.entry_file_add(
        entry=draft, actor=draft.owner, upload=upload("kept.pdf", PDF)
    )
    with pytest.raises(ValidationError) as caught:
        services.entry_file_add(
            entry=draft, actor=draft.owner, upload=upload(name, content)
        )
    assert caught.value.messages == [message]
    assert list(draft.files.values_list("pk", flat=True)) == [kept.pk]
    assert Entry.objects.get(pk=draft.pk).state == EntryState.DRAFT


def test_removing_an_attachment_deletes_its_bytes(
    draft, django_capture_on_commit_callbacks
):
    attachment = services.entry_file_add(
        entry=draft, actor=draft.owner, upload=upload("a.pdf", PDF)
    )
    storage, name = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_file_remove(attachment=attachment, actor=draft.owner)
    assert draft.files.count() == 0
    assert not storage.exists(name)


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


# --- Staff eligibility ----


def test_staff_override_one_rule_with_a_note(draft, staff):
    submit(draft)
    category = draft.category
    category.word_limit = 1
    category.countries = ["KZ"]
    category.save()
    services.entry_eligibility_check(entry=draft, actor=staff)
    draft.refresh_from_db()
    assert draft.state == EntryState.INELIGIBLE
    assert [r["rule"] for r in draft.eligibility_reasons] == ["country", "word_limit"]
    with pytest.raises(ValidationError):
        services.entry_eligibility_override(
            entry=draft, actor=staff, rule="word_limit", note="  "
        )
    services.entry_eligibility_override(
        entry=draft, actor=staff, rule="word_limit", note="Summary counts headings."
    )
    draft.refresh_from_db()
    assert [r["rule"] for r in draft.eligibility_reasons] == ["country"]
    assert draft.state == EntryState.INELIGIBLE
    services.entry_eligibility_override(
        entry=draft, actor=staff, rule="country", note="Published in exile."
    )
    draft.refresh_from_db()
    assert draft.eligibility_reasons == []
    assert draft.state == EntryState.ELIGIBLE
