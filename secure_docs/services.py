"""Every write to secure documents goes through here.

Services check the actor's role through investigations' Access, write in a
transaction after full_clean(), and record document events in the workspace's
activity feed. Ciphertext objects are written before their row (an upload
streams while the request is read) and deleted by whoever gives up on them.
"""

import contextlib
import dataclasses
import datetime
import hashlib
import logging
from collections.abc import Iterator

from botocore.exceptions import ClientError
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from investigations import selectors as investigation_selectors
from investigations import services as investigation_services
from investigations.access import Access
from investigations.enums import ActivityVerb
from investigations.models import Investigation, Membership, Task
from secure_docs import crypto, permissions, selectors, storage
from secure_docs.enums import JobReason, JobStatus
from secure_docs.models import (
    AccessLogEntry,
    Document,
    DocumentVersion,
    IntegrityAlert,
    Note,
    PersonalKey,
    ReencryptionJob,
    WorkspaceKey,
)
from secure_docs.uploads import CountingReader, EncryptedUpload

logger = logging.getLogger(__name__)


def _access(*, actor: User, investigation: Investigation, codename: str) -> Access:
    access = investigation_selectors.access_for(user=actor, investigation=investigation)
    if access is None:
        raise PermissionDenied(_("You are not a member of this investigation."))
    access.require(codename)
    return access


def _enqueue(task_name: str, *args) -> None:
    from secure_docs import tasks  # tasks import services; import late

    transaction.on_commit(lambda: getattr(tasks, task_name).delay(*args))


# --- Keys ---------------------------------------------------------------------------


@transaction.atomic
def workspace_key_ensure(*, investigation: Investigation) -> WorkspaceKey:
    """The investigation's active workspace key, generated on first need.

    Rows lock on the investigation so two workers never make two keys.
    """
    Investigation.objects.select_for_update().filter(pk=investigation.pk).first()
    key = selectors.active_workspace_key(investigation=investigation)
    if key is not None:
        return key
    return _workspace_key_new(investigation=investigation)


def _workspace_key_new(*, investigation: Investigation) -> WorkspaceKey:
    generated = crypto.generate_workspace_key(
        name=f"Qalam workspace {investigation.codename}"
    )
    key = WorkspaceKey(
        investigation=investigation,
        fingerprint=generated.fingerprint,
        public_key=generated.public_key,
        wrapped_secret_key=crypto.wrap_secret_key(
            generated.secret_key, kek=settings.QALAM_KEY_ENCRYPTION_KEY
        ),
    )
    key.full_clean()
    key.save()
    return key


def workspace_key_schedule(*, investigation: Investigation) -> None:
    """Generate the new investigation's workspace key once it is committed."""
    _enqueue("workspace_key_create", investigation.pk)


@transaction.atomic
def workspace_key_rotate(*, actor: User, investigation: Investigation) -> WorkspaceKey:
    """A new workspace key (leads); every version is re-encrypted to it by a job.

    The retired key stays until no version needs it, then it is deleted.
    """
    _access(actor=actor, investigation=investigation, codename=permissions.ROTATE_KEY)
    Investigation.objects.select_for_update().filter(pk=investigation.pk).first()
    WorkspaceKey.objects.filter(investigation=investigation, is_active=True).update(
        is_active=False
    )
    key = _workspace_key_new(investigation=investigation)
    investigation_services.activity_record(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.WORKSPACE_KEY_ROTATED,
        subject=key.fingerprint,
    )
    _enqueue("reencrypt_investigation", investigation.pk, JobReason.KEY_ROTATED)
    return key


def kek_rotate(*, old_kek: str, new_kek: str) -> tuple[int, int]:
    """Re-wrap every workspace key under `new_kek`; returns (re-wrapped, already).

    Resumable: keys that open with the new KEK already are left alone.
    """
    rewrapped = already = 0
    for key_id in WorkspaceKey.objects.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            key = WorkspaceKey.objects.select_for_update().get(pk=key_id)
            try:
                crypto.unwrap_secret_key(key.wrapped_secret_key, kek=new_kek)
            except crypto.CryptoError:
                pass
            else:
                already += 1
                continue
            secret = crypto.unwrap_secret_key(key.wrapped_secret_key, kek=old_kek)
            key.wrapped_secret_key = crypto.wrap_secret_key(secret, kek=new_kek)
            key.full_clean()
            key.save(update_fields=["wrapped_secret_key"])
            rewrapped += 1
    return rewrapped, already


