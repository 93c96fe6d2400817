"""Keys: a member's personal public key, and rotating the workspace key."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.flash import form_errors
from investigations.access import member_view
from secure_docs import forms, permissions, selectors, services


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
                form_errors(form, error)
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
