"""Workspaces: the list, a new one, its home page, settings, archive and activity."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.flash import call_and_flash, form_errors
from accounts.selectors import has_mfa
from investigations import forms, permissions, selectors, services
from investigations.access import member_view
from investigations.enums import ActivityVerb


@login_required
@require_GET
def mfa_required(request: HttpRequest) -> HttpResponse:
    """Asks the member to turn on two-factor authentication; names no workspace."""
    return render(request, "investigations/mfa_required.html")


@login_required
@require_GET
def investigation_list(request: HttpRequest) -> HttpResponse:
    # Without a second factor the list shows nothing but the prompt: titles are
    # content.
    if not has_mfa(request.user):
        return render(request, "investigations/mfa_required.html")
    investigations = list(selectors.investigations_for_user(user=request.user))
    roles = selectors.roles_by_investigation(
        user=request.user, investigation_ids=[i.pk for i in investigations]
    )
    for investigation in investigations:
        investigation.my_role = roles.get(investigation.pk)
    return render(
        request,
        "investigations/investigation_list.html",
        {"investigations": investigations},
    )


@login_required
@require_http_methods(["GET", "POST"])
def investigation_create(request: HttpRequest) -> HttpResponse:
    form = forms.InvestigationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            investigation = services.investigation_create(
                actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            return redirect("investigations:board", investigation.codename)
    return render(request, "investigations/investigation_form.html", {"form": form})


@member_view()
@require_GET
def workspace_home(request: HttpRequest, access) -> HttpResponse:
    return render(
        request,
        "investigations/workspace_home.html",
        {
            "access": access,
            "investigation": access.investigation,
            "members": selectors.members_of(access=access),
            "events": selectors.activity_feed(access=access)[:10],
        },
    )


@member_view(permissions.CHANGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def workspace_settings(request: HttpRequest, access) -> HttpResponse:
    investigation = access.investigation
    form = forms.InvestigationSettingsForm(
        request.POST or None,
        initial={
            "title": investigation.title,
            "summary": investigation.summary,
            "countries": list(investigation.countries),
            "idle_timeout_minutes": investigation.idle_timeout_minutes,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.investigation_update(
                actor=request.user, investigation=investigation, **form.cleaned_data
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Settings saved."))
            return redirect("investigations:home", investigation.codename)
    return render(
        request,
        "investigations/settings.html",
        {"access": access, "investigation": investigation, "form": form},
    )


@member_view(permissions.ARCHIVE)
@require_POST
def workspace_archive(request: HttpRequest, access) -> HttpResponse:
    archive = not access.investigation.is_archived
    call_and_flash(
        request,
        lambda: services.investigation_set_archived(
            actor=request.user, investigation=access.investigation, archived=archive
        ),
        _("The investigation is archived and read-only.")
        if archive
        else _("The investigation is open again."),
    )
    return redirect("investigations:home", access.investigation.codename)


@member_view()
@require_GET
def activity(request: HttpRequest, access) -> HttpResponse:
    members = selectors.members_of(access=access)
    form = forms.ActivityFilterForm(
        request.GET or None, verbs=ActivityVerb.choices, members=members
    )
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.activity_feed(
        access=access,
        verb=filters.get("verb") or "",
        actor_id=filters.get("actor"),
        task_id=filters.get("task"),
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "investigations/activity.html",
        {
            "access": access,
            "investigation": access.investigation,
            "form": form,
            "page": page,
        },
    )
