"""The index follows the workspace key: a rotation re-keys it in the re-encryption
job, from the sealed text alone, and the retired key goes only after."""

import pytest

from secure_docs import crypto, services
from secure_docs.enums import JobStatus
from secure_docs.models import (
    ReencryptionJob,
    SavedSearch,
    SearchPosting,
    SearchSegment,
    SearchUnit,
    WorkspaceKey,
)
from secure_docs.search.normalise import term
from secure_docs.search.sealing import keys_of, segment_context
from secure_docs.selectors import SearchQuery
from tests.secure_docs.search.helpers import (
    hits,
    index_pending,
    search_page,
    upload_text,
)

pytestmark = pytest.mark.django_db


def test_rotation_rekeys_every_unit_and_saved_search_then_retires_the_key(
    client, workspace, django_capture_on_commit_callbacks
):
    client.force_login(workspace.lead)
    upload_text(
        client, workspace.codename, "Самарқанд пахтаси".encode(), title="Cotton"
    )
    index_pending()
    saved = services.saved_search_create(
        actor=workspace.lead,
        investigation=workspace.investigation,
        name="Cotton watch",
        query=SearchQuery(text="Samarkand"),
    )
    old_key = WorkspaceKey.objects.get(investigation=workspace.investigation)
    old = keys_of(old_key)
    old_hash = old.term_hash(term("Samarkand"))
    assert SearchPosting.objects.filter(term=old_hash).count() == 1
    segments_before = list(SearchSegment.objects.values_list("ciphertext", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        services.workspace_key_rotate(
            actor=workspace.lead, investigation=workspace.investigation
        )

    new_key = WorkspaceKey.objects.get(investigation=workspace.investigation)
    assert new_key.pk != old_key.pk  # the retired key is deleted
    new = keys_of(new_key)
    units = SearchUnit.objects.all()
    assert {unit.key_id for unit in units} == {new_key.pk}
    assert SearchPosting.objects.filter(term=old_hash).count() == 0
    assert SearchPosting.objects.filter(term=new.term_hash(term("Samarkand"))).count()
    for segment in SearchSegment.objects.all():
        assert bytes(segment.ciphertext) not in [bytes(b) for b in segments_before]
        context = segment_context(segment.unit_id, segment.seq)
        assert new.unseal(segment.ciphertext, context=context)["text"]
        with pytest.raises(crypto.IntegrityFailure):
            old.unseal(segment.ciphertext, context=context)
    saved.refresh_from_db()
    assert saved.key_id == new_key.pk
    job = ReencryptionJob.objects.get()
    # One version; two units (the document's, the board task's); one saved search.
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 4, 4)
    assert hits(search_page(client, workspace.codename, "Samarqand")) == ["Cotton"]


def test_a_search_during_a_rotation_finds_units_under_either_key(client, workspace):
    client.force_login(workspace.lead)
    upload_text(client, workspace.codename, b"Dushanbe contract", title="Before")
    index_pending()
    # The rotation's job has not run yet: the unit is still under the old key.
    services.workspace_key_rotate(
        actor=workspace.lead, investigation=workspace.investigation
    )
    upload_text(client, workspace.codename, b"Dushanbe invoice", title="After")
    index_pending()
    keys = set(SearchUnit.objects.values_list("key_id", flat=True))
    assert len(keys) == 2
    assert sorted(hits(search_page(client, workspace.codename, "Душанбе"))) == [
        "After",
        "Before",
    ]


def test_a_segment_moved_to_another_unit_does_not_open(client, workspace):
    client.force_login(workspace.lead)
    upload_text(client, workspace.codename, b"Osh one", title="One")
    upload_text(client, workspace.codename, b"Osh two", title="Two")
    index_pending()
    first, second = SearchSegment.objects.filter(unit__kind="document").order_by(
        "unit_id"
    )
    keys = keys_of(WorkspaceKey.objects.get())
    with pytest.raises(crypto.IntegrityFailure):
        keys.unseal(first.ciphertext, context=segment_context(second.unit_id, 0))


def test_saved_search_payload_is_sealed(workspace):
    saved = services.saved_search_create(
        actor=workspace.lead,
        investigation=workspace.investigation,
        name="Secret lead Abdullaev",
        query=SearchQuery(text="Abdullaev"),
    )
    stored = bytes(SavedSearch.objects.get(pk=saved.pk).ciphertext)
    assert b"Abdullaev" not in stored
    assert "Abdullaev".encode("utf-16-le") not in stored
