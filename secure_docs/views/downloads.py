"""Downloads: plaintext decrypted by the server, or the stored ciphertext for
members who hold their own key. Every one is logged."""

import itertools

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from investigations.access import member_view
from secure_docs import crypto, selectors, services, storage
from secure_docs.enums import AccessMode
from secure_docs.uploads import UploadRefused
from secure_docs.views._common import StreamBody, access_log_record, version_of


@never_cache
@member_view()
@require_GET
def version_download(
    request: HttpRequest, access, document_id: int, version_id: int
) -> HttpResponse:
    document, version = version_of(access, document_id, version_id)
    access_log_record(
        request, document=document, version=version, mode=AccessMode.DOWNLOAD
    )
    chunks = services.version_plaintext(version=version)
    try:
        # Small files are verified completely before their first byte is sent.
        first = next(chunks)
    except crypto.SourceUnavailable as error:
        return render(
            request,
            "secure_docs/upload_refused.html",
            {
                "access": access,
                "investigation": access.investigation,
                "error": UploadRefused(str(error), status=503),
                "heading": _("Download failed"),
            },
            status=503,
        )
    except (crypto.IntegrityFailure, StopIteration) as error:
        return render(
            request,
            "secure_docs/integrity_failure.html",
            {
                "access": access,
                "investigation": access.investigation,
                "document": document,
                "version": version,
                "error": error,
            },
            status=502,
        )
    response = StreamingHttpResponse(
        StreamBody(itertools.chain([first], chunks), chunks.close),
        content_type=version.content_type,
    )
    response["Content-Length"] = str(version.size)
    response["Content-Disposition"] = content_disposition_header(
        True, version.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@member_view()
@require_GET
def version_ciphertext(
    request: HttpRequest, access, document_id: int, version_id: int
) -> HttpResponse:
    document, version = version_of(access, document_id, version_id)
    key = selectors.personal_key_of(user=request.user)
    if key is None or key.fingerprint not in version.recipients:
        raise PermissionDenied(_("This version is not encrypted to your personal key."))
    access_log_record(
        request, document=document, version=version, mode=AccessMode.CIPHERTEXT
    )
    source = storage.open_stream(version.storage_name)
    chunks = iter(lambda: source.read(crypto.CHUNK_SIZE), b"")
    response = StreamingHttpResponse(
        StreamBody(chunks, source.close), content_type="application/pgp-encrypted"
    )
    response["Content-Disposition"] = content_disposition_header(
        True, version.original_name + ".gpg"
    )
    return response
