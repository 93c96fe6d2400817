"""What a juror may see of an entry: blind rounds hide who made it.

In a blind round a juror never sees the entrant, co-authors, outlet or
publication links (they name the outlet); attachments are served under neutral
names as cleaned copies: PDFs lose their document properties, XMP, annotations,
forms, attachments, scripts and outlines, images and audio every tag,
thumbnail, picture and profile (see blind_media). A file that cannot be cleaned
is not served at all.
"""

import tempfile
from typing import IO

from django.utils.translation import gettext as _

from awards.jury.blind_media import (
    AUDIO_TYPES,
    COPY_CHUNK,
    IMAGE_FORMATS,
    CannotClean,
    clean_audio,
    clean_image,
    clean_pdf,
)
from awards.models import EntryFile

__all__ = ["CannotClean", "blind_copy", "neutral_name"]

# The extension of each accepted type (mimetypes knows some of them poorly).
EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "image/gif": ".gif",
    "audio/mpeg": ".mp3",
    "audio/mp4": ".m4a",
    "audio/m4a": ".m4a",
    "audio/ogg": ".ogg",
    "audio/x-wav": ".wav",
    "audio/x-flac": ".flac",
}
# Cleaned copies stay in memory up to this size, then in a temporary file.
SPOOL_BYTES = 16 * 1024 * 1024
MAX_PDF_BYTES = 200 * 1024 * 1024


def neutral_name(attachment: EntryFile, number: int) -> str:
    """'attachment-2.pdf': the kind's extension and nothing of the entrant's name."""
    return f"attachment-{number}{EXTENSIONS.get(attachment.content_type, '')}"


def blind_copy(*, attachment: EntryFile) -> IO[bytes]:
    """A cleaned copy of the attachment, rewound, for a juror in a blind round.

    Every accepted type has a cleaner; a file that fails it (damaged, crafted,
    of another type than detected, too large) raises CannotClean with a message
    for the juror instead of being served as it is.
    """
    content_type = attachment.content_type
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    with attachment.file.storage.open(attachment.file.name, "rb") as source:
        if content_type == "application/pdf":
            data = source.read(MAX_PDF_BYTES + 1)
            if len(data) > MAX_PDF_BYTES:
                out.close()
                raise CannotClean(
                    _("This PDF is too large to be cleaned for a blind round.")
                )
            try:
                out.write(clean_pdf(data))
            except CannotClean:
                out.close()
                raise
        else:
            # Cleaners seek, so they work on a local copy, never on the storage.
            with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as local:
                while chunk := source.read(COPY_CHUNK):
                    local.write(chunk)
                local.seek(0)
                try:
                    if content_type in IMAGE_FORMATS:
                        clean_image(local, out, content_type=content_type)
                    elif content_type in AUDIO_TYPES:
                        clean_audio(local, out, content_type=content_type)
                    else:
                        raise CannotClean(
                            _("This kind of file cannot be shown in a blind round.")
                        )
                except CannotClean:
                    out.close()
                    raise
    out.seek(0)
    return out
