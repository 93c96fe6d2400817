"""The board: columns, task cards and a task with everything on it."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from investigations.access import Access
from investigations.models import Column, Comment, Task


def board_columns(*, access: Access) -> list[Column]:
    """The board: columns in order, each with its ordered tasks and their assignees.

    A fixed number of queries however many cards the board holds.
    """
    tasks = (
        Task.objects.filter(investigation=access.investigation)
        .annotate(
            checklist_total=Count("checklist", distinct=True),
            checklist_done=Count(
                "checklist", filter=Q(checklist__is_done=True), distinct=True
            ),
            comment_count=Count("comments", distinct=True),
        )
        .prefetch_related("assignees")
        .order_by("position", "id")
    )
    return list(
        Column.objects.filter(investigation=access.investigation)
        .prefetch_related(Prefetch("tasks", queryset=tasks))
        .order_by("position", "id")
    )


def columns_of(*, access: Access) -> list[Column]:
    """The investigation's columns in board order."""
    return list(
        Column.objects.filter(investigation=access.investigation).order_by(
            "position", "id"
        )
    )


def column_for(*, access: Access, column_id: int) -> Column:
    """One column of this board; Http404 for a column of any other board."""
    column = Column.objects.filter(
        pk=column_id, investigation=access.investigation
    ).first()
    if column is None:
        raise Http404
    return column


def task_for(*, access: Access, task_id: int) -> Task:
    """One task of this board with its column; Http404 for any other board's task."""
    task = (
        Task.objects.select_related("column")
        .filter(pk=task_id, investigation=access.investigation)
        .first()
    )
    if task is None:
        raise Http404
    return task


def task_detail(*, access: Access, task_id: int) -> Task:
    """A task with assignees, checklist and comments (with authors) loaded."""
    task = (
        Task.objects.select_related("column", "created_by")
        .prefetch_related(
            "assignees",
            "checklist",
            Prefetch("comments", queryset=Comment.objects.select_related("author")),
        )
        .filter(pk=task_id, investigation=access.investigation)
        .first()
    )
    if task is None:
        raise Http404
    return task
