"""Each results publication records the audit chain's head; verify_audit checks the
chain still reaches every recorded head, so a re-hashed rewrite shows."""

import datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from awards.jury import selectors, services
from awards.jury.models import AuditRecord
from awards.selectors.audit_log import published_heads_verify
from awards.services import publishing
from tests.cms.helpers import award_with_prizes, staff_user

pytestmark = pytest.mark.django_db


def _score(n: int) -> AuditRecord:
    return services.audit_append(action="score", actor=None, round=None, data={"n": n})


def _rehash_from(sequence: int) -> None:
    """Re-link every record from `sequence` on, as a forger would after an edit:
    the chain is internally consistent again."""
    prev = (
        AuditRecord.objects.get(sequence=sequence - 1).hash
        if sequence > 1
        else (selectors.GENESIS)
    )
    for record in AuditRecord.objects.filter(sequence__gte=sequence).order_by(
        "sequence"
    ):
        record.prev_hash = prev
        record.hash = selectors.link_hash(prev, record)
        record.save(update_fields=["prev_hash", "hash"])
        prev = record.hash


@pytest.fixture
def two_publications():
    """Scores, a publication, more scores, another award's publication, more."""
    first, *_rest = award_with_prizes(1, slug="first-award")
    second, *_rest = award_with_prizes(1, slug="second-award")
    for n in range(3):
        _score(n)
    one = publishing.results_publish(award=first, actor=staff_user())
    for n in range(3, 5):
        _score(n)
    two = publishing.results_publish(award=second, actor=staff_user())
    for n in range(5, 8):
        _score(n)  # legitimate records after both publications
    return one, two


def test_publishing_stores_the_head_it_appended():
    award, *_rest = award_with_prizes(1)
    _score(0)
    _score(1)
    publication = publishing.results_publish(award=award, actor=staff_user())
    head = AuditRecord.objects.order_by("-sequence").first()
    assert head.sequence == 3
    assert head.action == "results_publish"
    assert head.data == {
        "award": award.pk,
        "publish_at": publication.publish_at.isoformat(),
    }
    publication.refresh_from_db()
    assert publication.audit_sequence == 3
    assert publication.audit_head == head.hash
    assert selectors.chain_hashes([3]) == {3: head.hash}


def test_scheduling_records_the_schedule_and_no_head_yet():
    award, *_rest = award_with_prizes(1)
    later = timezone.now() + datetime.timedelta(days=1)
    first = publishing.results_publish(
        award=award, actor=staff_user(), publish_at=later
    )
    assert (first.audit_sequence, first.audit_head) == (None, "")
    _score(0)
    again = publishing.results_publish(
        award=award, actor=staff_user(), publish_at=later + datetime.timedelta(hours=1)
    )
    assert again.pk == first.pk
    again.refresh_from_db()
    assert (again.audit_sequence, again.audit_head) == (None, "")
    assert list(
        AuditRecord.objects.order_by("sequence").values_list("action", "data")
    ) == [
        ("results_schedule", {"award": award.pk, "publish_at": later.isoformat()}),
        ("score", {"n": 0}),
        (
            "results_schedule",
            {
                "award": award.pk,
                "publish_at": (later + datetime.timedelta(hours=1)).isoformat(),
            },
        ),
    ]


def test_a_scheduled_publication_is_sealed_at_its_time_covering_what_came_between():
    award, *_rest = award_with_prizes(1)
    start = timezone.now()
    at = start + datetime.timedelta(days=1)
    with time_machine.travel(start, tick=False):
        publication = publishing.results_publish(
            award=award, actor=staff_user(), publish_at=at
        )
    # A jury decision recorded after scheduling, before the results go out.
    between = services.audit_append(
        action="prize", actor=None, round=None, data={"entry": 1, "kind": "winner"}
    )
    assert between.sequence == 2

    assert (
        publishing.publications_due_purge(now=at - datetime.timedelta(seconds=1)) == []
    )
    publication.refresh_from_db()
    assert (publication.audit_sequence, publication.audit_head) == (None, "")

    with time_machine.travel(at, tick=False):
        assert publishing.publications_due_purge() == [award.pk]
    publication.refresh_from_db()
    head = AuditRecord.objects.get(sequence=3)
    assert head.action == "results_publish"
    assert head.data == {"award": award.pk, "publish_at": at.isoformat()}
    assert head.actor_id == publication.published_by_id
    assert (publication.audit_sequence, publication.audit_head) == (3, head.hash)
    assert publication.purged_at == at
    assert published_heads_verify() == []

    # The beat runs again: nothing is sealed twice.
    assert (
        publishing.publications_due_purge(now=at + datetime.timedelta(minutes=1)) == []
    )
    publication.refresh_from_db()
    assert (publication.audit_sequence, publication.audit_head) == (3, head.hash)
    assert AuditRecord.objects.count() == 3


