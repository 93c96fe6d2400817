"""Documents: the list, uploads (encrypted as they arrive), details, notes, the
access log, restoring and deleting."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.flash import flash_errors, form_errors
from investigations.access import member_view
from secure_docs import forms, permissions, selectors, services
from secure_docs.enums import AccessMode
from secure_docs.uploads import EncryptedUpload, EncryptingUploadHandler, UploadRefused
from secure_docs.views._common import access_log_record, page_of, version_of


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


def _duplicate_warning(request: HttpRequest, version) -> None:
    """Say so when the file uploaded is already here (the same SHA-256)."""
    same = selectors.duplicates_of(version=version) if version else []
    if same:
        names = ", ".join(f"“{v.document.title}” v{v.number}" for v in same[:5])
        messages.warning(
            request,
            _("The same file (identical SHA-256) is already here: %(names)s.")
            % {"names": names},
        )


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
        "page": page_of(request, selectors.documents_for(access=access)),
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
                form_errors(form, error)
            else:
                messages.success(request, _("The document is encrypted and stored."))
                _expired_warning(request, recipients)
                _duplicate_warning(request, document.versions.first())
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
    access_log_record(
        request,
        document=document,
        version=versions[0] if versions else None,
        mode=AccessMode.VIEW,
    )
    key = selectors.personal_key_of(user=request.user)
    units = selectors.units_of_versions(versions=versions)
    duplicates = selectors.duplicates_of_versions(versions=versions)
    for version in versions:
        version.has_my_key = key is not None and key.fingerprint in version.recipients
        version.unit = units.get(version.pk)
        version.problems = (
            selectors.problems_of(unit=version.unit) if version.unit else []
        )
        version.duplicates = duplicates.get(version.pk, [])
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
            _duplicate_warning(request, version)
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
            "page": page_of(request, selectors.access_log_of(document=document)),
        },
    )


@member_view(permissions.MANAGE)
@require_POST
def version_restore(
    request: HttpRequest, access, document_id: int, version_id: int
) -> HttpResponse:
    document, version = version_of(access, document_id, version_id)
    restored = services.version_restore(
        actor=request.user, document=document, version=version
    )
    messages.success(
        request,
        _("Version %(old)s is restored as version %(new)s.")
        % {"old": version.number, "new": restored.number},
    )
    return redirect("secure_docs:detail", access.investigation.codename, document.pk)
