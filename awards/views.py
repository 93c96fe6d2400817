"""Entrants' pages: my entries, drafts, attachments, co-authors, submit, withdraw;
prize certificates' PDFs and their public verification page."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
)
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts import services as account_services
from accounts.flash import flash_errors
from awards import certificates, clock, selectors, services
from awards.forms import AttachmentForm, CoAuthorForm, EntryForm
from awards.jury.selectors import feedback
from awards.media_upload.page import media_context
from awards.models import Award, Entry
from awards.permissions import can_edit_entry, can_withdraw_entry, is_owner


@login_required
def my_entries(request: HttpRequest) -> HttpResponse:
    entries = selectors.with_standing(
        selectors.entries_for_user(user=request.user), now=clock.now()
    )
    return render(
        request,
        "awards/my_entries.html",
        {
            "entries": entries,
            "open_awards": selectors.awards_open(now=clock.now()),
        },
    )


@login_required
def entry_create(request: HttpRequest, award_slug: str) -> HttpResponse:
    award = selectors.award_by_slug(slug=award_slug)
    form = EntryForm(request.POST or None, award=award)
    return _draft_form(
        request,
        form,
        award=award,
        save=lambda data: services.entry_create(owner=request.user, **data),
    )


def _draft_form(
    request: HttpRequest,
    form: EntryForm,
    *,
    award: Award,
    save: Callable[[dict], Entry],
    entry: Entry | None = None,
) -> HttpResponse:
    """The draft's form; a valid POST is saved by `save` and leads to the entry, a
    refusal shows the form again with its reasons."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("Your draft has been saved."))
            return redirect("awards:entry_detail", pk=saved.pk)
    context = {
        "form": form,
        "award": award,
        "is_open": award.is_open(clock.now()),
        "categories": selectors.categories_for_award(award=award),
    }
    if entry is not None:
        context["entry"] = entry
    return render(request, "awards/entry_form.html", context)


def _entry_for_owner(request: HttpRequest, pk: int) -> Entry:
    entry = selectors.entry_for_user(user=request.user, pk=pk)
    if not is_owner(request.user, entry):
        raise PermissionDenied
    return entry


@login_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.entry_for_user(user=request.user, pk=pk)
    now = clock.now()
    selectors.with_standing([entry], now=now)
    award = entry.category.award
    can_edit = can_edit_entry(request.user, entry)
    return render(
        request,
        "awards/entry_detail.html",
        {
            "entry": entry,
            "award": award,
            "is_open": award.is_open(now),
            "can_edit": can_edit,
            "can_withdraw": can_withdraw_entry(request.user, entry),
            "attachment_form": AttachmentForm() if can_edit else None,
            "co_author_form": CoAuthorForm() if can_edit else None,
            "reasons": selectors.entry_reasons(entry),
            "feedback": feedback.feedback_for_entrant(entry=entry, now=now),
            "certificates": selectors.certificates_for_author(
                user=request.user, entry_id=entry.pk, now=now
            ),
            **media_context(request, entry),
        },
    )


