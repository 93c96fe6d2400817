"""Upload, versions, download, notes, deletion: through the views, with real gpg."""

import hashlib
import os

import pytest
from django.core import mail
from django.urls import reverse

from investigations import services as investigation_services
from investigations.enums import ActivityVerb
from investigations.models import ActivityEvent
from secure_docs import services, storage
from secure_docs.enums import AccessMode
from secure_docs.models import (
    AccessLogEntry,
    Document,
    DocumentVersion,
    IntegrityAlert,
    PersonalKey,
    WorkspaceKey,
)
from tests.secure_docs.helpers import download, stored_bytes, upload

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + os.urandom(300_000) + b"\n%%EOF\n"


def _files(folder) -> list:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_upload_stores_only_ciphertext_with_the_versions_facts(
    client, workspace, keys, secure_folder
):
    services.personal_key_register(
        user=workspace.people["reporter"], key_text=keys.alice.public
    )
    client.force_login(workspace.people["reporter"])
    response = upload(
        client,
        workspace.codename,
        PDF,
        name="contract.pdf",
        description="Signed copy",
        tags="contracts, 2026 ,",
        tasks=[workspace.task.pk],
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "secure_docs:detail", args=["water", document.pk]
    )
    assert document.title == "Contract"
    assert document.tags == "contracts, 2026"
    assert list(document.tasks.all()) == [workspace.task]
    version = document.versions.get()
    workspace_key = WorkspaceKey.objects.get(investigation=workspace.investigation)
    assert version.number == 1
    assert version.sha256 == hashlib.sha256(PDF).hexdigest()
    assert version.size == len(PDF)
    assert version.content_type == "application/pdf"
    assert version.original_name == "contract.pdf"
    assert version.recipients == sorted(
        [workspace_key.fingerprint, keys.alice.fingerprint]
    )
    files = _files(secure_folder)
    assert len(files) == 1
    ciphertext = files[0].read_bytes()
    assert version.ciphertext_size == len(ciphertext)
    assert PDF[:4096] not in ciphertext
    # Plain gpg and the member's own secret key open it.
    result = keys.alice.decrypt(ciphertext)
    assert result.returncode == 0, result.stderr
    assert result.stdout == PDF
    # No compression layer: gpg reports no compressed packet.
    packets = keys.alice.gpg("--list-packets", input=ciphertext).stdout.decode()
    assert "compressed packet" not in packets
    assert ActivityEvent.objects.filter(
        investigation=workspace.investigation,
        verb=ActivityVerb.DOCUMENT_UPLOADED,
        subject="Contract",
    ).exists()


def test_download_streams_the_exact_bytes_and_is_logged(client, workspace):
    client.force_login(workspace.people["reporter"])
    upload(client, workspace.codename, PDF)
    version = DocumentVersion.objects.get()
    client.force_login(workspace.people["viewer"])
    response = client.get(
        reverse(
            "secure_docs:download",
            args=["water", version.document_id, version.pk],
        ),
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(PDF))
    assert response["Content-Disposition"] == 'attachment; filename="leak.pdf"'
    assert b"".join(response.streaming_content) == PDF
    entry = AccessLogEntry.objects.get(mode=AccessMode.DOWNLOAD)
    assert (entry.user, entry.version, entry.ip_address) == (
        workspace.people["viewer"],
        version,
        "203.0.113.7",
    )


