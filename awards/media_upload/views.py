"""The tus 1.0.0 server side (core, creation, termination) for an entry's video or
audio file, and the address its file plays from.

`POST entries/<pk>/media/` creates an upload (Upload-Length, Upload-Metadata with
`filename` and `filetype`) and answers its address; `HEAD` there tells the offset,
`PATCH` (application/offset+octet-stream, Upload-Offset) appends, `DELETE` ends it.
The uploader's browser sends Django's CSRF header with POST, PATCH and DELETE: CSRF
protection stays on. Whoever may not upload to the entry gets a 404.
"""

import base64
import binascii
from collections.abc import Iterator

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    UnreadablePostError,
)
from django.urls import reverse
from django.utils.translation import gettext as _

from awards import clock, selectors, services
from awards.media_upload.storage import playback_url
from awards.models import MediaUpload

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,termination"
OFFSET_TYPE = "application/offset+octet-stream"
READ_SIZE = 1024 * 1024
# The answer to each refusal a service gives, by its code.
STATUS_OF_CODE = {
    "closed": 403,
    "offset": 409,
    "too_large": 413,
    "too_long": 413,
    "file_type": 415,
    "locked": 423,
}


def _tus(response: HttpResponse) -> HttpResponse:
    response["Tus-Resumable"] = TUS_VERSION
    response["Cache-Control"] = "no-store"
    return response


def _refusal(status: int, message: str) -> HttpResponse:
    """A refusal whose plain-text body is the message the uploader's page shows."""
    return _tus(HttpResponse(message, status=status, content_type="text/plain"))


def _refused(error: ValidationError) -> HttpResponse:
    return _refusal(STATUS_OF_CODE.get(error.code, 400), " ".join(error.messages))


def _options() -> HttpResponse:
    response = _tus(HttpResponse(status=204))
    response["Tus-Version"] = TUS_VERSION
    response["Tus-Extension"] = TUS_EXTENSIONS
    response["Tus-Max-Size"] = str(services.media_uploads.max_bytes())
    return response


def _wrong_version(request: HttpRequest) -> HttpResponse | None:
    if request.headers.get("Tus-Resumable") == TUS_VERSION:
        return None
    response = _refusal(412, _("Tus-Resumable 1.0.0 is required."))
    response["Tus-Version"] = TUS_VERSION
    return response


def _number(value: str | None) -> int | None:
    """A header's non-negative integer, or None."""
    if value is None or not value.isdigit():
        return None
    return int(value)


def _metadata(header: str) -> dict[str, str]:
    """Upload-Metadata: comma-separated `key base64value` pairs."""
    found = {}
    for pair in header.split(","):
        key, _space, value = pair.strip().partition(" ")
        if not key:
            continue
        try:
            found[key] = base64.b64decode(value, validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            found[key] = ""
    return found


def _body(request: HttpRequest, limit: int) -> Iterator[bytes]:
    """The request's body in chunks, at most `limit` bytes; it ends where the
    sender stopped, so what arrived before a cut is kept."""
    left = limit
    while left > 0:
        try:
            chunk = request.read(min(READ_SIZE, left))
        except (UnreadablePostError, OSError):
            return
        if not chunk:
            return
        left -= len(chunk)
        yield chunk


def uploads(request: HttpRequest, pk: int) -> HttpResponse:
    """tus creation: a new upload to entry `pk` (OPTIONS: what this server does)."""
    entry = selectors.entry_for_media_upload(user=request.user, pk=pk)
    if request.method == "OPTIONS":
        return _options()
    if request.method != "POST":
        return _refusal(405, _("Use POST to start an upload."))
    if refusal := _wrong_version(request):
        return refusal
    length = _number(request.headers.get("Upload-Length"))
    if length is None:
        return _refusal(
            400, _("Upload-Length is required (deferred length is not supported).")
        )
    metadata = _metadata(request.headers.get("Upload-Metadata", ""))
    try:
        upload = services.media_upload_create(
            entry=entry,
            actor=request.user,
            length=length,
            filename=metadata.get("filename", ""),
            declared_type=metadata.get("filetype", ""),
        )
    except PermissionDenied as denied:
        raise Http404 from denied
    except ValidationError as error:
        return _refused(error)
    response = _tus(HttpResponse(status=201))
    response["Location"] = request.build_absolute_uri(
        reverse("awards:media_upload", args=[upload.pk])
    )
    return response


def upload(request: HttpRequest, upload_id: str) -> HttpResponse:
    """tus core and termination on one upload: HEAD, PATCH, DELETE, OPTIONS."""
    upload = selectors.media_upload_for_user(user=request.user, upload_id=upload_id)
    if request.method == "OPTIONS":
        return _options()
    if refusal := _wrong_version(request):
        return refusal
    if request.method == "DELETE":
        try:
            services.media_upload_terminate(upload=upload, actor=request.user)
        except ValidationError as error:
            return _refused(error)
        return _tus(HttpResponse(status=204))
    if request.method not in ("HEAD", "PATCH"):
        return _refusal(405, _("Use HEAD, PATCH or DELETE."))
    if not upload.is_complete and upload.expires_at < clock.now():
        return _refusal(
            410, _("This upload has expired: choose the file again to start over.")
        )
    if request.method == "HEAD":
        return _offset(upload)
    if request.content_type != OFFSET_TYPE:
        return _refusal(
            415, _("Content-Type must be %(type)s.") % {"type": OFFSET_TYPE}
        )
    offset = _number(request.headers.get("Upload-Offset"))
    if offset is None:
        return _refusal(400, _("Upload-Offset is required."))
    size = _number(request.headers.get("Content-Length")) or 0
    try:
        upload = services.media_upload_append(
            upload=upload,
            actor=request.user,
            offset=offset,
            length=size,
            chunks=_body(request, size),
        )
    except MediaUpload.DoesNotExist as gone:
        raise Http404 from gone
    except PermissionDenied as denied:
        raise Http404 from denied
    except ValidationError as error:
        return _refused(error)
    return _offset(upload, status=204)


def _offset(upload: MediaUpload, status: int = 200) -> HttpResponse:
    response = _tus(HttpResponse(status=status))
    response["Upload-Offset"] = str(upload.offset)
    response["Upload-Length"] = str(upload.length)
    return response


def play(request: HttpRequest, pk: int) -> HttpResponse:
    """Entry `pk`'s video or audio file for whoever may play it (everyone once
    it has a public prize): streamed from the file system, or a redirect to a
    presigned S3 URL made for this request."""
    media = selectors.media_for_viewer(user=request.user, entry_id=pk)
    url = playback_url(media)
    if url:
        response = HttpResponseRedirect(url)
    else:
        response = FileResponse(
            media.file.storage.open(media.file.name, "rb"),
            content_type=media.content_type,
        )
    response["Cache-Control"] = "private, max-age=300"
    return response
