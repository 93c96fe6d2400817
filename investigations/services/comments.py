"""Comments on tasks, and the @mentions in them that email a member."""

import re

from django.db import transaction

from accounts.models import User
from investigations import permissions, selectors
from investigations.enums import ActivityVerb
from investigations.models import Comment, Investigation, Membership, Task
from investigations.services._common import enqueue, record_event

MENTION = re.compile(r"(?<![\w@])@([\w.+-]+)")


def mentioned_members(*, investigation: Investigation, body: str) -> list[User]:
    """Members named in `body` as @handle, where the handle is the part of their
    email address before the @ (or the whole address)."""
    handles = {handle.lower().rstrip(".") for handle in MENTION.findall(body)}
    if not handles:
        return []
    members = User.objects.filter(
        pk__in=Membership.objects.filter(investigation=investigation)
        .filter(selectors.current())
        .values("user_id")
    )
    return [
        user
        for user in members
        if user.email.lower() in handles or user.email.lower().split("@")[0] in handles
    ]


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
    mentioned = mentioned_members(investigation=investigation, body=comment.body)
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
    return comment
