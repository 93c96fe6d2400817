"""Documents, their versions, notes and the access log.

Ciphertext objects are written before their row (an upload streams while the
request is read) and deleted by whoever gives up on them.
"""

import contextlib
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from investigations import selectors as investigation_selectors
from investigations import services as investigation_services
from investigations.enums import ActivityVerb
from investigations.models import Investigation, Task
from secure_docs import permissions, storage
from secure_docs.enums import IndexKind
from secure_docs.models import AccessLogEntry, Document, DocumentVersion, Note
from secure_docs.services.index_sources import (
    text_index_schedule,
    version_index_schedule,
)
from secure_docs.services.keys import recipients_for
from secure_docs.uploads import EncryptedUpload, EncryptingWriter


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
    version_index_schedule(version=version)
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
    language: str = "",
    tasks: list[Task] | None = None,
) -> Document:
    """A new document with its first version (reporters and up)."""
    investigation_selectors.access_required(
        user=actor, investigation=investigation, codename=permissions.UPLOAD
    )
    tasks = list(tasks or [])
    _check_tasks(investigation, tasks)
    document = Document(
        investigation=investigation,
        title=title.strip(),
        description=description.strip(),
        tags=_clean_tags(tags),
        language=language,
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
    investigation_selectors.access_required(
        user=actor, investigation=document.investigation, codename=permissions.UPLOAD
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
    investigation_selectors.access_required(
        user=actor, investigation=document.investigation, codename=permissions.MANAGE
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
    investigation_selectors.access_required(
        user=actor, investigation=investigation, codename=permissions.MANAGE
    )
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
    investigation_selectors.access_required(
        user=actor, investigation=document.investigation, codename=permissions.NOTE
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
    text_index_schedule(kind=IndexKind.NOTE, object_id=note.pk)
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
    investigation_selectors.access_required(
        user=user, investigation=document.investigation, codename=permissions.READ
    )
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


def encrypt_to_storage(
    *, investigation: Investigation, name: str, chunks: Iterator[bytes]
) -> EncryptedUpload:
    """Encrypt `chunks` to the workspace's recipients into a new stored object,
    through the same writer as the upload handler."""
    recipients = recipients_for(investigation=investigation)
    writer = EncryptingWriter(
        investigation_id=investigation.pk,
        public_keys=recipients.public_keys,
        fingerprints=recipients.fingerprints,
    )
    try:
        for chunk in chunks:
            writer.write(chunk)
    except BaseException:
        writer.abort()
        raise
    return writer.close(name=name)
