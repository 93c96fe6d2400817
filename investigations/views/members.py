"""Members and invitations: the members page, inviting, roles, accepting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.flash import call_and_flash, flash_errors
from accounts.selectors import has_mfa
from investigations import forms, permissions, selectors, services
from investigations.access import member_view


@member_view()
@require_GET
def members(request: HttpRequest, access) -> HttpResponse:
    return render(
        request,
        "investigations/members.html",
        {
            "access": access,
            "investigation": access.investigation,
            "members": selectors.members_of(access=access),
            "invitations": selectors.pending_invitations(access=access),
            "invite_form": forms.InvitationForm(initial={"language": get_language()}),
            "role_choices": forms.RoleForm().fields["role"].choices,
        },
    )


@member_view(permissions.MANAGE_MEMBERS)
@require_POST
def member_invite(request: HttpRequest, access) -> HttpResponse:
    form = forms.InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation, _token = services.invitation_create(
                actor=request.user,
                investigation=access.investigation,
                **form.cleaned_data,
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": invitation.email},
            )
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("investigations:members", access.investigation.codename)


@member_view(permissions.MANAGE_MEMBERS)
@require_POST
def member_role(request: HttpRequest, access, membership_id: int) -> HttpResponse:
    membership = selectors.member_for(access=access, membership_id=membership_id)
    form = forms.RoleForm(request.POST)
    if form.is_valid():
        call_and_flash(
            request,
            lambda: services.membership_change_role(
                actor=request.user,
                membership=membership,
                role=form.cleaned_data["role"],
            ),
            _("Role changed."),
        )
    return redirect("investigations:members", access.investigation.codename)


@member_view(permissions.MANAGE_MEMBERS)
@require_POST
def member_remove(request: HttpRequest, access, membership_id: int) -> HttpResponse:
    membership = selectors.member_for(access=access, membership_id=membership_id)
    call_and_flash(
        request,
        lambda: services.membership_remove(actor=request.user, membership=membership),
        _("Member removed."),
    )
    return redirect("investigations:members", access.investigation.codename)


@member_view(permissions.MANAGE_MEMBERS)
@require_POST
def invitation_revoke(request: HttpRequest, access, invitation_id: int) -> HttpResponse:
    invitation = selectors.invitation_for(access=access, invitation_id=invitation_id)
    call_and_flash(
        request,
        lambda: services.invitation_revoke(actor=request.user, invitation=invitation),
        _("Invitation withdrawn."),
    )
    return redirect("investigations:members", access.investigation.codename)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_from_token(token=token)
    except ValidationError as error:
        return render(
            request,
            "investigations/invitation_accept.html",
            {"error": error.messages[0]},
            status=410,
        )
    if request.method == "POST":
        try:
            membership = services.invitation_accept(
                user=request.user, token=token, language=get_language()
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("Welcome to the investigation."))
            return redirect("investigations:board", membership.investigation.codename)
    return render(
        request,
        "investigations/invitation_accept.html",
        {
            "invitation": invitation,
            "has_mfa": has_mfa(request.user),
            "email_matches": request.user.email.lower() == invitation.email.lower(),
        },
    )
