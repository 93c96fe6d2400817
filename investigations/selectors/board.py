"""The board: columns, task cards and a task with everything on it."""

from collections.abc import Mapping

from django.db.models import (
    Case,
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404

from investigations.access import Access
from investigations.models import ChecklistItem, Column, Comment, Task

# Cards a column shows before its "show more" link; each click shows this many more.
BOARD_PAGE = 50


def board_columns(
    *, access: Access, shown: Mapping[int, int] | None = None
) -> list[Column]:
    """The board: columns in order, each with the first cards of its ordered tasks.

    A column shows its first `BOARD_PAGE` cards, or the number `shown` asks for it
    (never fewer); `column.task_count` counts them all. Each card carries its
    assignees and checklist and comment counts. Three queries however many cards
    the board holds, and the cost follows the cards shown, not the board's size.
    """
    shown = shown or {}
    columns = list(
        Column.objects.filter(investigation=access.investigation)
        .annotate(task_count=Count("tasks"))
        .order_by("position", "id")
    )
    for column in columns:
        column.shown = max(shown.get(column.pk, BOARD_PAGE), BOARD_PAGE)
        column.cards = []
    if not any(column.task_count for column in columns):
        return columns
    # The first cards of each column: a row number per column, compared with the
    # column's own limit, picks them in SQL (however long the column).
    limit = Case(
        *(When(column_id=c.pk, then=Value(c.shown)) for c in columns),
        default=Value(BOARD_PAGE),
    )
    first_cards = (
        Task.objects.filter(investigation=access.investigation)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("column_id")],
                order_by=[F("position").asc(), F("id").asc()],
            ),
            limit=limit,
        )
        .filter(rank__lte=F("limit"))
        .values("pk")
    )
    tasks = (
        Task.objects.filter(pk__in=first_cards)
        .annotate(
            checklist_total=_count(ChecklistItem.objects.all()),
            checklist_done=_count(ChecklistItem.objects.filter(is_done=True)),
            comment_count=_count(Comment.objects.all()),
        )
        # A list, not a manager: the template reads it without cloning a queryset
        # per card.
        .prefetch_related(Prefetch("assignees", to_attr="assignee_list"))
        .order_by("position", "id")
    )
    by_column = {column.pk: column for column in columns}
    for task in tasks:
        by_column[task.column_id].cards.append(task)
    return columns


def _count(rows) -> Subquery:
    """The number of `rows` that belong to the outer task, as a subquery."""
    return Coalesce(
        Subquery(
            rows.filter(task=OuterRef("pk"))
            .order_by()
            .values("task")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def card_place(*, task: Task) -> tuple[int, int]:
    """Where a card stands in its column: its index (from 0) and the column's count.

    `task` comes from a scoped selector or service; one query, however long the
    column.
    """
    before = Q(position__lt=task.position) | Q(position=task.position, pk__lt=task.pk)
    place = Task.objects.filter(column_id=task.column_id).aggregate(
        index=Count("pk", filter=before), count=Count("pk")
    )
    return place["index"], place["count"]


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
