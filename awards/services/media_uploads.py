"""An entry's own video or audio file, sent with tus: an upload is started, fed
bytes at its offset, checked when whole and given to the entry, or ended.

The entrant may upload while the entry is an open draft, the award's organisers at
any time. A PATCH streams: it holds the upload (`locked_until`, renewed while
bytes arrive) instead of a database transaction, so a slow upload never keeps a
transaction open, and two PATCHes never write the same upload at once.
"""

import datetime
import uuid
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from accounts.models import User
from awards.clock import now
from awards.media_upload.sniff import SNIFF_BYTES, is_media_type, media_type_of
from awards.media_upload.storage import backend
from awards.models import Entry, MediaUpload
from awards.permissions import can_upload_media, may_see_media_upload
from awards.services.files import clean_file_name

# An upload with no bytes for this long is abandoned (media_uploads_expire).
UPLOAD_LIFETIME = datetime.timedelta(hours=24)
# How long a PATCH holds its upload without a sign of life, and how often it renews.
HOLD = datetime.timedelta(seconds=120)
RENEW_EVERY = datetime.timedelta(seconds=30)


def require_upload_rights(actor: User, entry: Entry) -> None:
    """PermissionDenied for whoever may not know of the upload; a ValidationError
    naming the reason for an entrant whose entry can no longer change."""
    if not may_see_media_upload(actor, entry):
        raise PermissionDenied
    award = entry.category.award
    if not can_upload_media(actor, entry, is_open=award.is_open(now())):
        raise ValidationError(
            _(
                "This entry can no longer be changed: the deadline has passed or "
                "it has been submitted. Ask the award's organisers to add the file."
            ),
            code="closed",
        )


def max_bytes() -> int:
    return settings.QALAM_MEDIA_MAX_BYTES


@transaction.atomic
def media_upload_create(
    *, entry: Entry, actor: User, length: int, filename: str, declared_type: str
) -> MediaUpload:
    """Start an upload of `length` bytes of audio or video to `entry`, within
    QALAM_MEDIA_MAX_BYTES; the bytes follow with media_upload_append."""
    require_upload_rights(actor, entry)
    if length <= 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if length > max_bytes():
        raise ValidationError(
            _("The file is too large: video or audio files may be at most %(max)s.")
            % {"max": filesizeformat(max_bytes())},
            code="too_large",
        )
    if not is_media_type(declared_type):
        raise ValidationError(
            _("Only a video or audio file can be uploaded here."), code="file_type"
        )
    upload = MediaUpload(
        id=uuid.uuid4(),
        entry=entry,
        uploaded_by=actor,
        filename=clean_file_name(filename or "", None)[:120],
        declared_type=declared_type.strip().lower()[:100],
        length=length,
        expires_at=now() + UPLOAD_LIFETIME,
    )
    upload.file.name = f"awards/entries/{entry.pk}/media/{upload.id.hex}"
    upload.full_clean()
    upload.s3_upload_id = backend().start(
        name=upload.file.name, content_type=upload.declared_type
    )
    upload.save()
    return upload


def _hold(upload: MediaUpload, offset: int) -> None:
    """Take the upload for one PATCH, if it is at `offset` and nobody holds it."""
    moment = now()
    taken = (
        MediaUpload.objects.filter(pk=upload.pk, offset=offset, completed_at=None)
        .filter(Q(locked_until=None) | Q(locked_until__lt=moment))
        .update(locked_until=moment + HOLD)
    )
    if taken:
        return
    current = MediaUpload.objects.filter(pk=upload.pk).first()
    if current is None:
        raise MediaUpload.DoesNotExist
    if current.offset != offset or current.is_complete:
        raise ValidationError(
            _("The upload is at byte %(offset)s, not %(given)s.")
            % {"offset": current.offset, "given": offset},
            code="offset",
        )
    raise ValidationError(
        _("Another transfer of this file is under way."), code="locked"
    )


class _Renewal:
    """Renews the hold while bytes keep arriving."""

    def __init__(self, upload: MediaUpload):
        self.upload_id = upload.pk
        self.last = now()

    def __call__(self) -> None:
        moment = now()
        if moment - self.last >= RENEW_EVERY:
            MediaUpload.objects.filter(pk=self.upload_id).update(
                locked_until=moment + HOLD
            )
            self.last = moment


