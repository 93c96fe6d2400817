"""HTTP for secure documents. Every workspace URL answers 404 to non-members
(investigations.access.member_view), and every view or download is logged."""

import contextlib
import itertools

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.flash import flash_errors
from investigations.access import member_view
from secure_docs import crypto, forms, permissions, selectors, services, storage
from secure_docs.enums import AccessMode
from secure_docs.uploads import EncryptedUpload, EncryptingUploadHandler, UploadRefused

PAGE_SIZE = 25


def _ip(request: HttpRequest) -> str | None:
    # The same client address allauth rate-limits by (honours its proxy settings).
    return get_adapter(request).get_client_ip(request) or None


class _Stream:
    """A response body that releases its source (a gpg process, a storage
    stream) when Django closes the response, read to the end or not."""

    def __init__(self, chunks, close):
        self._chunks = chunks
        self._close = close

    def __iter__(self):
        yield from self._chunks

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._close()


def _page(request: HttpRequest, items):
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


# --- Personal key ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def personal_key(request: HttpRequest) -> HttpResponse:
    form = forms.PersonalKeyForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.personal_key_register(
                    user=request.user, key_text=form.cleaned_data["key"]
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Your public key is registered."))
                return redirect("secure_docs:personal_key")
        status = 400
    return render(
        request,
        "secure_docs/personal_key.html",
        {"form": form, "key": selectors.personal_key_of(user=request.user)},
        status=status,
    )


@login_required
@require_POST
def personal_key_delete(request: HttpRequest) -> HttpResponse:
    services.personal_key_delete(user=request.user)
    messages.success(request, _("Your public key was removed."))
    return redirect("secure_docs:personal_key")


# --- Documents ------------------------------------------------------------------------


def _upload_handler(
    request: HttpRequest, access
) -> tuple[EncryptingUploadHandler, services.Recipients]:
    recipients = services.recipients_for(investigation=access.investigation)
    used = selectors.storage_used(investigation=access.investigation)
    return EncryptingUploadHandler(
        request,
        investigation_id=access.investigation.pk,
        public_keys=recipients.public_keys,
        fingerprints=recipients.fingerprints,
        max_size=settings.SECURE_DOCS_MAX_FILE_SIZE,
        quota_left=settings.SECURE_DOCS_WORKSPACE_QUOTA - used,
    ), recipients


def _secure_upload(view):
    """Read the request through the encrypting handler; clean up what is unused.

    csrf_exempt outside, csrf_protect inside (Django's pattern for per-view upload
    handlers): the CSRF check reads the body, so the handler must be in place first.
    """
    protected = csrf_protect(view)

    def wrapper(request: HttpRequest, access, *args, **kwargs):
        if request.method == "POST":
            access.require(permissions.UPLOAD)
            handler, recipients = _upload_handler(request, access)
            request.upload_handlers = [handler]
            kwargs["recipients"] = recipients
        try:
            return protected(request, access, *args, **kwargs)
        except UploadRefused as error:
            return render(
                request,
                "secure_docs/upload_refused.html",
                {
                    "access": access,
                    "investigation": access.investigation,
                    "error": error,
                },
                status=error.status,
            )
        finally:
            files = getattr(request, "_files", None)
            for upload in files.values() if files is not None else ():
                if isinstance(upload, EncryptedUpload):
                    upload.discard()

    return wrapper


def _expired_warning(request: HttpRequest, recipients) -> None:
    if recipients is not None and recipients.expired:
        names = ", ".join(str(key.user) for key in recipients.expired)
        messages.warning(
            request,
            _(
                "Not encrypted to these members' personal keys, which have expired: "
                "%(names)s. They can still download through Qalam."
            )
            % {"names": names},
        )


@member_view()
@require_GET
def document_list(request: HttpRequest, access) -> HttpResponse:
    investigation = access.investigation
    context = {
        "access": access,
        "investigation": investigation,
        "page": _page(request, selectors.documents_for(access=access)),
        "can_upload": permissions.can_upload(access),
        "can_audit": permissions.can_audit(access),
    }
    if permissions.can_audit(access):
        context["job"] = selectors.latest_job(investigation=investigation)
        context["alerts"] = selectors.open_alerts(investigation=investigation)
        context["expired_keys"] = selectors.member_keys(investigation=investigation)[1]
        context["workspace_key"] = selectors.active_workspace_key(
            investigation=investigation
        )
    return render(request, "secure_docs/document_list.html", context)


@csrf_exempt
@member_view()
@require_http_methods(["GET", "POST"])
@_secure_upload
def document_upload(request: HttpRequest, access, recipients=None) -> HttpResponse:
    access.require(permissions.UPLOAD)
    investigation = access.investigation
    form = forms.DocumentForm(request.POST or None, investigation=investigation)
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            form.add_error(None, _("Choose a file to upload."))
        elif form.is_valid():
            try:
                document = services.document_create(
                    actor=request.user,
                    investigation=investigation,
                    upload=upload,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("The document is encrypted and stored."))
                _expired_warning(request, recipients)
                return redirect(
                    "secure_docs:detail", investigation.codename, document.pk
                )
        status = 400
    return render(
        request,
        "secure_docs/document_upload.html",
        {
            "access": access,
            "investigation": investigation,
            "form": form,
            "max_size": settings.SECURE_DOCS_MAX_FILE_SIZE,
        },
        status=status,
    )


@member_view()
@require_GET
def document_detail(request: HttpRequest, access, document_id: int) -> HttpResponse:
    document = selectors.document_for(access=access, document_id=document_id)
    versions = selectors.versions_of(document=document)
    services.access_record(
        user=request.user,
        document=document,
        version=versions[0] if versions else None,
        mode=AccessMode.VIEW,
        ip_address=_ip(request),
    )
    key = selectors.personal_key_of(user=request.user)
    for version in versions:
        version.has_my_key = key is not None and key.fingerprint in version.recipients
    return render(
        request,
        "secure_docs/document_detail.html",
        {
            "access": access,
            "investigation": access.investigation,
            "document": document,
            "versions": versions,
            "notes": selectors.notes_of(document=document),
            "note_form": forms.NoteForm(),
            "can_upload": permissions.can_upload(access),
            "can_manage": permissions.can_manage(access),
            "can_note": access.can(permissions.NOTE),
            "can_audit": permissions.can_audit(access),
            "log": selectors.access_log_of(document=document)[:10]
            if permissions.can_audit(access)
            else [],
        },
    )


@csrf_exempt
@member_view(permissions.UPLOAD)
@require_POST
@_secure_upload
def version_upload(
    request: HttpRequest, access, document_id: int, recipients=None
) -> HttpResponse:
    document = selectors.document_for(access=access, document_id=document_id)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to upload."))
    else:
        try:
            version = services.version_add(
                actor=request.user, document=document, upload=upload
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(
                request,
                _("Version %(number)s is encrypted and stored.")
                % {"number": version.number},
            )
            _expired_warning(request, recipients)
    return redirect("secure_docs:detail", access.investigation.codename, document.pk)


@member_view(permissions.NOTE)
@require_POST
def note_create(request: HttpRequest, access, document_id: int) -> HttpResponse:
    document = selectors.document_for(access=access, document_id=document_id)
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_create(
                actor=request.user, document=document, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            flash_errors(request, error)
    else:
        messages.error(request, _("Write a note first."))
    return redirect("secure_docs:detail", access.investigation.codename, document.pk)


@member_view(permissions.MANAGE)
@require_POST
def document_delete(request: HttpRequest, access, document_id: int) -> HttpResponse:
    document = selectors.document_for(access=access, document_id=document_id)
    services.document_delete(actor=request.user, document=document)
    messages.success(request, _("The document and all its versions were deleted."))
    return redirect("secure_docs:list", access.investigation.codename)


@member_view(permissions.AUDIT)
@require_GET
def access_log(request: HttpRequest, access, document_id: int) -> HttpResponse:
    document = selectors.document_for(access=access, document_id=document_id)
    return render(
        request,
        "secure_docs/access_log.html",
        {
            "access": access,
            "investigation": access.investigation,
            "document": document,
            "page": _page(request, selectors.access_log_of(document=document)),
        },
    )


@member_view(permissions.MANAGE)
@require_POST
def version_restore(
    request: HttpRequest, access, document_id: int, version_id: int
) -> HttpResponse:
    document = selectors.document_for(access=access, document_id=document_id)
    version = selectors.version_for(document=document, version_id=version_id)
    restored = services.version_restore(
        actor=request.user, document=document, version=version
    )
    messages.success(
        request,
        _("Version %(old)s is restored as version %(new)s.")
        % {"old": version.number, "new": restored.number},
    )
    return redirect("secure_docs:detail", access.investigation.codename, document.pk)


@never_cache
@member_view()
@require_GET
def version_download(
    request: HttpRequest, access, document_id: int, version_id: int
) -> HttpResponse:
    document = selectors.document_for(access=access, document_id=document_id)
    version = selectors.version_for(document=document, version_id=version_id)
    services.access_record(
        user=request.user,
        document=document,
        version=version,
        mode=AccessMode.DOWNLOAD,
        ip_address=_ip(request),
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
        _Stream(itertools.chain([first], chunks), chunks.close),
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
    document = selectors.document_for(access=access, document_id=document_id)
    version = selectors.version_for(document=document, version_id=version_id)
    key = selectors.personal_key_of(user=request.user)
    if key is None or key.fingerprint not in version.recipients:
        raise PermissionDenied(_("This version is not encrypted to your personal key."))
    services.access_record(
        user=request.user,
        document=document,
        version=version,
        mode=AccessMode.CIPHERTEXT,
        ip_address=_ip(request),
    )
    source = storage.open_stream(version.storage_name)
    chunks = iter(lambda: source.read(crypto.CHUNK_SIZE), b"")
    response = StreamingHttpResponse(
        _Stream(chunks, source.close), content_type="application/pgp-encrypted"
    )
    response["Content-Disposition"] = content_disposition_header(
        True, version.original_name + ".gpg"
    )
    return response


@member_view(permissions.ROTATE_KEY)
@require_POST
def workspace_key_rotate(request: HttpRequest, access) -> HttpResponse:
    key = services.workspace_key_rotate(
        actor=request.user, investigation=access.investigation
    )
    messages.success(
        request,
        _(
            "The new workspace key is %(fingerprint)s. Every version is being "
            "re-encrypted to it; the progress is shown below."
        )
        % {"fingerprint": key.fingerprint},
    )
    return redirect("secure_docs:list", access.investigation.codename)
