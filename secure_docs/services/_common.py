"""Helpers every topic of secure documents' services shares."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone


def enqueue(task_name: str, *args) -> None:
    """Run task `task_name` with `args` after the commit."""
    from secure_docs import tasks  # tasks import services; import late

    transaction.on_commit(lambda: getattr(tasks, task_name).delay(*args))


def stale_before() -> datetime.datetime:
    """Older than this, a job or an object has no live worker behind it."""
    return timezone.now() - datetime.timedelta(seconds=settings.SECURE_DOCS_STALE_AFTER)