def test_a_rewrite_between_scheduling_and_publication_is_caught():
    """The record a forger would most like to change — a prize given after the
    schedule — is under the published head."""
    award, *_rest = award_with_prizes(1)
    at = timezone.now() + datetime.timedelta(hours=1)
    publishing.results_publish(award=award, actor=staff_user(), publish_at=at)
    services.audit_append(action="prize", actor=None, round=None, data={"entry": 1})
    publishing.publications_due_purge(now=at)
    forged = AuditRecord.objects.get(sequence=2)
    forged.data = {"entry": 2}
    forged.save(update_fields=["data"])
    _rehash_from(2)
    [mismatch] = published_heads_verify()
    assert mismatch.sequence == 3


def test_verify_audit_passes_with_publications_and_later_records(
    two_publications, capsys
):
    one, two = two_publications
    assert (one.audit_sequence, two.audit_sequence) == (4, 7)
    assert published_heads_verify() == []
    call_command("verify_audit")
    assert capsys.readouterr().out == (
        "Audit chain intact: 10 records.\nPublished heads match: 2 publications.\n"
    )


def test_a_rewrite_rehashed_to_the_end_is_caught_by_the_published_heads(
    two_publications,
):
    one, two = two_publications
    record = AuditRecord.objects.get(sequence=2)
    record.data = {"n": 99}
    record.save(update_fields=["data"])
    _rehash_from(2)
    assert selectors.audit_verify() is None  # internally consistent again
    with pytest.raises(CommandError) as caught:
        call_command("verify_audit")
    new_4 = AuditRecord.objects.get(sequence=4).hash
    new_7 = AuditRecord.objects.get(sequence=7).hash
    assert str(caught.value) == (
        f"Results publication {one.pk} of award first-award (public from "
        f"{one.publish_at.isoformat()}) recorded head {one.audit_head} at record 4, "
        f"but the chain now gives {new_4}.\n"
        f"Results publication {two.pk} of award second-award (public from "
        f"{two.publish_at.isoformat()}) recorded head {two.audit_head} at record 7, "
        f"but the chain now gives {new_7}."
    )


def test_a_rewrite_after_a_publication_is_caught_by_the_later_one_only(
    two_publications,
):
    one, two = two_publications
    record = AuditRecord.objects.get(sequence=5)
    record.data = {"n": 99}
    record.save(update_fields=["data"])
    _rehash_from(5)
    assert selectors.audit_verify() is None
    assert [m.publication_id for m in published_heads_verify()] == [two.pk]


def test_deleting_the_tail_after_a_publication_is_caught(two_publications):
    one, two = two_publications
    AuditRecord.objects.filter(sequence__gte=6).delete()
    assert selectors.audit_verify() is None  # a shorter chain still links up
    with pytest.raises(CommandError) as caught:
        call_command("verify_audit")
    assert str(caught.value) == (
        f"Results publication {two.pk} of award second-award (public from "
        f"{two.publish_at.isoformat()}) recorded head {two.audit_head} at record 7, "
        "but that record is missing."
    )


def test_an_edit_without_rehash_reports_the_link_and_the_heads(two_publications):
    one, two = two_publications
    AuditRecord.objects.filter(sequence=9).update(data={"n": 99})
    with pytest.raises(CommandError) as caught:
        call_command("verify_audit")
    # After both heads: only the link breaks.
    assert str(caught.value) == (
        "Audit chain broken at record 9: content does not match its hash."
    )


def test_a_head_kept_by_an_outsider_is_checked_too(two_publications, capsys):
    one, two = two_publications
    call_command("verify_audit", "--head", f"{one.audit_sequence}:{one.audit_head}")
    assert capsys.readouterr().out.endswith(
        "Published heads match: 2 publications, 1 given heads.\n"
    )
    # The forger also rewrote the stored heads; the outsider's copy still catches it.
    original = two.audit_head
    kept = f"{two.audit_sequence}:{original}"
    AuditRecord.objects.filter(sequence=2).update(data={"n": 99})
    _rehash_from(2)
    for publication in (one, two):
        publication.audit_head = AuditRecord.objects.get(
            sequence=publication.audit_sequence
        ).hash
        publication.save(update_fields=["audit_head"])
    with pytest.raises(CommandError) as caught:
        call_command("verify_audit", "--head", kept)
    assert str(caught.value) == (
        f"Given head {original} at record 7 does not match: "
        f"{AuditRecord.objects.get(sequence=7).hash}."
    )
    with pytest.raises(CommandError, match="SEQUENCE:SHA256HEX"):
        call_command("verify_audit", "--head", "7:nothex")


def test_the_documented_algorithm_recomputes_a_published_head():
    """docs/open-data.md's recipe, written out without our helpers."""
    import hashlib
    import json

    award, *_rest = award_with_prizes(1)
    services.audit_append(
        action="score", actor=None, round=None, data={"b": "Қалам", "a": [1, 2]}
    )
    publication = publishing.results_publish(award=award, actor=staff_user())
    h = "0" * 64
    for r in AuditRecord.objects.order_by("sequence"):
        canonical = json.dumps(
            {
                "sequence": r.sequence,
                "at": r.at.isoformat(),
                "actor": r.actor_id,
                "action": r.action,
                "round": r.round_id,
                "data": r.data,
            },
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )
        h = hashlib.sha256((h + canonical).encode()).hexdigest()
    assert r.at.isoformat().endswith("+00:00")
    assert (r.sequence, h) == (publication.audit_sequence, publication.audit_head)
