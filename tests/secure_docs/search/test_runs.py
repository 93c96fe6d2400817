"""Runs of the indexer: one at a time, resuming where a dead worker stopped, and
starting over when the workspace key changed under a half-read document."""

import datetime

import pytest
from django.utils import timezone

from demo import documents as make
from secure_docs import services
from secure_docs.enums import IndexStatus
from secure_docs.models import Document, SearchSegment, SearchUnit, WorkspaceKey
from secure_docs.services.indexing import claim
from tests.secure_docs.helpers import upload
from tests.secure_docs.search.helpers import hits, search_page

pytestmark = pytest.mark.django_db


def _three_page_pdf(client, workspace) -> SearchUnit:
    client.force_login(workspace.lead)
    pages = make.text_pdf(
        ["Andijan cotton ledger", "Namangan silk contract", "Fergana water permit"],
        pages=3,
    )
    upload(client, workspace.codename, pages, name="ledger.pdf", title="Ledger")
    version = Document.objects.get(title="Ledger").versions.get()
    return services.unit_for_version(version=version)


def _segments(unit) -> list[tuple]:
    return list(
        SearchSegment.objects.filter(unit=unit)
        .order_by("seq")
        .values_list("seq", "page", "first_position", "end_position")
    )


def _as_if_the_worker_died_after_page_one(unit: SearchUnit) -> None:
    SearchSegment.objects.filter(unit=unit, page__gt=1).delete()
    SearchUnit.objects.filter(pk=unit.pk).update(
        parts_done=1,
        status=IndexStatus.READING,
        indexed_at=None,
        claim="dead-worker",
        claimed_at=timezone.now() - datetime.timedelta(hours=1),
    )
    unit.postings.all().delete()


def test_a_read_resumes_after_the_last_page_done_without_duplicates(client, workspace):
    unit = _three_page_pdf(client, workspace)
    services.unit_index(unit_id=unit.pk)
    straight = _segments(unit)
    assert [page for _seq, page, _f, _e in straight] == [1, 2, 3]
    _as_if_the_worker_died_after_page_one(unit)

    services.unit_index(unit_id=unit.pk)

    unit.refresh_from_db()
    assert (unit.status, unit.parts_done, unit.parts_total) == (IndexStatus.DONE, 3, 3)
    assert unit.claim == ""
    assert _segments(unit) == straight
    assert hits(search_page(client, workspace.codename, '"Fergana water"')) == [
        "Ledger"
    ]


def test_a_unit_held_by_a_live_run_is_left_to_it(client, workspace):
    unit = _three_page_pdf(client, workspace)
    token = claim(unit_id=unit.pk)
    assert token is not None
    assert claim(unit_id=unit.pk) is None  # one run at a time

    services.unit_index(unit_id=unit.pk)

    unit.refresh_from_db()
    assert unit.indexed_at is None
    assert not SearchSegment.objects.filter(unit=unit).exists()
    assert unit.claim == token


def test_a_rotation_during_a_read_makes_the_reader_start_over_under_the_new_key(
    client, workspace, django_capture_on_commit_callbacks
):
    unit = _three_page_pdf(client, workspace)
    services.unit_index(unit_id=unit.pk)
    _as_if_the_worker_died_after_page_one(unit)
    old_key = WorkspaceKey.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        services.workspace_key_rotate(
            actor=workspace.lead, investigation=workspace.investigation
        )
    # The job re-keyed what was finished, not the half-read unit: the retired
    # key stays while the unit needs it.
    unit.refresh_from_db()
    assert unit.key_id == old_key.pk
    assert WorkspaceKey.objects.filter(pk=old_key.pk).exists()

    services.unit_index(unit_id=unit.pk)

    new_key = WorkspaceKey.objects.get(is_active=True)
    unit.refresh_from_db()
    assert (unit.status, unit.key_id, unit.parts_done) == (
        IndexStatus.DONE,
        new_key.pk,
        3,
    )
    assert [page for _s, page, _f, _e in _segments(unit)] == [1, 2, 3]
    # The next pass of the job finds nothing under the retired key and deletes it.
    services.reencrypt_investigation(
        investigation_id=workspace.investigation.pk, reason="key_rotated"
    )
    assert not WorkspaceKey.objects.filter(pk=old_key.pk).exists()
    assert hits(search_page(client, workspace.codename, "Намангану")) == ["Ledger"]


def test_warnings_name_no_file_inside_a_document(client, workspace):
    client.force_login(workspace.lead)
    letter = make.eml(
        "Secret", "Body text", [("Source-Karimova-passport.zip", make.zip_bomb())]
    )
    upload(client, workspace.codename, letter, name="letter.eml", title="Letter")
    version = Document.objects.get(title="Letter").versions.get()
    unit = services.unit_for_version(version=version)
    services.unit_index(unit_id=unit.pk)
    unit.refresh_from_db()
    assert unit.warnings == [["attachment_skipped", ""]]
    assert "Karimova" not in str(SearchUnit.objects.values_list())