def _user_investigations(user: User) -> list[Investigation]:
    return [
        membership.investigation
        for membership in Membership.objects.filter(user=user).select_related(
            "investigation"
        )
    ]


@transaction.atomic
def personal_key_register(*, user: User, key_text: str | bytes) -> PersonalKey:
    """Register (or replace) the user's public key after gpg validated it.

    Documents of the user's investigations are then re-encrypted to include it.
    """
    try:
        info = crypto.inspect_public_key(key_text)
    except crypto.KeyRefused as error:
        raise ValidationError({"key": str(error)}) from error
    key = selectors.personal_key_of(user=user) or PersonalKey(user=user)
    key.fingerprint = info.fingerprint
    key.public_key = info.public_key
    key.algorithm = info.algorithm
    key.user_ids = ", ".join(info.user_ids)[:500]
    key.expires_at = info.expires_at
    key.reminded_at = None
    key.full_clean()
    key.save()
    for investigation in _user_investigations(user):
        members_changed(investigation=investigation)
    return key


@transaction.atomic
def personal_key_delete(*, user: User) -> None:
    """Forget the user's key; their investigations' documents drop it as a recipient."""
    deleted, _rows = PersonalKey.objects.filter(user=user).delete()
    if deleted:
        for investigation in _user_investigations(user):
            members_changed(investigation=investigation)


def personal_key_mark_reminded(*, key_id: int) -> bool:
    """Mark an expiry reminder sent; False if it was sent already (idempotent)."""
    return bool(
        PersonalKey.objects.filter(pk=key_id, reminded_at__isnull=True).update(
            reminded_at=timezone.now()
        )
    )


# --- Recipients ---------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Recipients:
    fingerprints: list[str]
    public_keys: list[str]
    expired: list[PersonalKey]


def recipients_for(*, investigation: Investigation) -> Recipients:
    """The workspace key plus every current member's usable personal key.

    Members whose key expired are left out (and listed, so leads can be told).
    """
    workspace_key = workspace_key_ensure(investigation=investigation)
    usable, expired = selectors.member_keys(investigation=investigation)
    keys = {workspace_key.fingerprint: workspace_key.public_key}
    for key in usable:
        keys[key.fingerprint] = key.public_key
    fingerprints = sorted(keys)
    return Recipients(
        fingerprints=fingerprints,
        public_keys=[keys[fp] for fp in fingerprints],
        expired=expired,
    )


def members_changed(*, investigation: Investigation) -> None:
    """Bring every version's recipients in line with the members, after commit."""
    _enqueue("reencrypt_investigation", investigation.pk, JobReason.MEMBERS_CHANGED)


# --- Documents and versions ---------------------------------------------------------


def _clean_tags(tags: str) -> str:
    return ", ".join(t.strip() for t in tags.split(",") if t.strip())[:200]


def _version_create(
    *, document: Document, upload: EncryptedUpload, actor: User
) -> DocumentVersion:
    if not storage.exists(upload.storage_name):
        raise ValidationError(
            _("The encrypted file was not stored; nothing was saved.")
        )
    last = document.versions.order_by("-number").first()
    version = DocumentVersion(
        document=document,
        number=(last.number + 1) if last else 1,
        storage_name=upload.storage_name,
        sha256=upload.sha256,
        size=upload.size,
        ciphertext_size=upload.ciphertext_size,
        content_type=upload.content_type[:100],
        original_name=(upload.name or "document")[:255],
        recipients=list(upload.recipients),
        uploaded_by=actor,
    )
    version.full_clean()
    version.save()
    return version


def _check_tasks(investigation: Investigation, tasks: list[Task]) -> None:
    if any(task.investigation_id != investigation.pk for task in tasks):
        raise ValidationError({"tasks": _("Link only tasks of this investigation.")})


