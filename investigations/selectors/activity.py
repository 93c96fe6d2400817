"""The workspace's activity feed."""

from django.db.models import QuerySet

from investigations.access import Access
from investigations.enums import ActivityVerb
from investigations.models import ActivityEvent


def activity_feed(
    *,
    access: Access,
    verb: str = "",
    actor_id: int | None = None,
    task_id: int | None = None,
) -> QuerySet:
    """The investigation's events, newest first, optionally filtered."""
    events = ActivityEvent.objects.filter(
        investigation=access.investigation
    ).select_related("actor")
    if verb in ActivityVerb.values:
        events = events.filter(verb=verb)
    if actor_id:
        events = events.filter(actor_id=actor_id)
    if task_id:
        events = events.filter(task_id=task_id)
    return events.order_by("-created_at", "-id")
