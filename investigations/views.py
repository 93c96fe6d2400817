"""HTTP for investigations: each view reads through a selector or writes through a
service. Every workspace URL answers 404 to anyone who is not a current member."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.flash import flash_errors
from accounts.selectors import has_mfa
from investigations import forms, permissions, selectors, services
from investigations.access import member_view, wants_json
from investigations.enums import ActivityVerb


def _errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def _board_url(access) -> str:
    return reverse("investigations:board", args=[access.investigation.codename])


# --- Outside a workspace -------------------------------------------------------------


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
            _errors(form, error)
        else:
            return redirect("investigations:board", investigation.codename)
    return render(request, "investigations/investigation_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    current = selectors.notification_settings_for(user=request.user)
    initial = {
        "language": request.user.preferred_language,
        "email_invited": current.email_invited,
        "email_assigned": current.email_assigned,
        "email_mentioned": current.email_mentioned,
        "email_due_digest": current.email_due_digest,
    }
    form = forms.NotificationSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.notification_settings_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your email settings are saved."))
        return redirect("investigations:notifications")
    return render(request, "investigations/notifications.html", {"form": form})


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


# --- Workspace -----------------------------------------------------------------------


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
            _errors(form, error)
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
    try:
        services.investigation_set_archived(
            actor=request.user, investigation=access.investigation, archived=archive
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("The investigation is archived and read-only.")
            if archive
            else _("The investigation is open again."),
        )
    return redirect("investigations:home", access.investigation.codename)


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
        try:
            services.membership_change_role(
                actor=request.user,
                membership=membership,
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("Role changed."))
    return redirect("investigations:members", access.investigation.codename)


@member_view(permissions.MANAGE_MEMBERS)
@require_POST
def member_remove(request: HttpRequest, access, membership_id: int) -> HttpResponse:
    membership = selectors.member_for(access=access, membership_id=membership_id)
    try:
        services.membership_remove(actor=request.user, membership=membership)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Member removed."))
    return redirect("investigations:members", access.investigation.codename)


@member_view(permissions.MANAGE_MEMBERS)
@require_POST
def invitation_revoke(request: HttpRequest, access, invitation_id: int) -> HttpResponse:
    invitation = selectors.invitation_for(access=access, invitation_id=invitation_id)
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Invitation withdrawn."))
    return redirect("investigations:members", access.investigation.codename)


# --- Board ---------------------------------------------------------------------------


@member_view()
@require_GET
def board(request: HttpRequest, access) -> HttpResponse:
    columns = selectors.board_columns(access=access)
    # The keyboard move buttons need each column's neighbours.
    for i, column in enumerate(columns):
        column.previous_id = columns[i - 1].pk if i > 0 else None
        column.next_id = columns[i + 1].pk if i + 1 < len(columns) else None
    return render(
        request,
        "investigations/board.html",
        {
            "access": access,
            "investigation": access.investigation,
            "columns": columns,
            "column_form": forms.ColumnForm(),
            # Cards link to tasks/<id>/…; built once rather than reversed per card.
            "tasks_url": reverse(
                "investigations:home", args=[access.investigation.codename]
            )
            + "tasks/",
        },
    )


@member_view(permissions.MANAGE_BOARD)
@require_POST
def column_create(request: HttpRequest, access) -> HttpResponse:
    form = forms.ColumnForm(request.POST)
    if form.is_valid():
        services.column_create(
            actor=request.user,
            investigation=access.investigation,
            name=form.cleaned_data["name"],
        )
    return redirect(_board_url(access))


@member_view(permissions.MANAGE_BOARD)
@require_POST
def column_rename(request: HttpRequest, access, column_id: int) -> HttpResponse:
    column = selectors.column_for(access=access, column_id=column_id)
    form = forms.ColumnForm(request.POST)
    if form.is_valid():
        services.column_rename(
            actor=request.user, column=column, name=form.cleaned_data["name"]
        )
    return redirect(_board_url(access))


@member_view(permissions.MANAGE_BOARD)
@require_POST
def column_shift(request: HttpRequest, access, column_id: int) -> HttpResponse:
    column = selectors.column_for(access=access, column_id=column_id)
    offset = 1 if request.POST.get("direction") == "right" else -1
    try:
        services.column_shift(actor=request.user, column=column, offset=offset)
    except ValidationError as error:
        flash_errors(request, error)
    return redirect(_board_url(access))


@member_view(permissions.EDIT_TASKS)
@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest, access) -> HttpResponse:
    columns = selectors.columns_of(access=access)
    default_column = columns[0].pk if columns else None
    form = forms.TaskCreateForm(
        request.POST or None,
        investigation=access.investigation,
        initial={"column": request.GET.get("column", default_column)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        column = selectors.column_for(access=access, column_id=data["column"])
        try:
            task = services.task_create(
                actor=request.user,
                investigation=access.investigation,
                column=column,
                title=data["title"],
                description=data["description"],
                due_date=data["due_date"],
                labels=data["labels"],
                assignees=list(data["assignees"]),
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Task created."))
            return redirect(
                "investigations:task_detail", access.investigation.codename, task.pk
            )
    return render(
        request,
        "investigations/task_form.html",
        {"access": access, "investigation": access.investigation, "form": form},
    )


@member_view()
@require_GET
def task_detail(request: HttpRequest, access, task_id: int) -> HttpResponse:
    task = selectors.task_detail(access=access, task_id=task_id)
    return render(
        request,
        "investigations/task_detail.html",
        {
            "access": access,
            "investigation": access.investigation,
            "task": task,
            "columns": selectors.columns_of(access=access),
            "comment_form": forms.CommentForm(),
            "checklist_form": forms.ChecklistItemForm(),
        },
    )


@member_view(permissions.EDIT_TASKS)
@require_http_methods(["GET", "POST"])
def task_edit(request: HttpRequest, access, task_id: int) -> HttpResponse:
    task = selectors.task_detail(access=access, task_id=task_id)
    form = forms.TaskForm(
        request.POST or None,
        investigation=access.investigation,
        initial={
            "title": task.title,
            "description": task.description,
            "due_date": task.due_date,
            "labels": task.labels,
            "assignees": list(task.assignees.all()),
            "version": task.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.task_update(
                actor=request.user,
                task=task,
                expected_version=data["version"] or 0,
                title=data["title"],
                description=data["description"],
                due_date=data["due_date"],
                labels=data["labels"],
                assignees=list(data["assignees"]),
            )
        except services.StaleTaskError as error:
            flash_errors(request, error)
            return redirect(
                "investigations:task_edit", access.investigation.codename, task.pk
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Task saved."))
            return redirect(
                "investigations:task_detail", access.investigation.codename, task.pk
            )
    return render(
        request,
        "investigations/task_form.html",
        {
            "access": access,
            "investigation": access.investigation,
            "form": form,
            "task": task,
        },
    )


@member_view(permissions.EDIT_TASKS)
@require_POST
def task_move(request: HttpRequest, access, task_id: int) -> HttpResponse:
    """Drag and drop (fetch, JSON) and the move buttons (form, redirect) land here."""
    data = request.POST.copy()
    # The move buttons send "target" as "<column id>:<index>".
    column_id, _sep, index = data.get("target", "").partition(":")
    if column_id and index:
        data["column"], data["index"] = column_id, index
    form = forms.MoveForm(data)
    if not form.is_valid():
        if wants_json(request):
            return JsonResponse({"ok": False, "error": _("Invalid move.")}, status=400)
        messages.error(request, _("Invalid move."))
        return redirect(_board_url(access))
    data = form.cleaned_data
    try:
        task = services.task_move(
            actor=request.user,
            investigation=access.investigation,
            task_id=task_id,
            column_id=data["column"],
            index=data["index"],
            expected_version=data["version"],
        )
    except ValidationError as error:
        status = 409 if isinstance(error, services.StaleTaskError) else 400
        if wants_json(request):
            return JsonResponse(
                {"ok": False, "error": " ".join(error.messages)}, status=status
            )
        flash_errors(request, error)
        return redirect(_board_url(access))
    if wants_json(request):
        return JsonResponse(
            {
                "ok": True,
                "task": task.pk,
                "column": task.column_id,
                "version": task.version,
            }
        )
    messages.success(
        request,
        _("Moved “%(task)s” to %(column)s.")
        % {"task": task.title, "column": task.column.name},
    )
    return redirect(_board_url(access) + f"#task-{task.pk}")


@member_view(permissions.COMMENT)
@require_POST
def comment_create(request: HttpRequest, access, task_id: int) -> HttpResponse:
    task = selectors.task_for(access=access, task_id=task_id)
    form = forms.CommentForm(request.POST)
    if form.is_valid():
        services.comment_create(
            actor=request.user, task=task, body=form.cleaned_data["body"]
        )
    else:
        messages.error(request, _("A comment cannot be empty."))
    return redirect(
        "investigations:task_detail", access.investigation.codename, task.pk
    )


@member_view(permissions.EDIT_TASKS)
@require_POST
def checklist_add(request: HttpRequest, access, task_id: int) -> HttpResponse:
    task = selectors.task_for(access=access, task_id=task_id)
    form = forms.ChecklistItemForm(request.POST)
    if form.is_valid():
        services.checklist_item_add(
            actor=request.user, task=task, text=form.cleaned_data["text"]
        )
    return redirect(
        "investigations:task_detail", access.investigation.codename, task.pk
    )


@member_view(permissions.EDIT_TASKS)
@require_POST
def checklist_toggle(
    request: HttpRequest, access, task_id: int, item_id: int
) -> HttpResponse:
    task = selectors.task_detail(access=access, task_id=task_id)
    item = next((i for i in task.checklist.all() if i.pk == item_id), None)
    if item is None:
        raise Http404
    item.task = task
    services.checklist_item_toggle(actor=request.user, item=item)
    return redirect(
        "investigations:task_detail", access.investigation.codename, task.pk
    )


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
