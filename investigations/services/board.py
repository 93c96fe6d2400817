"""The board: columns, task cards (with optimistic locking) and checklists."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from investigations import hooks, permissions, positions, selectors
from investigations.enums import ActivityVerb
from investigations.models import ChecklistItem, Column, Investigation, Membership, Task
from investigations.services._common import enqueue, record_event


class StaleTaskError(ValidationError):
    """The task changed since the actor loaded it; nothing was written."""


@transaction.atomic
def column_create(*, actor: User, investigation: Investigation, name: str) -> Column:
    """Add a column at the right end of the board (leads, editors)."""
    selectors.access_required(
        user=actor, investigation=investigation, codename=permissions.MANAGE_BOARD
    )
    last = Column.objects.filter(investigation=investigation).aggregate(
        last=Max("position")
    )["last"]
    column = Column(
        investigation=investigation,
        name=name.strip(),
        position=(last or 0) + positions.GAP,
    )
    column.full_clean()
    column.save()
    record_event(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.COLUMN_CREATED,
        subject=column.name,
    )
    return column


@transaction.atomic
def column_rename(*, actor: User, column: Column, name: str) -> Column:
    """Rename a column (leads, editors)."""
    selectors.access_required(
        user=actor,
        investigation=column.investigation,
        codename=permissions.MANAGE_BOARD,
    )
    old = column.name
    column.name = name.strip()
    column.full_clean()
    column.save(update_fields=["name"])
    record_event(
        investigation=column.investigation,
        actor=actor,
        verb=ActivityVerb.COLUMN_RENAMED,
        subject=f"{old} → {column.name}",
    )
    return column


@transaction.atomic
def column_shift(*, actor: User, column: Column, offset: int) -> Column:
    """Move a column one place left (-1) or right (+1) (leads, editors)."""
    selectors.access_required(
        user=actor,
        investigation=column.investigation,
        codename=permissions.MANAGE_BOARD,
    )
    columns = list(
        Column.objects.select_for_update()
        .filter(investigation=column.investigation)
        .order_by("position", "id")
    )
    index = next(i for i, c in enumerate(columns) if c.pk == column.pk)
    target = index + (1 if offset > 0 else -1)
    if not 0 <= target < len(columns):
        raise ValidationError(_("The column cannot move further."))
    columns[index], columns[target] = columns[target], columns[index]
    for i, each in enumerate(columns, start=1):
        each.position = positions.GAP * i
    Column.objects.bulk_update(columns, ["position"])
    record_event(
        investigation=column.investigation,
        actor=actor,
        verb=ActivityVerb.COLUMN_MOVED,
        subject=column.name,
    )
    return columns[target]


def _check_assignees(investigation: Investigation, assignees: list[User]) -> None:
    ids = {user.pk for user in assignees}
    members = set(
        Membership.objects.filter(investigation=investigation, user_id__in=ids)
        .filter(selectors.current())
        .values_list("user_id", flat=True)
    )
    if ids - members:
        raise ValidationError(
            {"assignees": _("Only members of the investigation can be assigned.")}
        )


def _clean_labels(labels: str) -> str:
    parts = [part.strip() for part in labels.split(",") if part.strip()]
    return ", ".join(dict.fromkeys(parts))


def _notify_new_assignees(task: Task, actor: User, user_ids: set[int]) -> None:
    for user_id in sorted(user_ids - {actor.pk}):
        enqueue("notify_assigned", task.pk, user_id)


@transaction.atomic
def task_create(
    *,
    actor: User,
    investigation: Investigation,
    column: Column,
    title: str,
    description: str = "",
    due_date: datetime.date | None = None,
    labels: str = "",
    assignees: list[User] | None = None,
) -> Task:
    """Add a card at the top of `column` (reporters and up); assignees are members."""
    selectors.access_required(
        user=actor, investigation=investigation, codename=permissions.EDIT_TASKS
    )
    if column.investigation_id != investigation.pk:
        raise ValidationError({"column": _("That column is not on this board.")})
    assignees = assignees or []
    _check_assignees(investigation, assignees)
    Column.objects.select_for_update().filter(pk=column.pk).first()
    first = Task.objects.filter(column=column).aggregate(first=Min("position"))["first"]
    task = Task(
        investigation=investigation,
        column=column,
        title=title.strip(),
        description=description.strip(),
        due_date=due_date,
        labels=_clean_labels(labels),
        position=positions.GAP if first is None else first - positions.GAP,
        created_by=actor,
    )
    task.full_clean()
    task.save()
    task.assignees.set(assignees)
    record_event(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.TASK_CREATED,
        subject=task.title,
        task=task,
    )
    _notify_new_assignees(task, actor, {user.pk for user in assignees})
    hooks.board_text_changed("task", task.pk)
    return task


def _stale() -> StaleTaskError:
    return StaleTaskError(
        _(
            "Someone changed this task while you were working on it. "
            "Nothing was saved; the current version is shown."
        ),
        code="stale",
    )


@transaction.atomic
def task_update(
    *,
    actor: User,
    task: Task,
    expected_version: int,
    title: str,
    description: str,
    due_date: datetime.date | None,
    labels: str,
    assignees: list[User],
) -> Task:
    """Edit a task unless it changed since `expected_version` (StaleTaskError then).

    The write is one conditional UPDATE ... WHERE version = expected, so of two
    concurrent edits exactly one lands.
    """
    investigation = task.investigation
    selectors.access_required(
        user=actor, investigation=investigation, codename=permissions.EDIT_TASKS
    )
    _check_assignees(investigation, assignees)
    candidate = Task(
        pk=task.pk,
        investigation=investigation,
        column_id=task.column_id,
        position=task.position,
        title=title.strip(),
        description=description.strip(),
        due_date=due_date,
        labels=_clean_labels(labels),
        version=expected_version,
    )
    candidate._state.adding = False  # an existing row: no "ID already exists"
    candidate.full_clean(exclude=["column", "investigation", "created_by"])
    updated = Task.objects.filter(pk=task.pk, version=expected_version).update(
        title=candidate.title,
        description=candidate.description,
        due_date=candidate.due_date,
        labels=candidate.labels,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise _stale()
    task = Task.objects.get(pk=task.pk)
    before = set(task.assignees.values_list("pk", flat=True))
    task.assignees.set(assignees)
    record_event(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.TASK_EDITED,
        subject=task.title,
        task=task,
    )
    _notify_new_assignees(task, actor, {user.pk for user in assignees} - before)
    hooks.board_text_changed("task", task.pk)
    return task


@transaction.atomic
def task_move(
    *,
    actor: User,
    investigation: Investigation,
    task_id: int,
    column_id: int,
    index: int,
    expected_version: int,
) -> Task:
    """Put a card at `index` of a column of the same board.

    Refused when the card or the column belongs to another investigation, or when
    the card changed since `expected_version`. The target column's row is locked,
    so moves into one column are serialised and positions never collide.
    """
    selectors.access_required(
        user=actor, investigation=investigation, codename=permissions.EDIT_TASKS
    )
    column = (
        Column.objects.select_for_update()
        .filter(pk=column_id, investigation=investigation)
        .first()
    )
    task = Task.objects.filter(pk=task_id, investigation=investigation).first()
    if column is None or task is None:
        raise ValidationError(_("The card and the column must be on the same board."))
    others = list(
        Task.objects.filter(column=column)
        .exclude(pk=task.pk)
        .order_by("position", "id")
        .values_list("pk", "position")
    )
    position, renumbered = positions.place([p for _pk, p in others], index)
    if renumbered is not None:
        Task.objects.bulk_update(
            [
                Task(pk=pk, position=p)
                for (pk, _old), p in zip(others, renumbered, strict=True)
            ],
            ["position"],
        )
    updated = Task.objects.filter(pk=task.pk, version=expected_version).update(
        column=column,
        position=position,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise _stale()
    task = Task.objects.select_related("column").get(pk=task.pk)
    record_event(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.TASK_MOVED,
        subject=f"{task.title} → {column.name}",
        task=task,
    )
    return task


@transaction.atomic
def checklist_item_add(*, actor: User, task: Task, text: str) -> ChecklistItem:
    """Add an item to a task's checklist (reporters and up)."""
    selectors.access_required(
        user=actor, investigation=task.investigation, codename=permissions.EDIT_TASKS
    )
    item = ChecklistItem(task=task, text=text.strip())
    item.full_clean()
    item.save()
    record_event(
        investigation=task.investigation,
        actor=actor,
        verb=ActivityVerb.CHECKLIST_CHANGED,
        subject=f"{task.title}: + {item.text}",
        task=task,
    )
    hooks.board_text_changed("task", task.pk)
    return item


@transaction.atomic
def checklist_item_toggle(*, actor: User, item: ChecklistItem) -> ChecklistItem:
    """Tick or untick a checklist item (reporters and up)."""
    task = item.task
    selectors.access_required(
        user=actor, investigation=task.investigation, codename=permissions.EDIT_TASKS
    )
    item.is_done = not item.is_done
    item.save(update_fields=["is_done"])
    record_event(
        investigation=task.investigation,
        actor=actor,
        verb=ActivityVerb.CHECKLIST_CHANGED,
        subject=f"{task.title}: {'✓' if item.is_done else '○'} {item.text}",
        task=task,
    )
    return item
