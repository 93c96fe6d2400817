"""Where other apps hear about changes in investigations, without our importing them.

An app that keeps data per investigation (secure_docs) appends its handlers in its
AppConfig.ready(). Services call the hooks inside their transaction, after their
own writes, so a handler that enqueues work with transaction.on_commit only runs
once the change is committed. Handlers take ids, never model instances.
"""

from collections.abc import Callable

# A workspace was created: called with its investigation's id.
on_investigation_created: list[Callable[[int], None]] = []
# Someone joined or left a workspace: called with its investigation's id.
on_members_changed: list[Callable[[int], None]] = []
# A task's or a comment's text was written: called with ("task" | "comment", its id).
on_board_text_changed: list[Callable[[str, int], None]] = []


def investigation_created(investigation_id: int) -> None:
    """Run every on_investigation_created handler, in the order registered."""
    for handler in on_investigation_created:
        handler(investigation_id)


def members_changed(investigation_id: int) -> None:
    """Run every on_members_changed handler, in the order registered."""
    for handler in on_members_changed:
        handler(investigation_id)


def board_text_changed(kind: str, object_id: int) -> None:
    """Run every on_board_text_changed handler, in the order registered."""
    for handler in on_board_text_changed:
        handler(kind, object_id)