@transaction.atomic
def document_create(
    *,
    actor: User,
    investigation: Investigation,
    title: str,
    upload: EncryptedUpload,
    description: str = "",
    tags: str = "",
    tasks: list[Task] | None = None,
) -> Document:
    """A new document with its first version (reporters and up)."""
    _access(actor=actor, investigation=investigation, codename=permissions.UPLOAD)
    tasks = list(tasks or [])
    _check_tasks(investigation, tasks)
    document = Document(
        investigation=investigation,
        title=title.strip(),
        description=description.strip(),
        tags=_clean_tags(tags),
        created_by=actor,
    )
    document.full_clean()
    document.save()
    document.tasks.set(tasks)
    _version_create(document=document, upload=upload, actor=actor)
    investigation_services.activity_record(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.DOCUMENT_UPLOADED,
        subject=document.title,
    )
    upload.consumed = True
    return document


@transaction.atomic
def version_add(
    *, actor: User, document: Document, upload: EncryptedUpload
) -> DocumentVersion:
    """Upload a new version of a document (reporters and up)."""
    _access(
        actor=actor, investigation=document.investigation, codename=permissions.UPLOAD
    )
    Document.objects.select_for_update().filter(pk=document.pk).first()
    version = _version_create(document=document, upload=upload, actor=actor)
    investigation_services.activity_record(
        investigation=document.investigation,
        actor=actor,
        verb=ActivityVerb.DOCUMENT_VERSION_ADDED,
        subject=f"{document.title} v{version.number}",
    )
    upload.consumed = True
    return version


def version_restore(
    *, actor: User, document: Document, version: DocumentVersion
) -> DocumentVersion:
    """Make an old version current again by copying it as a new version (editors+).

    The ciphertext is copied as it is: same plaintext, same recipients. The copy
    streams before the transaction (no lock held during I/O); the row is written
    atomically, and the copy is deleted if that fails.
    """
    _access(
        actor=actor, investigation=document.investigation, codename=permissions.MANAGE
    )
    if version.document_id != document.pk:
        raise ValidationError(_("This version belongs to another document."))
    name = storage.new_name(document.investigation_id)
    source = storage.open_stream(version.storage_name)
    try:
        storage.write_stream(name, source)
    finally:
        source.close()
    try:
        with transaction.atomic():
            Document.objects.select_for_update().filter(pk=document.pk).first()
            upload = EncryptedUpload(
                name=version.original_name,
                storage_name=name,
                sha256=version.sha256,
                size=version.size,
                ciphertext_size=version.ciphertext_size,
                content_type=version.content_type,
                recipients=version.recipients,
            )
            restored = _version_create(document=document, upload=upload, actor=actor)
            investigation_services.activity_record(
                investigation=document.investigation,
                actor=actor,
                verb=ActivityVerb.DOCUMENT_RESTORED,
                subject=f"{document.title} v{version.number} → v{restored.number}",
            )
    except BaseException:
        with contextlib.suppress(Exception):
            storage.delete(name)
        raise
    return restored


@transaction.atomic
def document_delete(*, actor: User, document: Document) -> None:
    """Delete a document: every version's object, then its rows (editors and up).

    The activity feed keeps the title and who deleted it.
    """
    investigation = document.investigation
    _access(actor=actor, investigation=investigation, codename=permissions.MANAGE)
    names = list(document.versions.values_list("storage_name", flat=True))
    title = document.title
    document.delete()
    investigation_services.activity_record(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.DOCUMENT_DELETED,
        subject=title,
    )
    # Objects last: if storage refuses, the rows come back with the rollback.
    for name in names:
        storage.delete(name)


@transaction.atomic
def note_create(*, actor: User, document: Document, body: str) -> Note:
    """Add a note to a document's thread (reporters and up)."""
    _access(
        actor=actor, investigation=document.investigation, codename=permissions.NOTE
    )
    note = Note(document=document, author=actor, body=body.strip())
    note.full_clean()
    note.save()
    investigation_services.activity_record(
        investigation=document.investigation,
        actor=actor,
        verb=ActivityVerb.DOCUMENT_NOTE_ADDED,
        subject=document.title,
    )
    return note


