"""Reads, always scoped to the member who asks.

A person who is not a current member of an investigation gets Http404 from every
selector that takes a codename or an id, staff and superusers included.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from investigations import permissions
from investigations.access import Access
from investigations.enums import ActivityVerb, InvestigationStatus
from investigations.models import (
    ActivityEvent,
    Column,
    Comment,
    Investigation,
    Invitation,
    Membership,
    NotificationSettings,
    Task,
)


def _current(prefix: str = "") -> Q:
    return Q(**{f"{prefix}expires_at__isnull": True}) | Q(
        **{f"{prefix}expires_at__gt": timezone.now()}
    )


def access_for(*, user, investigation: Investigation) -> Access | None:
    """The member's access to `investigation`, or None for anyone not a current member.

    Expired guest memberships count as no membership.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    membership = (
        Membership.objects.filter(investigation=investigation, user=user)
        .filter(_current())
        .first()
    )
    if membership is None:
        return None
    membership.investigation = investigation
    return Access(
        investigation=investigation,
        membership=membership,
        permissions=permissions.object_permissions(
            user=user, investigation=investigation
        ),
    )


def access_required(*, user, investigation: Investigation, codename: str) -> Access:
    """The member's access to `investigation`, if it allows `codename`.

    PermissionDenied (not 404) for anyone not a current member and for a role
    without `codename`: services are called by code that found the workspace.
    """
    access = access_for(user=user, investigation=investigation)
    if access is None:
        raise PermissionDenied(_("You are not a member of this investigation."))
    access.require(codename)
    return access


def workspace_for(*, user, codename: str) -> Access:
    """The workspace `codename` as `user` sees it; Http404 unless a current member."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    membership = (
        Membership.objects.select_related("investigation")
        .filter(investigation__codename=codename, user=user)
        .filter(_current())
        .first()
    )
    if membership is None:
        raise Http404
    return Access(
        investigation=membership.investigation,
        membership=membership,
        permissions=permissions.object_permissions(
            user=user, investigation=membership.investigation
        ),
    )


def investigations_for_user(*, user, status: str | None = None) -> QuerySet:
    """The investigations `user` is a current member of, with their role and size."""
    memberships = Membership.objects.filter(user=user).filter(_current())
    queryset = (
        Investigation.objects.filter(
            pk__in=memberships.values("investigation_id"),
        )
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("-created_at", "-id")
    )
    if status in InvestigationStatus.values:
        queryset = queryset.filter(status=status)
    return queryset


def roles_by_investigation(*, user, investigation_ids: list[int]) -> dict[int, str]:
    """`user`'s role in each of the given investigations."""
    return dict(
        Membership.objects.filter(
            user=user, investigation_id__in=investigation_ids
        ).values_list("investigation_id", "role")
    )


def board_columns(*, access: Access) -> list[Column]:
    """The board: columns in order, each with its ordered tasks and their assignees.

    A fixed number of queries however many cards the board holds.
    """
    tasks = (
        Task.objects.filter(investigation=access.investigation)
        .annotate(
            checklist_total=Count("checklist", distinct=True),
            checklist_done=Count(
                "checklist", filter=Q(checklist__is_done=True), distinct=True
            ),
            comment_count=Count("comments", distinct=True),
        )
        .prefetch_related("assignees")
        .order_by("position", "id")
    )
    return list(
        Column.objects.filter(investigation=access.investigation)
        .prefetch_related(Prefetch("tasks", queryset=tasks))
        .order_by("position", "id")
    )


def columns_of(*, access: Access) -> list[Column]:
    """The investigation's columns in board order."""
    return list(
        Column.objects.filter(investigation=access.investigation).order_by(
            "position", "id"
        )
    )


def column_for(*, access: Access, column_id: int) -> Column:
    """One column of this board; Http404 for a column of any other board."""
    column = Column.objects.filter(
        pk=column_id, investigation=access.investigation
    ).first()
    if column is None:
        raise Http404
    return column


def task_for(*, access: Access, task_id: int) -> Task:
    """One task of this board with its column; Http404 for any other board's task."""
    task = (
        Task.objects.select_related("column")
        .filter(pk=task_id, investigation=access.investigation)
        .first()
    )
    if task is None:
        raise Http404
    return task


def task_detail(*, access: Access, task_id: int) -> Task:
    """A task with assignees, checklist and comments (with authors) loaded."""
    task = (
        Task.objects.select_related("column", "created_by")
        .prefetch_related(
            "assignees",
            "checklist",
            Prefetch("comments", queryset=Comment.objects.select_related("author")),
        )
        .filter(pk=task_id, investigation=access.investigation)
        .first()
    )
    if task is None:
        raise Http404
    return task


def members_of(*, access: Access) -> list[Membership]:
    """The current members, leads first."""
    order = {"lead": 0, "editor": 1, "reporter": 2, "viewer": 3}
    members = list(
        Membership.objects.filter(investigation=access.investigation)
        .filter(_current())
        .select_related("user", "invited_by")
    )
    return sorted(members, key=lambda m: (order[m.role], str(m.user).lower()))


def member_for(*, access: Access, membership_id: int) -> Membership:
    """One membership of this investigation; Http404 otherwise."""
    membership = (
        Membership.objects.select_related("user", "investigation")
        .filter(pk=membership_id, investigation=access.investigation)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def pending_invitations(*, access: Access) -> list[Invitation]:
    """Invitations not accepted, revoked or expired; only for who manages members."""
    if not access.can(permissions.MANAGE_MEMBERS):
        return []
    return list(
        Invitation.objects.filter(
            investigation=access.investigation,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        ).select_related("invited_by")
    )


def invitation_for(*, access: Access, invitation_id: int) -> Invitation:
    """One invitation of this investigation; Http404 otherwise."""
    invitation = Invitation.objects.filter(
        pk=invitation_id, investigation=access.investigation
    ).first()
    if invitation is None:
        raise Http404
    return invitation


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
        Membership.objects.filter(_current())
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


def investigation_counts() -> dict:
    """Figures for superusers: investigations by status and current memberships.

    Counts only: nothing here names, describes or identifies an investigation.
    """
    by_status = dict(
        Investigation.objects.values_list("status").annotate(n=Count("id"))
    )
    return {
        "by_status": [
            (label, by_status.get(value, 0))
            for value, label in InvestigationStatus.choices
        ],
        "total": sum(by_status.values()),
        "memberships": Membership.objects.filter(_current()).count(),
    }
