"""What a page with an entry's media file and its uploader needs: the file, who may
upload, the endpoint, and the uploader script's messages in the reader's language."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from awards import clock
from awards.models import Entry
from awards.permissions import can_upload_media

# The most one PATCH carries: proxies in front of the site pass it (the operator
# guide asks for 40 MiB), and a cut connection loses little.
CHUNK_BYTES = 32 * 1024 * 1024


def uploader_text() -> dict[str, str]:
    """The messages static/awards/media_upload.js shows; %(…)s are filled there."""
    return {
        "sending": _("Sending: %(percent)s %% (%(sent)s of %(total)s)."),
        "paused": _("Paused at %(percent)s %%. Press Resume to continue."),
        "resuming": _("Continuing the earlier upload where it stopped."),
        "done": _("Uploaded and checked. The page is being reloaded."),
        "failed": _("The upload failed: %(reason)s"),
        "offline": _(
            "The connection was lost. Choose the same file again to continue "
            "where it stopped."
        ),
        "wrong_type": _("Choose a video or audio file."),
        "too_large": _("The file is too large: at most %(max)s."),
        "pending": _(
            "An upload of “%(name)s” stopped at %(percent)s %%. Choose the same "
            "file to continue it."
        ),
        "removing": _("Removing the file…"),
    }


def media_context(request: HttpRequest, entry: Entry) -> dict:
    """The template context of templates/awards/includes/media_file.html."""
    media = entry.media_file if entry.media_file_id else None
    may_upload = can_upload_media(
        request.user, entry, is_open=entry.category.award.is_open(clock.now())
    )
    context = {
        "media_file": media if media is not None and media.is_complete else None,
        "can_upload_media": may_upload,
    }
    if may_upload:
        context.update(
            media_endpoint=request.build_absolute_uri(
                reverse("awards:media_uploads", args=[entry.pk])
            ),
            media_max_bytes=settings.QALAM_MEDIA_MAX_BYTES,
            media_chunk_bytes=CHUNK_BYTES,
            media_text=uploader_text(),
        )
    return context