@transaction.atomic
def access_record(
    *,
    user: User,
    document: Document,
    version: DocumentVersion | None,
    mode: str,
    ip_address: str | None,
) -> AccessLogEntry:
    """Log one view or download (every member's, every time)."""
    _access(actor=user, investigation=document.investigation, codename=permissions.READ)
    entry = AccessLogEntry(
        document=document,
        version=version,
        user=user,
        mode=mode,
        ip_address=ip_address or None,
    )
    entry.full_clean()
    entry.save()
    return entry


# --- Reading plaintext, integrity ---------------------------------------------------


def _secret_keys(investigation: Investigation) -> list[str]:
    return [
        crypto.unwrap_secret_key(
            key.wrapped_secret_key, kek=settings.QALAM_KEY_ENCRYPTION_KEY
        )
        for key in selectors.workspace_keys(investigation=investigation)
    ]


@transaction.atomic
def integrity_alert_record(*, version: DocumentVersion, detail: str) -> IntegrityAlert:
    """Record a failed decryption or hash mismatch and tell the leads by email."""
    alert = IntegrityAlert(
        investigation=version.document.investigation,
        version=version,
        detail=detail[:500],
    )
    alert.full_clean()
    alert.save()
    _enqueue("notify_integrity_alert", alert.pk)
    return alert


def _is_missing(error: Exception) -> bool:
    if isinstance(error, FileNotFoundError):
        return True
    if isinstance(error, ClientError):
        code = error.response.get("Error", {}).get("Code", "")
        return code in ("NoSuchKey", "404")
    return False


def version_plaintext(*, version: DocumentVersion) -> Iterator[bytes]:
    """The version's plaintext, checked as it streams; a failure is alerted."""
    investigation = version.document.investigation
    keys = _secret_keys(investigation)
    try:
        source = storage.open_stream(version.storage_name)
    except Exception as error:
        if not _is_missing(error):
            raise crypto.SourceUnavailable(
                _("The document store could not be reached. Please try again later.")
            ) from error
        integrity_alert_record(version=version, detail="the stored object is missing")
        raise crypto.IntegrityFailure(
            _("The stored document is missing from storage.")
        ) from error
    try:
        yield from crypto.decrypt(
            secret_keys=keys, source=source, sha256=version.sha256, size=version.size
        )
    except crypto.IntegrityFailure as error:
        integrity_alert_record(version=version, detail=str(error))
        raise
    finally:
        source.close()


def version_verify(*, version: DocumentVersion) -> bool:
    """Decrypt a version to nowhere and compare its SHA-256 (alerts on mismatch)."""
    try:
        for _chunk in version_plaintext(version=version):
            pass
    except crypto.CryptoError:  # integrity (alerted) or storage down (not checked)
        return False
    return True


def documents_verify(*, investigation_id: int | None = None) -> tuple[int, int]:
    """Verify every version (of one investigation, or all); returns (ok, failed)."""
    versions = DocumentVersion.objects.select_related("document__investigation")
    if investigation_id is not None:
        versions = versions.filter(document__investigation_id=investigation_id)
    ok = failed = 0
    for version in versions.order_by("pk").iterator():
        if version_verify(version=version):
            ok += 1
        else:
            failed += 1
    return ok, failed


# --- Re-encryption ------------------------------------------------------------------


