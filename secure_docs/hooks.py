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
    """Recipients of the stored documents follow the members; a saved search
    leaves with its member."""
    investigation = Investigation.objects.get(pk=investigation_id)
    services.members_changed(investigation=investigation)
    services.saved_searches_prune(investigation=investigation)


def board_text_changed(kind: str, object_id: int) -> None:
    """A task's or comment's text is indexed again once it is committed."""
    services.text_index_schedule(kind=kind, object_id=object_id)


def register() -> None:
    """Append the handlers to investigations' hooks (once, however often called)."""
    for handlers, handler in (
        (hooks.on_investigation_created, investigation_created),
        (hooks.on_members_changed, members_changed),
        (hooks.on_board_text_changed, board_text_changed),
    ):
        if handler not in handlers:
            handlers.append(handler)
