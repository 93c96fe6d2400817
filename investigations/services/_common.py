"""Helpers every topic of investigations' services shares: the activity
event and emails enqueued after the commit."""

import contextlib
import contextvars
from collections.abc import Iterator

from django.db import transaction

from accounts.models import User
from investigations.models import ActivityEvent, Investigation, Task


def record_event(
    *,
    investigation: Investigation,
    actor: User | None,
    verb: str,
    subject: str = "",
    task: Task | None = None,
) -> ActivityEvent:
    """Append one event to the workspace's activity feed."""
    event = ActivityEvent(
        investigation=investigation,
        actor=actor,
        verb=verb,
        subject=subject[:300],
        task=task,
    )
    event.full_clean()
    event.save()
    return event


_notifications_suppressed: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "investigations_notifications_suppressed", default=False
)


@contextlib.contextmanager
def notifications_suppressed() -> Iterator[None]:
    """Make changes without emailing anyone (demo data, imports): nothing happened
    that a person needs to hear about."""
    token = _notifications_suppressed.set(True)
    try:
        yield
    finally:
        _notifications_suppressed.reset(token)


def enqueue(task_name: str, *args) -> None:
    """Run task `task_name` with `args` after the commit (unless suppressed)."""
    from investigations import tasks  # tasks import services; import late

    if _notifications_suppressed.get():
        return
    transaction.on_commit(lambda: getattr(tasks, task_name).delay(*args))
