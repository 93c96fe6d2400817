"""Which emails a user wants, and who gets today's due-soon digest."""

import datetime

from investigations.enums import InvestigationStatus
from investigations.models import Membership, NotificationSettings, Task
from investigations.selectors.memberships import current


def notification_settings_for(*, user) -> NotificationSettings:
    """The user's settings; defaults (all emails on, site language) until saved."""
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings(user=user)


def due_soon_by_user(*, today: datetime.date, days: int) -> dict[int, list[Task]]:
    """Tasks due from `today` to `today + days`, in active investigations, per
    assignee who is still a current member and has not had today's digest."""
    horizon = today + datetime.timedelta(days=days)
    tasks = (
        Task.objects.filter(
            due_date__gte=today,
            due_date__lte=horizon,
            investigation__status=InvestigationStatus.ACTIVE,
        )
        .select_related("investigation", "column")
        .prefetch_related("assignees")
        .order_by("due_date", "id")
    )
    members = set(
        Membership.objects.filter(current())
        .filter(investigation__status=InvestigationStatus.ACTIVE)
        .values_list("investigation_id", "user_id")
    )
    done_today = set(
        NotificationSettings.objects.filter(due_digest_sent_on=today).values_list(
            "user_id", flat=True
        )
    )
    result: dict[int, list[Task]] = {}
    for task in tasks:
        for user in task.assignees.all():
            if (
                task.investigation_id,
                user.pk,
            ) in members and user.pk not in done_today:
                result.setdefault(user.pk, []).append(task)
    return result
