"""Investigation emails, each in the recipient's language and each with an opt-out."""

import datetime
from collections.abc import Callable

from celery import shared_task
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.emails import send as send_email
from accounts.models import User
from accounts.selectors import language_for
from accounts.tasks import EMAIL_TASK
from investigations import selectors, services
from investigations.models import Comment, Invitation, Membership, Task

DUE_SOON_DAYS = 2


def _url(name: str, **kwargs) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def _send(*, to: str, language: str, template: str, context: dict) -> None:
    with translation.override(language):
        context = {
            **context,
            "settings_url": _url("investigations:notifications"),
        }
        subject = render_to_string(
            f"investigations/email/{template}_subject.txt", context
        )
        body = render_to_string(f"investigations/email/{template}.txt", context)
    send_email(subject=subject, body=body, to=[to])


def _task_url(task: Task) -> str:
    return _url(
        "investigations:task_detail",
        codename=task.investigation.codename,
        task_id=task.pk,
    )


def _send_if_wanted(
    user: User, *, wants: str, template: str, context: Callable[[], dict]
) -> None:
    """Email a member in their language, unless they turned `wants` off."""
    preferences = selectors.notification_settings_for(user=user)
    if not getattr(preferences, wants):
        return
    _send(
        to=user.email,
        language=language_for(user, fallback=preferences.language),
        template=template,
        context=context(),
    )


@shared_task(**EMAIL_TASK)
def notify_invited(invitation_id: int, token: str) -> None:
    """Email an invitation link, unless no longer pending or the person opted out."""
    invitation = (
        Invitation.objects.select_related("investigation", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_pending:
        return
    user = User.objects.filter(email__iexact=invitation.email).first()
    # An account's language of emails; for an address with none, the inviter's choice.
    language = language_for(user, fallback=invitation.language)
    if user is not None:
        preferences = selectors.notification_settings_for(user=user)
        if not preferences.email_invited:
            return
        if preferences.pk is not None:
            language = language_for(user, fallback=preferences.language)
    _send(
        to=invitation.email,
        language=language,
        template="invited",
        context={
            "invitation": invitation,
            "accept_url": _url("investigations:invitation_accept", token=token),
        },
    )


@shared_task(**EMAIL_TASK)
def notify_assigned(task_id: int, user_id: int) -> None:
    """Tell a member they were assigned a task (if still assigned and not opted out)."""
    task = (
        Task.objects.select_related("investigation")
        .filter(pk=task_id, assignees__pk=user_id)
        .first()
    )
    user = User.objects.filter(pk=user_id).first()
    if task is None or user is None:
        return
    _send_if_wanted(
        user,
        wants="email_assigned",
        template="assigned",
        context=lambda: {"task": task, "task_url": _task_url(task)},
    )


@shared_task(**EMAIL_TASK)
def notify_mentioned(comment_id: int, user_id: int) -> None:
    """Tell a member someone mentioned them (if still a member and not opted out)."""
    comment = (
        Comment.objects.select_related("task__investigation", "author")
        .filter(pk=comment_id)
        .first()
    )
    user = User.objects.filter(pk=user_id).first()
    if comment is None or user is None:
        return
    task = comment.task
    if not Membership.objects.filter(
        investigation=task.investigation, user=user
    ).exists():
        return
    _send_if_wanted(
        user,
        wants="email_mentioned",
        template="mentioned",
        context=lambda: {"comment": comment, "task": task, "task_url": _task_url(task)},
    )


@shared_task(acks_late=True)
def send_due_digests(today: str | None = None) -> int:
    """Daily (Celery beat): each member with tasks due soon gets one digest.

    A second run on the same day sends nothing. Returns how many were sent.
    """
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    sent = 0
    for user_id, tasks in selectors.due_soon_by_user(
        today=day, days=DUE_SOON_DAYS
    ).items():
        user = User.objects.get(pk=user_id)
        preferences = selectors.notification_settings_for(user=user)
        if not preferences.email_due_digest:
            continue
        if not services.due_digest_mark_sent(user_id=user_id, today=day):
            continue
        _send(
            to=user.email,
            language=language_for(user, fallback=preferences.language),
            template="due_digest",
            context={"tasks": tasks, "user": user},
        )
        sent += 1
    return sent
