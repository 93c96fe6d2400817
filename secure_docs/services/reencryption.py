"""Re-encryption: every version follows the workspace's current recipients, and
the search index follows the workspace key in the same job."""

import contextlib

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from investigations.models import Investigation
from secure_docs import selectors, storage
from secure_docs.enums import JobStatus
from secure_docs.models import (
    DocumentVersion,
    ReencryptionJob,
    SavedSearch,
    SearchUnit,
    WorkspaceKey,
)
from secure_docs.services import index_upkeep
from secure_docs.services._common import stale_before
from secure_docs.services.integrity import version_plaintext
from secure_docs.services.keys import Recipients, recipients_for
from secure_docs.uploads import EncryptingWriter


def _reencrypt_version(*, version_id: int, recipients: Recipients) -> bool:
    version = (
        DocumentVersion.objects.select_related("document__investigation")
        .filter(pk=version_id)
        .first()
    )
    if version is None or sorted(version.recipients) == recipients.fingerprints:
        return False
    old_name = version.storage_name
    writer = EncryptingWriter(
        investigation_id=version.document.investigation_id,
        public_keys=recipients.public_keys,
        fingerprints=recipients.fingerprints,
    )
    new_name = writer.storage_name
    try:
        for chunk in version_plaintext(version=version):
            writer.write(chunk)
    except BaseException:
        writer.abort()
        raise
    stored = writer.close(name=version.original_name)
    with transaction.atomic():
        updated = DocumentVersion.objects.filter(
            pk=version_id, storage_name=old_name
        ).update(
            storage_name=new_name,
            recipients=recipients.fingerprints,
            ciphertext_size=stored.ciphertext_size,
        )
    if not updated:  # changed or deleted meanwhile; the next run looks again
        storage.delete(new_name)
        return False
    storage.delete(old_name)
    return True


def reencrypt_investigation(
    *, investigation_id: int, reason: str
) -> ReencryptionJob | None:
    """Re-encrypt every version whose recipients differ from the current target.

    The search index follows in the same job: units and saved searches still
    sealed under a retired workspace key are re-keyed (from their sealed text,
    without reading the documents again) before that key may be deleted.

    Idempotent and resumable: each version records its recipients and each unit
    its key, so a second run (or a run after a crash) touches only what is still
    out of line. Returns the job (for its progress), or None when nothing needed
    doing.
    """
    investigation = Investigation.objects.filter(pk=investigation_id).first()
    if investigation is None:
        return None
    recipients = recipients_for(investigation=investigation)
    pending = selectors.versions_to_reencrypt(
        investigation=investigation, target=recipients.fingerprints
    )
    index_pending = index_upkeep.index_rekey_pending(investigation=investigation)
    if not pending and not index_pending:
        _stale_jobs_close(investigation=investigation, superseded_by=None)
        _retired_keys_delete(investigation=investigation)
        return None
    job = ReencryptionJob(
        investigation=investigation,
        reason=reason,
        total=len(pending) + len(index_pending),
    )
    job.full_clean()
    job.save()
    _stale_jobs_close(investigation=investigation, superseded_by=job)
    try:
        for version_id in pending:
            _reencrypt_version(version_id=version_id, recipients=recipients)
            _progress(job)
        if index_pending:
            rekeyer = index_upkeep.Rekeyer(investigation)
            for kind, pk in index_pending:
                rekeyer.run(kind, pk)
                _progress(job)
    except Exception as error:
        job.status = JobStatus.FAILED
        job.error = f"{type(error).__name__}: {error}"[:500]
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        raise
    job.status = JobStatus.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "finished_at"])
    _retired_keys_delete(investigation=investigation)
    return job


def _progress(job: ReencryptionJob) -> None:
    ReencryptionJob.objects.filter(pk=job.pk).update(
        done=job.done + 1, progressed_at=timezone.now()
    )
    job.done += 1


def _stale_jobs_close(
    *, investigation: Investigation, superseded_by: ReencryptionJob | None
) -> int:
    """Close the investigation's jobs left running by a worker that died.

    A live job records progress after every version, and no version takes longer
    than a task may run, so a job silent for SECURE_DOCS_STALE_AFTER has no worker.
    The run that calls this has found every version in line (`superseded_by` None:
    the stale job is done) or took the rest over (the stale job is superseded).
    """
    closed = 0
    stale = ReencryptionJob.objects.filter(
        investigation=investigation,
        status=JobStatus.RUNNING,
        progressed_at__lt=stale_before(),
    )
    if superseded_by is not None:
        stale = stale.exclude(pk=superseded_by.pk)
    for job in stale:
        interrupted = (
            f"Interrupted at {job.done} of {job.total} versions "
            f"(no progress since {job.progressed_at:%Y-%m-%d %H:%M} UTC); "
        )
        if superseded_by is None:
            changes = {
                "status": JobStatus.DONE,
                "done": job.total,
                "error": interrupted + "a later run found every version in line.",
            }
        else:
            changes = {
                "status": JobStatus.SUPERSEDED,
                "error": interrupted + f"job {superseded_by.pk} took over.",
            }
        # Guarded by the same conditions: two reconciling workers close it once.
        closed += ReencryptionJob.objects.filter(
            pk=job.pk, status=JobStatus.RUNNING, progressed_at=job.progressed_at
        ).update(finished_at=timezone.now(), **changes)
    return closed


def _retired_keys_delete(*, investigation: Investigation) -> None:
    in_use: set[str] = set()
    for recipients in DocumentVersion.objects.filter(
        document__investigation=investigation
    ).values_list("recipients", flat=True):
        in_use.update(recipients)
    # A key the index is still sealed under stays until the index is re-keyed.
    for model in (SearchUnit, SavedSearch):
        in_use.update(
            model.objects.filter(investigation=investigation, key__isnull=False)
            .values_list("key__fingerprint", flat=True)
            .distinct()
        )
    # A reader that took a retired key just before it retires may still hold it
    # (protected): the next pass deletes it.
    with contextlib.suppress(ProtectedError, IntegrityError), transaction.atomic():
        WorkspaceKey.objects.filter(
            investigation=investigation, is_active=False
        ).exclude(fingerprint__in=in_use).delete()
