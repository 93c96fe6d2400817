"""The workspace's activity feed, written to by other apps."""

from accounts.models import User
from investigations.models import ActivityEvent, Investigation
from investigations.services._common import record_event


def activity_record(
    *, investigation: Investigation, actor: User | None, verb: str, subject: str = ""
) -> ActivityEvent:
    """Record another app's change in the workspace feed (secure documents).

    The calling service has checked the actor's permission already.
    """
    return record_event(
        investigation=investigation, actor=actor, verb=verb, subject=subject
    )