def test_the_ciphertext_download_is_for_recipients_only(client, workspace, keys):
    services.personal_key_register(
        user=workspace.people["viewer"], key_text=keys.alice.public
    )
    client.force_login(workspace.people["reporter"])
    upload(client, workspace.codename, PDF)
    version = DocumentVersion.objects.get()
    url = reverse(
        "secure_docs:ciphertext", args=["water", version.document_id, version.pk]
    )
    assert client.get(url).status_code == 403  # the reporter has no key
    client.force_login(workspace.people["viewer"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="leak.pdf.gpg"'
    ciphertext = b"".join(response.streaming_content)
    assert keys.alice.decrypt(ciphertext).stdout == PDF
    assert AccessLogEntry.objects.filter(mode=AccessMode.CIPHERTEXT).count() == 1


def test_a_zero_byte_file_is_refused_and_nothing_is_stored(
    client, workspace, secure_folder
):
    client.force_login(workspace.lead)
    response = upload(client, workspace.codename, b"")
    assert response.status_code == 400
    assert "The file is empty. Nothing was stored." in response.content.decode()
    assert Document.objects.count() == 0
    assert _files(secure_folder) == []


def test_a_file_over_the_limit_is_refused_by_its_content_length(
    client, workspace, secure_folder, settings
):
    settings.SECURE_DOCS_MAX_FILE_SIZE = 100_000
    client.force_login(workspace.lead)
    response = upload(client, workspace.codename, os.urandom(2_000_000))
    assert response.status_code == 413
    assert "The file is larger than 97.7" in response.content.decode()
    assert Document.objects.count() == 0
    assert _files(secure_folder) == []


def test_a_file_over_the_limit_is_refused_while_it_streams(
    client, workspace, secure_folder, settings
):
    # Under the Content-Length allowance, so the running count must catch it.
    settings.SECURE_DOCS_MAX_FILE_SIZE = 600_000
    client.force_login(workspace.lead)
    response = upload(client, workspace.codename, os.urandom(900_000))
    assert response.status_code == 413
    assert Document.objects.count() == 0
    assert _files(secure_folder) == []


def test_the_workspace_quota_is_enforced(client, workspace, secure_folder, settings):
    settings.SECURE_DOCS_WORKSPACE_QUOTA = 500_000
    client.force_login(workspace.lead)
    assert upload(client, workspace.codename, PDF).status_code == 302
    response = upload(client, workspace.codename, PDF)
    assert response.status_code == 413
    assert "does not fit in the workspace" in response.content.decode()
    assert Document.objects.count() == 1
    assert len(_files(secure_folder)) == 1


def test_versions_add_list_download_and_restore(client, workspace):
    client.force_login(workspace.people["editor"])
    upload(client, workspace.codename, b"first draft")
    document = Document.objects.get()
    response = client.post(
        reverse("secure_docs:version_upload", args=["water", document.pk]),
        {
            "file": __import__("django").core.files.uploadedfile.SimpleUploadedFile(
                "draft2.txt", b"second draft"
            )
        },
    )
    assert response.status_code == 302
    first, second = document.versions.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert download(client, first) == b"first draft"
    assert download(client, second) == b"second draft"
    page = client.get(reverse("secure_docs:detail", args=["water", document.pk]))
    assert page.content.decode().count("Download</a>") == 2
    client.post(reverse("secure_docs:restore", args=["water", document.pk, first.pk]))
    third = document.versions.get(number=3)
    assert third.sha256 == first.sha256
    assert third.storage_name != first.storage_name
    assert download(client, third) == b"first draft"
    verbs = list(
        ActivityEvent.objects.filter(verb__startswith="document").values_list(
            "verb", flat=True
        )
    )
    assert sorted(verbs) == sorted(
        [
            ActivityVerb.DOCUMENT_UPLOADED,
            ActivityVerb.DOCUMENT_VERSION_ADDED,
            ActivityVerb.DOCUMENT_RESTORED,
        ]
    )


def test_notes_thread_and_feed(client, workspace):
    client.force_login(workspace.people["reporter"])
    upload(client, workspace.codename, b"memo")
    document = Document.objects.get()
    client.post(
        reverse("secure_docs:note_create", args=["water", document.pk]),
        {"body": "Source confirmed the date."},
    )
    page = client.get(reverse("secure_docs:detail", args=["water", document.pk]))
    assert "Source confirmed the date." in page.content.decode()
    assert (
        ActivityEvent.objects.filter(verb=ActivityVerb.DOCUMENT_NOTE_ADDED).count() == 1
    )


def test_deleting_removes_every_object_and_row_but_not_the_record(
    client, workspace, secure_folder
):
    client.force_login(workspace.people["editor"])
    upload(client, workspace.codename, b"one", title="Doomed")
    document = Document.objects.get()
    services.version_restore(
        actor=workspace.people["editor"],
        document=document,
        version=document.versions.get(),
    )
    assert len(_files(secure_folder)) == 2
    response = client.post(reverse("secure_docs:delete", args=["water", document.pk]))
    assert response.status_code == 302
    assert _files(secure_folder) == []
    assert DocumentVersion.objects.count() == 0
    event = ActivityEvent.objects.get(verb=ActivityVerb.DOCUMENT_DELETED)
    assert (event.actor, event.subject) == (workspace.people["editor"], "Doomed")


def test_a_corrupted_object_fails_clearly_and_alerts_the_leads(
    client, workspace, secure_folder, django_capture_on_commit_callbacks
):
    client.force_login(workspace.people["reporter"])
    upload(client, workspace.codename, b"the real bytes " * 100)
    version = DocumentVersion.objects.get()
    path = _files(secure_folder)[0]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(
            reverse(
                "secure_docs:download", args=["water", version.document_id, version.pk]
            )
        )
    assert response.status_code == 502
    body = response.content.decode()
    assert "could not be verified, so it was not sent" in body
    assert b"the real bytes" not in response.content
    alert = IntegrityAlert.objects.get()
    assert alert.version == version
    assert [m.to for m in mail.outbox] == [["lead@example.org"]]
    assert "Integrity alert: Contract" in mail.outbox[0].subject


def test_verify_documents_reports_mismatches(workspace, secure_folder, client):
    from django.core.management import CommandError, call_command

    client.force_login(workspace.lead)
    upload(client, workspace.codename, b"good " * 50, title="Good")
    upload(client, workspace.codename, b"bad " * 50, title="Bad")
    call_command("verify_documents")
    bad = DocumentVersion.objects.get(document__title="Bad")
    (secure_folder / bad.storage_name).write_bytes(b"not a pgp message")
    with pytest.raises(CommandError, match="1 version"):
        call_command("verify_documents")
    assert list(IntegrityAlert.objects.values_list("version", flat=True)) == [bad.pk]


def test_a_member_with_an_expired_key_is_left_out_and_the_lead_is_told(
    client, workspace, keys
):
    services.personal_key_register(
        user=workspace.people["viewer"], key_text=keys.carol.public
    )
    PersonalKey.objects.filter(user=workspace.people["viewer"]).update(
        expires_at="2020-01-01T00:00:00Z"
    )
    client.force_login(workspace.lead)
    response = upload(client, workspace.codename, b"memo")
    version = DocumentVersion.objects.get()
    assert keys.carol.fingerprint not in version.recipients
    assert len(version.recipients) == 1
    page = client.get(response["Location"]).content.decode()
    assert (
        "Not encrypted to these members&#x27; personal keys, which have expired: viewer"
        in page
    )
    listing = client.get(reverse("secure_docs:list", args=["water"])).content.decode()
    assert 'data-testid="expired-keys"' in listing


def test_removing_a_member_reencrypts_every_version_without_their_key(
    client, workspace, keys, django_capture_on_commit_callbacks
):
    reporter, viewer = workspace.people["reporter"], workspace.people["viewer"]
    services.personal_key_register(user=reporter, key_text=keys.alice.public)
    services.personal_key_register(user=viewer, key_text=keys.bob.public)
    client.force_login(reporter)
    upload(client, workspace.codename, b"alpha " * 1000, title="A")
    upload(client, workspace.codename, b"beta " * 1000, title="B")
    for version in DocumentVersion.objects.all():
        assert keys.bob.decrypt(stored_bytes(version.storage_name)).returncode == 0
    old_names = set(DocumentVersion.objects.values_list("storage_name", flat=True))
    membership = workspace.investigation.memberships.get(user=viewer)
    with django_capture_on_commit_callbacks(execute=True):
        investigation_services.membership_remove(
            actor=workspace.lead, membership=membership
        )
    for version in DocumentVersion.objects.all():
        ciphertext = stored_bytes(version.storage_name)
        assert keys.bob.fingerprint not in version.recipients
        assert keys.bob.decrypt(ciphertext).returncode != 0
        assert keys.alice.decrypt(ciphertext).returncode == 0
    for name in old_names:
        assert not storage.exists(name)
    job = workspace.investigation.reencryption_jobs.get()
    assert (job.status, job.done, job.total) == ("done", 2, 2)
    # Idempotent: a second run has nothing to do.
    assert (
        services.reencrypt_investigation(
            investigation_id=workspace.investigation.pk, reason="members_changed"
        )
        is None
    )


def test_a_member_registering_a_key_is_added_to_existing_versions(
    client, workspace, keys, django_capture_on_commit_callbacks
):
    client.force_login(workspace.lead)
    upload(client, workspace.codename, b"older document")
    with django_capture_on_commit_callbacks(execute=True):
        services.personal_key_register(
            user=workspace.people["viewer"], key_text=keys.bob.public
        )
    version = DocumentVersion.objects.get()
    assert keys.bob.fingerprint in version.recipients
    assert (
        keys.bob.decrypt(stored_bytes(version.storage_name)).stdout == b"older document"
    )


def test_rotating_the_workspace_key_reencrypts_and_retires_the_old_key(
    client, workspace, django_capture_on_commit_callbacks
):
    client.force_login(workspace.lead)
    upload(client, workspace.codename, b"rotate me")
    old = WorkspaceKey.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("secure_docs:rotate_key", args=["water"]))
    assert response.status_code == 302
    new = WorkspaceKey.objects.get()
    assert new.fingerprint != old.fingerprint
    version = DocumentVersion.objects.get()
    assert version.recipients == [new.fingerprint]
    assert download(client, version) == b"rotate me"
    listing = client.get(reverse("secure_docs:list", args=["water"])).content.decode()
    assert "1 of 1 versions" in listing


def test_the_hourly_reconcile_catches_a_guest_whose_access_ended(
    client, workspace, keys
):
    import datetime

    from django.utils import timezone

    from secure_docs import tasks

    viewer = workspace.people["viewer"]
    services.personal_key_register(user=viewer, key_text=keys.bob.public)
    client.force_login(workspace.lead)
    upload(client, workspace.codename, b"guest era")
    assert keys.bob.fingerprint in DocumentVersion.objects.get().recipients
    workspace.investigation.memberships.filter(user=viewer).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    tasks.reconcile_recipients()
    version = DocumentVersion.objects.get()
    assert keys.bob.fingerprint not in version.recipients
    assert keys.bob.decrypt(stored_bytes(version.storage_name)).returncode != 0


def test_adding_a_member_with_a_key_adds_them_to_every_version(
    client, workspace, keys, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory

    newcomer = UserFactory(email="new@example.org")
    services.personal_key_register(user=newcomer, key_text=keys.carol.public)
    client.force_login(workspace.lead)
    upload(client, workspace.codename, b"before they joined")
    assert keys.carol.fingerprint not in DocumentVersion.objects.get().recipients
    with django_capture_on_commit_callbacks(execute=True):
        investigation_services.membership_add(
            actor=workspace.lead,
            investigation=workspace.investigation,
            user=newcomer,
            role="reporter",
        )
    version = DocumentVersion.objects.get()
    assert keys.carol.fingerprint in version.recipients
    assert keys.carol.decrypt(stored_bytes(version.storage_name)).stdout == (
        b"before they joined"
    )


def test_a_large_corrupted_object_never_streams_the_whole_file(
    client, workspace, secure_folder
):
    from secure_docs import crypto

    content = os.urandom(3 * 1024 * 1024)
    client.force_login(workspace.lead)
    upload(client, workspace.codename, content, name="big.bin")
    version = DocumentVersion.objects.get()
    path = _files(secure_folder)[0]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit, mid-file: gpg decrypts on, then fails
    path.write_bytes(bytes(data))
    response = client.get(
        reverse("secure_docs:download", args=["water", version.document_id, version.pk])
    )
    assert response.status_code == 200  # the first chunks verify only at the end
    received = b""
    with pytest.raises(crypto.IntegrityFailure):
        for chunk in response.streaming_content:
            received += chunk
    assert len(received) < len(content)
    assert int(response["Content-Length"]) == len(content)
    assert IntegrityAlert.objects.filter(version=version).count() == 1


def test_an_archived_workspace_reads_but_refuses_uploads(client, workspace):
    client.force_login(workspace.lead)
    upload(client, workspace.codename, b"kept")
    investigation_services.investigation_set_archived(
        actor=workspace.lead, investigation=workspace.investigation, archived=True
    )
    response = upload(client, workspace.codename, b"too late")
    assert response.status_code == 403
    assert DocumentVersion.objects.count() == 1
    assert download(client, DocumentVersion.objects.get()) == b"kept"


def test_a_failing_reencryption_job_records_why_and_resumes(
    client, workspace, keys, secure_folder
):
    from secure_docs import crypto
    from secure_docs.models import ReencryptionJob

    client.force_login(workspace.lead)
    upload(client, workspace.codename, b"first " * 10, title="A")
    upload(client, workspace.codename, b"second " * 10, title="B")
    broken = DocumentVersion.objects.get(document__title="B")
    good_bytes = (secure_folder / broken.storage_name).read_bytes()
    (secure_folder / broken.storage_name).write_bytes(b"garbage")
    services.personal_key_register(
        user=workspace.people["viewer"], key_text=keys.bob.public
    )
    with pytest.raises(crypto.IntegrityFailure):
        services.reencrypt_investigation(
            investigation_id=workspace.investigation.pk, reason="members_changed"
        )
    job = ReencryptionJob.objects.get()
    assert (job.status, job.done, job.total) == ("failed", 1, 2)
    assert job.error.startswith("IntegrityFailure")
    # Repaired (say, from a backup), a second run does only what is left.
    (secure_folder / broken.storage_name).write_bytes(good_bytes)
    second = services.reencrypt_investigation(
        investigation_id=workspace.investigation.pk, reason="members_changed"
    )
    assert (second.status, second.done, second.total) == ("done", 1, 1)
    for version in DocumentVersion.objects.all():
        assert keys.bob.fingerprint in version.recipients


def test_an_encryption_failure_stores_nothing_and_says_so(
    client, workspace, keys, secure_folder
):
    # A key row gpg cannot use (say, damaged in the database): gpg refuses the
    # recipient, and the upload must fail closed rather than skip that member.
    key = services.personal_key_register(
        user=workspace.people["viewer"], key_text=keys.bob.public
    )
    PersonalKey.objects.filter(pk=key.pk).update(public_key="damaged")
    client.force_login(workspace.lead)
    response = upload(client, workspace.codename, os.urandom(500_000))
    assert response.status_code == 500
    assert "The file could not be encrypted, so nothing was stored." in (
        response.content.decode()
    )
    assert Document.objects.count() == 0
    assert _files(secure_folder) == []


def test_storage_down_at_download_is_a_retry_later_not_an_integrity_alert(
    client, workspace, settings
):
    from tests.secure_docs.conftest import s3_settings
    from tests.services import S3Server, free_port

    client.force_login(workspace.lead)
    upload(client, workspace.codename, b"stored while S3 was up")
    version = DocumentVersion.objects.get()
    nowhere = S3Server(
        endpoint_url=f"http://127.0.0.1:{free_port()}",
        access_key="none",
        secret_key="none",  # noqa: S106 - nothing listens there
    )
    settings.STORAGES = {**settings.STORAGES, "secure_docs": s3_settings(nowhere)}
    response = client.get(
        reverse("secure_docs:download", args=["water", version.document_id, version.pk])
    )
    assert response.status_code == 503
    assert "The document store could not be reached. Please try again later." in (
        response.content.decode()
    )
    assert IntegrityAlert.objects.count() == 0


def test_a_missing_object_is_an_integrity_alert(client, workspace, secure_folder):
    client.force_login(workspace.lead)
    upload(client, workspace.codename, b"soon gone")
    version = DocumentVersion.objects.get()
    (secure_folder / version.storage_name).unlink()
    response = client.get(
        reverse("secure_docs:download", args=["water", version.document_id, version.pk])
    )
    assert response.status_code == 502
    assert "The stored document is missing from storage." in response.content.decode()
    assert IntegrityAlert.objects.get().detail == "the stored object is missing"
