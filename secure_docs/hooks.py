"""secure_docs' handlers of investigations' hooks (registered in apps.ready()).

Each takes an investigation's id, fetches it and calls one service, which
enqueues its work for after the commit.
"""

from investigations import hooks
from investigations.models import Investigation
from secure_docs import services


def investigation_created(investigation_id: int) -> None:
    """A new workspace gets its workspace key once it is committed."""
    investigation = Investigation.objects.get(pk=investigation_id)
    services.workspace_key_schedule(investigation=investigation)


def members_changed(investigation_id: int) -> None:
    """Recipients of the stored documents follow the members."""
    investigation = Investigation.objects.get(pk=investigation_id)
    services.members_changed(investigation=investigation)


def register() -> None:
    """Append the handlers to investigations' hooks (once, however often called)."""
    for handlers, handler in (
        (hooks.on_investigation_created, investigation_created),
        (hooks.on_members_changed, members_changed),
    ):
        if handler not in handlers:
            handlers.append(handler)
