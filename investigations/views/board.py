"""The board: columns, task cards (with drag and drop), comments and checklists."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.flash import flash_errors, form_errors
from investigations import forms, permissions, selectors, services
from investigations.access import member_view, wants_json


def _board_url(access, shown: dict[int, int] | None = None) -> str:
    """The board's address; `shown` keeps the columns the member made longer."""
    url = reverse("investigations:board", args=[access.investigation.codename])
    return url + _show_query(shown) if shown else url


def _show_query(shown: dict[int, int]) -> str:
    """The `?show=<column>:<count>` query string of the columns in `shown`."""
    pairs = [("show", f"{column}:{count}") for column, count in sorted(shown.items())]
    return "?" + urlencode(pairs) if pairs else ""


@member_view()
@require_GET
def board(request: HttpRequest, access) -> HttpResponse:
    columns = selectors.board_columns(
        access=access, shown=forms.board_shown(request.GET.getlist("show"))
    )
    page = selectors.BOARD_PAGE
    longer = {column.pk: column.shown for column in columns if column.shown > page}
    for column in columns:
        hidden = column.task_count - len(column.cards)
        if hidden > 0:
            column.more_count = min(hidden, page)
            # Lands on the last card seen, the next ones below it.
            column.more_url = (
                _show_query({**longer, column.pk: column.shown + page})
                + f"#task-{column.cards[-1].pk}"
            )
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


def _task_fields(data: dict) -> dict:
    """The card's fields of a task form's cleaned data, as the services take them."""
    return {
        "title": data["title"],
        "description": data["description"],
        "due_date": data["due_date"],
        "labels": data["labels"],
        "assignees": list(data["assignees"]),
    }


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
                **_task_fields(data),
            )
        except ValidationError as error:
            form_errors(form, error)
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
    columns = selectors.columns_of(access=access)
    context = {
        "access": access,
        "investigation": access.investigation,
        "task": task,
        "columns": columns,
        "comment_form": forms.CommentForm(),
        "checklist_form": forms.ChecklistItemForm(),
    }
    if access.can_edit_tasks:
        # The move buttons, the way to move a card without JavaScript.
        index, count = selectors.card_place(task=task)
        at = next(i for i, column in enumerate(columns) if column.pk == task.column_id)
        context["moves"] = {
            "up": index - 1 if index > 0 else None,
            "down": index + 1 if index + 1 < count else None,
            "previous": columns[at - 1].pk if at > 0 else None,
            "next": columns[at + 1].pk if at + 1 < len(columns) else None,
        }
    return render(request, "investigations/task_detail.html", context)


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
                **_task_fields(data),
            )
        except services.StaleTaskError as error:
            flash_errors(request, error)
            return redirect(
                "investigations:task_edit", access.investigation.codename, task.pk
            )
        except ValidationError as error:
            form_errors(form, error)
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
    # The board opens on the moved card, its column long enough to show it.
    page = selectors.BOARD_PAGE
    index, _count = selectors.card_place(task=task)
    needed = (index // page + 1) * page
    shown = {task.column_id: needed} if needed > page else None
    return redirect(_board_url(access, shown) + f"#task-{task.pk}")


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