@login_required
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry_for_owner(request, pk)
    award = entry.category.award
    if not can_edit_entry(request.user, entry):
        messages.error(
            request, _("This entry has been submitted and can no longer be changed.")
        )
        return redirect("awards:entry_detail", pk=entry.pk)
    form = EntryForm(
        request.POST or None, award=award, initial=EntryForm.initial_for(entry)
    )
    return _draft_form(
        request,
        form,
        award=award,
        entry=entry,
        save=lambda data: services.entry_update(
            entry=entry, actor=request.user, **data
        ),
    )


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry_for_owner(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("awards:entry_detail", pk=entry.pk)
    try:
        attachment = services.entry_file_add(
            entry=entry, actor=request.user, upload=form.cleaned_data["file"]
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request, _("“%(name)s” is attached.") % {"name": attachment.name}
        )
    return redirect("awards:entry_detail", pk=entry.pk)


@login_required
@require_POST
def attachment_remove(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    entry = _entry_for_owner(request, pk)
    attachment = next((f for f in entry.files.all() if f.pk == file_pk), None)
    if attachment is None:
        raise Http404
    try:
        services.entry_file_remove(attachment=attachment, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("awards:entry_detail", pk=entry.pk)


@login_required
def attachment_download(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    entry = selectors.entry_for_user(user=request.user, pk=pk)
    attachment = next((f for f in entry.files.all() if f.pk == file_pk), None)
    if attachment is None:
        raise Http404
    return FileResponse(
        attachment.file.storage.open(attachment.file.name, "rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )


@login_required
@require_POST
def co_author_add(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry_for_owner(request, pk)
    form = CoAuthorForm(request.POST)
    if form.is_valid():
        try:
            services.entry_co_author_add(
                entry=entry, actor=request.user, email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(
                request,
                _("We have emailed %(email)s.") % {"email": form.cleaned_data["email"]},
            )
    else:
        messages.error(request, _("Enter a valid email address."))
    return redirect("awards:entry_detail", pk=entry.pk)


@login_required
@require_POST
def co_author_remove(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    entry = _entry_for_owner(request, pk)
    try:
        services.entry_co_author_remove(
            entry=entry, actor=request.user, user_id=user_pk
        )
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("awards:entry_detail", pk=entry.pk)


@login_required
@require_POST
def entry_submit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry_for_owner(request, pk)
    try:
        entry = services.entry_submit(
            entry=entry, actor=request.user, language=get_language()
        )
    except ValidationError as error:
        messages.error(request, _("The entry was not submitted:"))
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("Submitted. Your reference number is %(reference)s.")
            % {"reference": entry.reference},
        )
    return redirect("awards:entry_detail", pk=entry.pk)


@login_required
@require_POST
def entry_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry_for_owner(request, pk)
    try:
        services.entry_withdraw(entry=entry, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Your entry has been withdrawn."))
    return redirect("awards:entry_detail", pk=entry.pk)


@login_required
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    invite = selectors.invitation_by_token(token=token)
    if invite is None:
        raise Http404
    if request.method == "POST":
        try:
            entry = services.invitation_accept(token=token, user=request.user)
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("You are now a co-author of this entry."))
            return redirect("awards:entry_detail", pk=entry.pk)
    return render(request, "awards/invitation.html", {"invitation": invite})


def certificate_download(request: HttpRequest, code: str) -> HttpResponse:
    """A certificate's PDF, for its entry's authors once the results are public
    and for its award's organisers; 404 for everyone else, signed in or not."""
    from awards.certificate_pdf import certificate_pdf  # WeasyPrint: slow import

    certificate = selectors.certificate_for_download(user=request.user, code=code)
    return HttpResponse(
        certificate_pdf(certificate),
        content_type="application/pdf",
        headers={
            "Content-Disposition": content_disposition_header(
                True, certificates.certificate_filename(certificate)
            )
        },
    )


def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """The public check of a certificate: valid (200), revoked because its prize
    was withdrawn (410 Gone), or unknown, perhaps forged (404; so is a real one
    until its award's results are public)."""
    certificate = selectors.certificate_for_verification(code=code)
    if certificate is None:
        return render(
            request,
            "awards/certificate_unknown.html",
            {"code": code[:64]},
            status=404,
        )
    return render(
        request,
        "awards/certificate_verify.html",
        certificates.certificate_facts(certificate),
        status=410 if certificate.is_revoked else 200,
    )


@csrf_exempt  # The signed token is the credential; mail programs POST (RFC 8058).
def broadcast_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe from organisers' broadcasts, without signing in: GET
    asks to confirm (and changes nothing), POST unsubscribes. A bad or tampered
    link says so (400)."""
    from awards.broadcast_mail import user_of_token

    user = user_of_token(token)
    if user is None:
        return render(request, "awards/broadcast_unsubscribe.html", {}, status=400)
    done = False
    if request.method == "POST":
        account_services.user_broadcasts_unsubscribe(user=user)
        done = True
    elif request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "awards/broadcast_unsubscribe.html",
        {"valid": True, "done": done, "email": user.email},
    )