def _reencrypt_version(*, version_id: int, recipients: Recipients) -> bool:
    version = (
        DocumentVersion.objects.select_related("document__investigation")
        .filter(pk=version_id)
        .first()
    )
    if version is None or sorted(version.recipients) == recipients.fingerprints:
        return False
    old_name = version.storage_name
    new_name = storage.new_name(version.document.investigation_id)
    counted = {"n": 0}

    def store(readable) -> None:
        counter = CountingReader(readable)
        storage.write_stream(new_name, counter)
        counted["n"] = counter.count

    encryptor = crypto.Encryptor(
        public_keys=recipients.public_keys,
        fingerprints=recipients.fingerprints,
        store=store,
    )
    try:
        for chunk in version_plaintext(version=version):
            encryptor.write(chunk)
    except BaseException:
        encryptor.abort()
        with contextlib.suppress(Exception):
            storage.delete(new_name)
        raise
    try:
        encryptor.close()
    except BaseException:
        with contextlib.suppress(Exception):
            storage.delete(new_name)
        raise
    with transaction.atomic():
        updated = DocumentVersion.objects.filter(
            pk=version_id, storage_name=old_name
        ).update(
            storage_name=new_name,
            recipients=recipients.fingerprints,
            ciphertext_size=counted["n"],
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

    Idempotent and resumable: each version records its recipients, so a second
    run (or a run after a crash) touches only what is still out of line. Returns
    the job (for its progress), or None when nothing needed doing.
    """
    investigation = Investigation.objects.filter(pk=investigation_id).first()
    if investigation is None:
        return None
    recipients = recipients_for(investigation=investigation)
    pending = selectors.versions_to_reencrypt(
        investigation=investigation, target=recipients.fingerprints
    )
    if not pending:
        _stale_jobs_close(investigation=investigation, superseded_by=None)
        _retired_keys_delete(investigation=investigation)
        return None
    job = ReencryptionJob(
        investigation=investigation, reason=reason, total=len(pending)
    )
    job.full_clean()
    job.save()
    _stale_jobs_close(investigation=investigation, superseded_by=job)
    try:
        for version_id in pending:
            _reencrypt_version(version_id=version_id, recipients=recipients)
            ReencryptionJob.objects.filter(pk=job.pk).update(
                done=job.done + 1, progressed_at=timezone.now()
            )
            job.done += 1
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


def _stale_before() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=settings.SECURE_DOCS_STALE_AFTER)


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
        progressed_at__lt=_stale_before(),
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
    WorkspaceKey.objects.filter(investigation=investigation, is_active=False).exclude(
        fingerprint__in=in_use
    ).delete()


# --- Tidying the storage -------------------------------------------------------------


def orphans_delete(*, batch: int = 500) -> list[str]:
    """Delete stored objects no version references; returns their names.

    A worker or an upload that died between writing an object and switching its row
    leaves one behind (re-encryption writes the new ciphertext, switches the row, then
    deletes the old one). Only objects older than SECURE_DOCS_STALE_AFTER go, so an
    upload in flight keeps its object; references are read after the listing, so an
    object a version points at is never deleted.
    """
    cutoff = _stale_before()
    deleted: list[str] = []

    def sweep(names: list[str]) -> None:
        referenced = set(
            DocumentVersion.objects.filter(storage_name__in=names).values_list(
                "storage_name", flat=True
            )
        )
        for name in names:
            if name not in referenced:
                storage.delete(name)
                logger.warning("deleted orphan secure object %s", name)
                deleted.append(name)

    old: list[str] = []
    for name, modified in storage.stored_objects():
        if modified < cutoff:
            old.append(name)
        if len(old) >= batch:
            sweep(old)
            old = []
    if old:
        sweep(old)
    return deleted


# --- Importing (demo data, operators' scripts) ---------------------------------------


def encrypt_to_storage(
    *, investigation: Investigation, name: str, chunks: Iterator[bytes]
) -> EncryptedUpload:
    """Encrypt `chunks` to the workspace's recipients into a new stored object,
    as the upload handler does for a request."""
    import filetype

    recipients = recipients_for(investigation=investigation)
    storage_name = storage.new_name(investigation.pk)
    counted: dict[str, int] = {"n": 0}

    def store(readable) -> None:
        counter = CountingReader(readable)
        storage.write_stream(storage_name, counter)
        counted["n"] = counter.count

    digest = hashlib.sha256()
    size = 0
    head = b""
    encryptor = crypto.Encryptor(
        public_keys=recipients.public_keys,
        fingerprints=recipients.fingerprints,
        store=store,
    )
    try:
        for chunk in chunks:
            digest.update(chunk)
            size += len(chunk)
            head = (head + chunk)[:8192] if len(head) < 8192 else head
            encryptor.write(chunk)
    except BaseException:
        encryptor.abort()
        with contextlib.suppress(Exception):
            storage.delete(storage_name)
        raise
    encryptor.close()
    kind = filetype.guess(head)
    return EncryptedUpload(
        name=name,
        storage_name=storage_name,
        sha256=digest.hexdigest(),
        size=size,
        ciphertext_size=counted["n"],
        content_type=kind.mime if kind else "text/plain",
        recipients=recipients.fingerprints,
    )
