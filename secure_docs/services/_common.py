"""Helpers every topic of secure documents' services shares."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from investigations import selectors as investigation_selectors
from investigations.access import Access
from investigations.models import Investigation


def require_access(
    *, actor: User, investigation: Investigation, codename: str
) -> Access:
    """The actor's access to `investigation`, if it allows `codename`.

    PermissionDenied for a non-member and for a role without `codename`.
    """
    access = investigation_selectors.access_for(user=actor, investigation=investigation)
    if access is None:
        raise PermissionDenied(_("You are not a member of this investigation."))
    access.require(codename)
    return access


def enqueue(task_name: str, *args) -> None:
    """Run task `task_name` with `args` after the commit."""
    from secure_docs import tasks  # tasks import services; import late

    transaction.on_commit(lambda: getattr(tasks, task_name).delay(*args))


def stale_before() -> datetime.datetime:
    """Older than this, a job or an object has no live worker behind it."""
    return timezone.now() - datetime.timedelta(seconds=settings.SECURE_DOCS_STALE_AFTER)
