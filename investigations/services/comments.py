"""Comments on tasks, and the @mentions in them that email a member."""

from django.db import transaction

from accounts.models import User
from investigations import hooks, permissions, selectors
from investigations.enums import ActivityVerb
from investigations.models import Comment, Task
from investigations.services._common import enqueue, record_event


@transaction.atomic
def comment_create(*, actor: User, task: Task, body: str) -> Comment:
    """Comment on a task (reporters and up); mentioned members get an email."""
    investigation = task.investigation
    selectors.access_required(
        user=actor, investigation=investigation, codename=permissions.COMMENT
    )
    comment = Comment(task=task, author=actor, body=body.strip())
    comment.full_clean()
    comment.save()
    mentioned = selectors.mentioned_members(
        investigation=investigation, body=comment.body
    )
    comment.mentions.set(mentioned)
    record_event(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.TASK_COMMENTED,
        subject=task.title,
        task=task,
    )
    for user in mentioned:
        if user.pk != actor.pk:
            enqueue("notify_mentioned", comment.pk, user.pk)
    hooks.board_text_changed("comment", comment.pk)
    return comment
