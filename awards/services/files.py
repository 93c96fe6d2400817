"""Attachments of a draft: checked by their content, stored under a random name."""

import os
import uuid

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from accounts.models import User
from awards.enums import ACCEPTED_MIME_TYPES
from awards.models import Entry, EntryFile
from awards.services._common import lock, require_draft_owner, require_open

SNIFF_BYTES = 8192


def clean_file_name(name: str, extension: str | None = None) -> str:
    """A display name safe anywhere: no path, no control or odd characters, at most
    100 characters, and the extension of the type we detected (or, for messages
    about a refused file, the sanitised extension it came with)."""
    base = os.path.basename(name.replace("\\", "/"))
    stem, given = os.path.splitext(base)
    stem = get_valid_filename(stem.replace("..", "")) if stem.strip(" .") else ""
    stem = stem.lstrip(".-")[:90] or "attachment"
    if extension is None:
        extension = "".join(c for c in given if c.isalnum())[:10].lower()
    return f"{stem}.{extension}" if extension else stem


@transaction.atomic
def entry_file_add(*, entry: Entry, actor: User, upload: UploadedFile) -> EntryFile:
    """Attach a file to a draft: PDF, image or audio by its content, within the
    award's size limit. A refused file leaves the draft and its files as they were."""
    entry = lock(entry)
    require_draft_owner(entry, actor)
    award = entry.category.award
    require_open(award)
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > award.max_file_size:
        raise ValidationError(
            _("“%(name)s” is too large: files may be at most %(max)s MB.")
            % {
                "name": clean_file_name(upload.name or ""),
                "max": award.max_file_size_mb,
            },
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ACCEPTED_MIME_TYPES:
        raise ValidationError(
            _(
                "“%(name)s” is not a PDF, an image (JPEG, PNG, WebP, GIF) or an audio "
                "file (MP3, M4A, OGG, WAV, FLAC)."
            )
            % {"name": clean_file_name(upload.name or "")},
            code="file_type",
        )
    attachment = EntryFile(
        entry=entry,
        storage_name=f"{uuid.uuid4().hex}.{kind.extension}",
        name=clean_file_name(upload.name or "", kind.extension),
        kind=ACCEPTED_MIME_TYPES[kind.mime],
        content_type=kind.mime,
        size=upload.size,
        uploaded_by=actor,
    )
    attachment.file.save(attachment.storage_name, upload, save=False)
    attachment.full_clean()
    attachment.save()
    return attachment


@transaction.atomic
def entry_file_remove(*, attachment: EntryFile, actor: User) -> None:
    """Remove an attachment from a draft, and its bytes from storage after commit."""
    entry = lock(attachment.entry)
    require_draft_owner(entry, actor)
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