def _at_most(chunks: Iterable[bytes], room: int) -> Iterator[bytes]:
    """`chunks`, refused as soon as they pass the `room` left in the file."""
    for chunk in chunks:
        room -= len(chunk)
        if room < 0:
            raise ValidationError(
                _("More bytes were sent than the file's declared size."),
                code="too_long",
            )
        yield chunk


def media_upload_append(
    *,
    upload: MediaUpload,
    actor: User,
    offset: int,
    chunks: Iterable[bytes],
    length: int | None = None,
) -> MediaUpload:
    """Write the bytes of `chunks` at `offset` (which must be the upload's own),
    `length` of them if known. Bytes that arrive before the sender stops are kept,
    so a cut transfer resumes from the offset recorded. The last byte completes the
    upload (media_upload_complete)."""
    require_upload_rights(actor, upload.entry)
    if upload.is_complete or upload.offset != offset:
        raise ValidationError(
            _("The upload is at byte %(offset)s, not %(given)s.")
            % {"offset": upload.offset, "given": offset},
            code="offset",
        )
    if length is not None and offset + length > upload.length:
        raise ValidationError(
            _("More bytes were sent than the file's declared size."),
            code="too_long",
        )
    _hold(upload, offset)
    store = backend()
    try:
        appended = store.append(
            upload, _at_most(chunks, upload.length - offset), _Renewal(upload)
        )
        with transaction.atomic():
            MediaUpload.objects.filter(pk=upload.pk).update(
                offset=appended.offset,
                parts=appended.parts,
                expires_at=now() + UPLOAD_LIFETIME,
            )
    finally:
        MediaUpload.objects.filter(pk=upload.pk).update(locked_until=None)
    store.delete_stale(appended.stale)
    upload.refresh_from_db()
    if upload.offset == upload.length:
        return media_upload_complete(upload=upload)
    return upload


def media_upload_complete(*, upload: MediaUpload) -> MediaUpload:
    """Close a whole upload, check its first bytes are audio or video, and make it
    the entry's file (the one it replaces is deleted, bytes and all). Anything
    else is deleted from storage and refused with the reason."""
    store = backend()
    store.complete(upload)
    content_type = media_type_of(store.head(upload, SNIFF_BYTES))
    if content_type is None:
        upload.completed_at = now()  # the object exists now: discard deletes it
        store.discard(upload)
        MediaUpload.objects.filter(pk=upload.pk).delete()
        raise ValidationError(
            _(
                "“%(name)s” is not a video or audio file we can play (for example "
                "MP4, WebM, MOV, MP3, M4A, OGG, WAV or FLAC); it has been deleted."
            )
            % {"name": upload.filename},
            code="file_type",
        )
    with transaction.atomic():
        entry = Entry.objects.select_for_update().get(pk=upload.entry_id)
        replaced = (
            MediaUpload.objects.filter(pk=entry.media_file_id).first()
            if entry.media_file_id
            else None
        )
        upload.content_type = content_type
        upload.completed_at = now()
        upload.full_clean()
        upload.save(update_fields=["content_type", "completed_at"])
        entry.media_file = upload
        entry.save(update_fields=["media_file", "updated_at"])
        if replaced is not None:
            _delete(replaced)
    return upload


def _delete(upload: MediaUpload) -> None:
    """Delete the row now and its bytes once that is committed."""
    store = backend()
    upload.delete()
    transaction.on_commit(lambda: store.discard(upload))


@transaction.atomic
def media_upload_terminate(*, upload: MediaUpload, actor: User) -> None:
    """End an upload (tus termination): its parts and bytes are deleted, and if it
    was the entry's file the entry no longer has one."""
    require_upload_rights(actor, upload.entry)
    _delete(upload)


@transaction.atomic
def media_uploads_expire() -> int:
    """Delete uploads left unfinished for UPLOAD_LIFETIME (S3 multipart uploads
    aborted, staged bytes deleted); returns how many. Safe to run twice."""
    moment = now()
    stale = list(
        MediaUpload.objects.select_for_update(skip_locked=True)
        .filter(completed_at=None, expires_at__lt=moment)
        .exclude(locked_until__gt=moment)  # a PATCH is streaming into it
    )
    for upload in stale:
        _delete(upload)
    return len(stale)
