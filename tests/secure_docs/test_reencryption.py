"""What a killed worker leaves behind, tidied by the hourly reconcile: a job row stuck
`running`, and ciphertext objects no version references (on the real S3 server)."""

import datetime
import io
import time

import boto3
import pytest
from django.urls import reverse
from django.utils import timezone

from secure_docs import services, storage, tasks
from secure_docs.enums import JobReason, JobStatus
from secure_docs.models import DocumentVersion, ReencryptionJob
from tests.factories import InvestigationFactory
from tests.secure_docs.helpers import download, upload

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.timedelta(hours=3)


def _left_running(investigation, *, done: int, total: int, silent_for) -> int:
    """The row a worker killed after `done` versions leaves: still `running`."""
    job = ReencryptionJob.objects.create(
        investigation=investigation,
        reason=JobReason.KEY_ROTATED,
        total=total,
        done=done,
    )
    ReencryptionJob.objects.filter(pk=job.pk).update(
        progressed_at=timezone.now() - silent_for
    )
    return job.pk


def _job_line(client, codename: str) -> str:
    response = client.get(reverse("secure_docs:list", args=[codename]))
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index('data-testid="job"')
    return " ".join(page[start : page.index("<progress", start)].split())


def _states() -> list[tuple]:
    return list(
        ReencryptionJob.objects.order_by("pk").values_list(
            "pk", "status", "done", "total", "error", "finished_at"
        )
    )


def test_a_stale_job_whose_work_is_in_line_is_closed_as_done(client, workspace):
    client.force_login(workspace.lead)
    upload(client, workspace.codename, b"first " * 10, title="A")
    upload(client, workspace.codename, b"second " * 10, title="B")
    stale = _left_running(workspace.investigation, done=1, total=2, silent_for=LONG_AGO)
    assert "running, 1 of 2 versions" in _job_line(client, workspace.codename)

    tasks.reconcile_recipients()

    job = ReencryptionJob.objects.get()  # every version in line: no new job
    assert job.pk == stale
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 2, 2)
    assert job.error.startswith("Interrupted at 1 of 2 versions (no progress since ")
    assert job.error.endswith("a later run found every version in line.")
    assert job.finished_at is not None
    assert _job_line(client, workspace.codename) == (
        'data-testid="job">Re-encryption (workspace key rotated): done, '
        "2 of 2 versions."
    )
    before = _states()
    tasks.reconcile_recipients()
    assert _states() == before


def test_a_stale_job_with_versions_left_is_superseded_by_the_run_that_ends_them(
    client, workspace, keys
):
    client.force_login(workspace.lead)
    upload(client, workspace.codename, b"first " * 10, title="A")
    upload(client, workspace.codename, b"second " * 10, title="B")
    # Queued on commit, never run (the test's transaction does not commit): the
    # versions are out of line, as when the worker died before doing them.
    services.personal_key_register(
        user=workspace.people["viewer"], key_text=keys.bob.public
    )
    stale = _left_running(workspace.investigation, done=0, total=2, silent_for=LONG_AGO)

    tasks.reconcile_recipients()

    old, new = ReencryptionJob.objects.order_by("pk")
    assert old.pk == stale
    assert (old.status, old.done, old.total) == (JobStatus.SUPERSEDED, 0, 2)
    assert old.error.endswith(f"job {new.pk} took over.")
    assert old.finished_at is not None
    assert (new.status, new.done, new.total) == (JobStatus.DONE, 2, 2)
    for version in DocumentVersion.objects.all():
        assert keys.bob.fingerprint in version.recipients
    assert "done, 2 of 2 versions" in _job_line(client, workspace.codename)
    before = _states()
    tasks.reconcile_recipients()
    assert _states() == before


def test_a_job_that_progressed_recently_is_left_to_its_worker(
    client, workspace, settings
):
    settings.SECURE_DOCS_STALE_AFTER = 600
    client.force_login(workspace.lead)
    upload(client, workspace.codename, b"first " * 10, title="A")
    live = _left_running(
        workspace.investigation,
        done=0,
        total=1,
        silent_for=datetime.timedelta(seconds=590),
    )
    tasks.reconcile_recipients()
    job = ReencryptionJob.objects.get()
    assert (job.pk, job.status, job.error, job.finished_at) == (
        live,
        JobStatus.RUNNING,
        "",
        None,
    )


def test_a_stale_job_of_an_investigation_without_documents_is_closed(workspace):
    other = InvestigationFactory(created_by=workspace.lead, codename="empty")
    stale = _left_running(other, done=0, total=3, silent_for=LONG_AGO)
    tasks.reconcile_recipients()
    job = ReencryptionJob.objects.get(pk=stale)
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 3, 3)


# --- Orphan objects on S3 ------------------------------------------------------------


def _keys(server, prefix: str) -> set[str]:
    client = boto3.client(
        "s3",
        endpoint_url=server.endpoint_url,
        aws_access_key_id=server.access_key,
        aws_secret_access_key=server.secret_key,
        region_name="us-east-1",
    )
    listing = client.list_objects_v2(Bucket=server.secure_bucket, Prefix=f"{prefix}/")
    return {item["Key"][len(prefix) + 1 :] for item in listing.get("Contents", [])}


def _orphan(investigation_id: int) -> str:
    name = storage.new_name(investigation_id)
    storage.write_stream(name, io.BytesIO(b"-----BEGIN PGP MESSAGE----- left behind"))
    return name


@pytest.mark.services
def test_the_sweep_deletes_old_orphans_only(
    client, workspace, on_s3, s3_server, settings
):
    # S3 keeps whole seconds: an object may look up to 1 s older than it is.
    settings.SECURE_DOCS_STALE_AFTER = 2
    investigation_id = workspace.investigation.pk
    client.force_login(workspace.lead)
    assert upload(client, workspace.codename, b"kept " * 100).status_code == 302
    version = DocumentVersion.objects.get()
    old_orphans = {_orphan(investigation_id), _orphan(investigation_id + 1)}
    not_ours = f"ws{investigation_id}/notes.txt"
    storage.write_stream(not_ours, io.BytesIO(b"an operator's file"))
    time.sleep(3.5)
    young = _orphan(investigation_id)
    assert _keys(s3_server, on_s3) == {
        version.storage_name,
        *old_orphans,
        not_ours,
        young,
    }

    # Batches of two mix referenced and orphan names: each batch checks its own.
    deleted = services.orphans_delete(batch=2)

    assert sorted(deleted) == sorted(old_orphans)
    assert _keys(s3_server, on_s3) == {version.storage_name, not_ours, young}
    assert download(client, version) == b"kept " * 100
    assert services.orphans_delete() == []  # idempotent
    assert _keys(s3_server, on_s3) == {version.storage_name, not_ours, young}


@pytest.mark.services
def test_the_hourly_reconcile_deletes_orphans(
    client, workspace, on_s3, s3_server, settings
):
    settings.SECURE_DOCS_STALE_AFTER = 2
    client.force_login(workspace.lead)
    for number in range(3):
        upload(client, workspace.codename, b"kept %d" % number, title=f"K{number}")
    referenced = set(DocumentVersion.objects.values_list("storage_name", flat=True))
    orphans = {_orphan(workspace.investigation.pk) for _ in range(3)}
    assert _keys(s3_server, on_s3) == referenced | orphans
    time.sleep(3.5)
    tasks.reconcile_recipients()
    assert _keys(s3_server, on_s3) == referenced
    tasks.reconcile_recipients()
    assert _keys(s3_server, on_s3) == referenced
