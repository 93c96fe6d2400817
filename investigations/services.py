"""Every write to investigations goes through here.

Each service takes the acting user, checks what the actor's role allows (and that
the workspace is not archived), and records an ActivityEvent for the change.
"""

import contextlib
import contextvars
import datetime
import hashlib
import re
import secrets
from collections.abc import Iterator

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import services as account_services
from accounts.models import User
from accounts.selectors import has_mfa
from investigations import hooks, permissions, positions, selectors
from investigations.access import Access
from investigations.enums import (
    DEFAULT_COLUMNS,
    ActivityVerb,
    InvestigationStatus,
    Role,
)
from investigations.models import (
    ActivityEvent,
    ChecklistItem,
    Column,
    Comment,
    Investigation,
    Invitation,
    Membership,
    NotificationSettings,
    Task,
)

INVITATION_SALT = "investigations.invitation"
INVITATION_DAYS = 7
MENTION = re.compile(r"(?<![\w@])@([\w.+-]+)")


class StaleTaskError(ValidationError):
    """The task changed since the actor loaded it; nothing was written."""


def _access(*, actor: User, investigation: Investigation, codename: str) -> Access:
    access = selectors.access_for(user=actor, investigation=investigation)
    if access is None:
        raise PermissionDenied(_("You are not a member of this investigation."))
    access.require(codename)
    return access


def _event(
    *,
    investigation: Investigation,
    actor: User | None,
    verb: str,
    subject: str = "",
    task: Task | None = None,
) -> ActivityEvent:
    event = ActivityEvent(
        investigation=investigation,
        actor=actor,
        verb=verb,
        subject=subject[:300],
        task=task,
    )
    event.full_clean()
    event.save()
    return event


def activity_record(
    *, investigation: Investigation, actor: User | None, verb: str, subject: str = ""
) -> ActivityEvent:
    """Record another app's change in the workspace feed (secure documents).

    The calling service has checked the actor's permission already.
    """
    return _event(investigation=investigation, actor=actor, verb=verb, subject=subject)


_notifications_suppressed: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "investigations_notifications_suppressed", default=False
)


@contextlib.contextmanager
def notifications_suppressed() -> Iterator[None]:
    """Make changes without emailing anyone (demo data, imports): nothing happened
    that a person needs to hear about."""
    token = _notifications_suppressed.set(True)
    try:
        yield
    finally:
        _notifications_suppressed.reset(token)


def _enqueue(task_name: str, *args) -> None:
    from investigations import tasks  # tasks import services; import late

    if _notifications_suppressed.get():
        return
    transaction.on_commit(lambda: getattr(tasks, task_name).delay(*args))


# --- Workspaces ------------------------------------------------------------------


@transaction.atomic
def investigation_create(
    *,
    actor: User,
    title: str,
    codename: str,
    summary: str = "",
    countries: list[str] | None = None,
) -> Investigation:
    """Create a workspace with the default columns; its creator becomes its lead."""
    investigation = Investigation(
        title=title.strip(),
        codename=codename.strip().lower(),
        summary=summary.strip(),
        countries=countries or [],
        created_by=actor,
    )
    investigation.full_clean()
    investigation.save()
    Column.objects.bulk_create(
        Column(investigation=investigation, name=str(name), position=positions.GAP * i)
        for i, name in enumerate(DEFAULT_COLUMNS, start=1)
    )
    membership = Membership(investigation=investigation, user=actor, role=Role.LEAD)
    membership.full_clean()
    membership.save()
    permissions.role_grant(membership=membership)
    _event(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.INVESTIGATION_CREATED,
        subject=investigation.title,
    )
    hooks.investigation_created(investigation.pk)
    return investigation


@transaction.atomic
def investigation_update(
    *,
    actor: User,
    investigation: Investigation,
    title: str,
    summary: str,
    countries: list[str],
    idle_timeout_minutes: int | None = None,
) -> Investigation:
    """Change title, summary, countries and the idle time before members sign in
    again (leads; not while archived)."""
    _access(
        actor=actor, investigation=investigation, codename=permissions.CHANGE_SETTINGS
    )
    investigation.title = title.strip()
    investigation.summary = summary.strip()
    investigation.countries = countries
    if idle_timeout_minutes is not None:
        investigation.idle_timeout_minutes = idle_timeout_minutes
    investigation.full_clean()
    investigation.save(
        update_fields=["title", "summary", "countries", "idle_timeout_minutes"]
    )
    _event(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.INVESTIGATION_UPDATED,
        subject=investigation.title,
    )
    return investigation


@transaction.atomic
def investigation_set_archived(
    *, actor: User, investigation: Investigation, archived: bool
) -> Investigation:
    """Archive (read-only for everyone) or reopen a workspace (leads)."""
    _access(actor=actor, investigation=investigation, codename=permissions.ARCHIVE)
    status = InvestigationStatus.ARCHIVED if archived else InvestigationStatus.ACTIVE
    if investigation.status == status:
        raise ValidationError(_("Nothing to change."))
    investigation.status = status
    investigation.full_clean()
    investigation.save(update_fields=["status"])
    _event(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.INVESTIGATION_ARCHIVED
        if archived
        else ActivityVerb.INVESTIGATION_REOPENED,
        subject=investigation.title,
    )
    return investigation


# --- Members and invitations ---------------------------------------------------------


def _nonce_hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


@transaction.atomic
def invitation_create(
    *,
    actor: User,
    investigation: Investigation,
    email: str,
    role: str,
    language: str = settings.LANGUAGE_CODE,
    access_until: datetime.datetime | None = None,
) -> tuple[Invitation, str]:
    """Invite `email` with `role`; returns the invitation and its secret link token.

    The token is signed and expires; only a hash of its nonce is stored, so the
    database alone cannot produce a working link. One pending invitation per
    address; people who are members already cannot be invited again. With
    `access_until` the membership it creates is a guest's and ends then.
    """
    _access(
        actor=actor, investigation=investigation, codename=permissions.MANAGE_MEMBERS
    )
    email = User.objects.normalize_email(email)
    if Membership.objects.filter(
        investigation=investigation, user__email__iexact=email
    ).exists():
        raise ValidationError({"email": _("This person is a member already.")})
    if Invitation.objects.filter(
        investigation=investigation,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exists():
        raise ValidationError(
            {"email": _("An invitation to this address is pending already.")}
        )
    if access_until is not None and access_until <= timezone.now():
        raise ValidationError(
            {"access_until": _("Guest access must end in the future.")}
        )
    nonce = secrets.token_urlsafe(32)
    invitation = Invitation(
        access_until=access_until,
        investigation=investigation,
        email=email,
        role=role,
        language=language,
        nonce_hash=_nonce_hash(nonce),
        invited_by=actor,
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    token = signing.dumps({"i": invitation.pk, "n": nonce}, salt=INVITATION_SALT)
    _event(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.MEMBER_INVITED,
        subject=f"{email} ({invitation.get_role_display()})",
    )
    _enqueue("notify_invited", invitation.pk, token)
    return invitation, token


def invitation_from_token(*, token: str) -> Invitation:
    """The invitation a link token stands for; ValidationError says why not usable."""
    try:
        data = signing.loads(
            token,
            salt=INVITATION_SALT,
            max_age=datetime.timedelta(days=INVITATION_DAYS),
        )
    except signing.SignatureExpired as error:
        raise ValidationError(
            _(
                "This invitation has expired. "
                "Ask the investigation's lead for a new one."
            )
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(_("This invitation link is not valid.")) from error
    invitation = (
        Invitation.objects.select_related("investigation")
        .filter(pk=data.get("i"), nonce_hash=_nonce_hash(str(data.get("n"))))
        .first()
    )
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid."))
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation was withdrawn."))
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has been used already."))
    if invitation.expires_at <= timezone.now():
        raise ValidationError(
            _(
                "This invitation has expired. "
                "Ask the investigation's lead for a new one."
            )
        )
    return invitation


@transaction.atomic
def invitation_accept(
    *, user: User, token: str, language: str = settings.LANGUAGE_CODE
) -> Membership:
    """Join the investigation an invitation is for.

    Single use; needs a verified account for the invited address with two-factor
    authentication (TOTP) turned on.
    """
    invitation = invitation_from_token(token=token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ValidationError(_("This invitation has been used already."))
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(
            _(
                "This invitation was sent to another email address. "
                "Sign in as %(email)s."
            )
            % {"email": invitation.email}
        )
    if not has_mfa(user):
        raise ValidationError(
            _("Turn on two-factor authentication before you join an investigation.")
        )
    investigation = invitation.investigation
    if investigation.is_archived:
        raise ValidationError(_("This investigation is archived."))
    if Membership.objects.filter(investigation=investigation, user=user).exists():
        raise ValidationError(_("You are a member already."))
    membership = Membership(
        investigation=investigation,
        user=user,
        role=invitation.role,
        invited_by=invitation.invited_by,
        expires_at=invitation.access_until,
    )
    membership.full_clean()
    membership.save()
    permissions.role_grant(membership=membership)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    settings_row = selectors.notification_settings_for(user=user)
    if settings_row.pk is None:
        settings_row.language = language
        settings_row.full_clean()
        settings_row.save()
    _event(
        investigation=investigation,
        actor=user,
        verb=ActivityVerb.MEMBER_JOINED,
        subject=f"{user} ({membership.get_role_display()})",
    )
    hooks.members_changed(investigation.pk)
    return membership


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    """Withdraw a pending invitation (leads); its link stops working."""
    _access(
        actor=actor,
        investigation=invitation.investigation,
        codename=permissions.MANAGE_MEMBERS,
    )
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ValidationError(_("This invitation is no longer pending."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    _event(
        investigation=invitation.investigation,
        actor=actor,
        verb=ActivityVerb.INVITATION_REVOKED,
        subject=invitation.email,
    )
    return invitation


@transaction.atomic
def membership_add(
    *,
    actor: User,
    investigation: Investigation,
    user: User,
    role: str,
    expires_at: datetime.datetime | None = None,
) -> Membership:
    """Add an existing account directly (leads). Not offered in the interface,
    which invites by email; used by demo data and operators' scripts."""
    _access(
        actor=actor, investigation=investigation, codename=permissions.MANAGE_MEMBERS
    )
    if Membership.objects.filter(investigation=investigation, user=user).exists():
        raise ValidationError(_("This person is a member already."))
    membership = Membership(
        investigation=investigation,
        user=user,
        role=role,
        invited_by=actor,
        expires_at=expires_at,
    )
    membership.full_clean()
    membership.save()
    permissions.role_grant(membership=membership)
    _event(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.MEMBER_JOINED,
        subject=f"{user} ({membership.get_role_display()})",
    )
    hooks.members_changed(investigation.pk)
    return membership


def _other_leads(membership: Membership) -> int:
    return (
        Membership.objects.filter(
            investigation=membership.investigation, role=Role.LEAD
        )
        .exclude(pk=membership.pk)
        .count()
    )


@transaction.atomic
def membership_change_role(
    *, actor: User, membership: Membership, role: str
) -> Membership:
    """Give a member another role and swap their object permissions to match.

    An investigation always keeps at least one lead.
    """
    _access(
        actor=actor,
        investigation=membership.investigation,
        codename=permissions.MANAGE_MEMBERS,
    )
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if (
        membership.role == Role.LEAD
        and role != Role.LEAD
        and not _other_leads(membership)
    ):
        raise ValidationError(_("An investigation needs at least one lead."))
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    permissions.role_grant(membership=membership)
    _event(
        investigation=membership.investigation,
        actor=actor,
        verb=ActivityVerb.MEMBER_ROLE_CHANGED,
        subject=f"{membership.user} → {membership.get_role_display()}",
    )
    return membership


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    """End a membership: its permissions go at once, and its task assignments.

    An investigation always keeps at least one lead.
    """
    _access(
        actor=actor,
        investigation=membership.investigation,
        codename=permissions.MANAGE_MEMBERS,
    )
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == Role.LEAD and not _other_leads(membership):
        raise ValidationError(_("An investigation needs at least one lead."))
    investigation = membership.investigation
    user = membership.user
    permissions.role_revoke(user=user, investigation=investigation)
    Task.assignees.through.objects.filter(
        task__investigation=investigation, user=user
    ).delete()
    membership.delete()
    _event(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.MEMBER_REMOVED,
        subject=str(user),
    )
    hooks.members_changed(investigation.pk)


# --- Columns -------------------------------------------------------------------------


@transaction.atomic
def column_create(*, actor: User, investigation: Investigation, name: str) -> Column:
    """Add a column at the right end of the board (leads, editors)."""
    _access(actor=actor, investigation=investigation, codename=permissions.MANAGE_BOARD)
    last = Column.objects.filter(investigation=investigation).aggregate(
        last=Max("position")
    )["last"]
    column = Column(
        investigation=investigation,
        name=name.strip(),
        position=(last or 0) + positions.GAP,
    )
    column.full_clean()
    column.save()
    _event(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.COLUMN_CREATED,
        subject=column.name,
    )
    return column


@transaction.atomic
def column_rename(*, actor: User, column: Column, name: str) -> Column:
    """Rename a column (leads, editors)."""
    _access(
        actor=actor,
        investigation=column.investigation,
        codename=permissions.MANAGE_BOARD,
    )
    old = column.name
    column.name = name.strip()
    column.full_clean()
    column.save(update_fields=["name"])
    _event(
        investigation=column.investigation,
        actor=actor,
        verb=ActivityVerb.COLUMN_RENAMED,
        subject=f"{old} → {column.name}",
    )
    return column


@transaction.atomic
def column_shift(*, actor: User, column: Column, offset: int) -> Column:
    """Move a column one place left (-1) or right (+1) (leads, editors)."""
    _access(
        actor=actor,
        investigation=column.investigation,
        codename=permissions.MANAGE_BOARD,
    )
    columns = list(
        Column.objects.select_for_update()
        .filter(investigation=column.investigation)
        .order_by("position", "id")
    )
    index = next(i for i, c in enumerate(columns) if c.pk == column.pk)
    target = index + (1 if offset > 0 else -1)
    if not 0 <= target < len(columns):
        raise ValidationError(_("The column cannot move further."))
    columns[index], columns[target] = columns[target], columns[index]
    for i, each in enumerate(columns, start=1):
        each.position = positions.GAP * i
    Column.objects.bulk_update(columns, ["position"])
    _event(
        investigation=column.investigation,
        actor=actor,
        verb=ActivityVerb.COLUMN_MOVED,
        subject=column.name,
    )
    return columns[target]


# --- Tasks ---------------------------------------------------------------------------


def _check_assignees(investigation: Investigation, assignees: list[User]) -> None:
    ids = {user.pk for user in assignees}
    members = set(
        Membership.objects.filter(investigation=investigation, user_id__in=ids)
        .filter(selectors._current())
        .values_list("user_id", flat=True)
    )
    if ids - members:
        raise ValidationError(
            {"assignees": _("Only members of the investigation can be assigned.")}
        )


def _clean_labels(labels: str) -> str:
    parts = [part.strip() for part in labels.split(",") if part.strip()]
    return ", ".join(dict.fromkeys(parts))


def _notify_new_assignees(task: Task, actor: User, user_ids: set[int]) -> None:
    for user_id in sorted(user_ids - {actor.pk}):
        _enqueue("notify_assigned", task.pk, user_id)


@transaction.atomic
def task_create(
    *,
    actor: User,
    investigation: Investigation,
    column: Column,
    title: str,
    description: str = "",
    due_date: datetime.date | None = None,
    labels: str = "",
    assignees: list[User] | None = None,
) -> Task:
    """Add a card at the top of `column` (reporters and up); assignees are members."""
    _access(actor=actor, investigation=investigation, codename=permissions.EDIT_TASKS)
    if column.investigation_id != investigation.pk:
        raise ValidationError({"column": _("That column is not on this board.")})
    assignees = assignees or []
    _check_assignees(investigation, assignees)
    Column.objects.select_for_update().filter(pk=column.pk).first()
    first = Task.objects.filter(column=column).aggregate(first=Min("position"))["first"]
    task = Task(
        investigation=investigation,
        column=column,
        title=title.strip(),
        description=description.strip(),
        due_date=due_date,
        labels=_clean_labels(labels),
        position=positions.GAP if first is None else first - positions.GAP,
        created_by=actor,
    )
    task.full_clean()
    task.save()
    task.assignees.set(assignees)
    _event(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.TASK_CREATED,
        subject=task.title,
        task=task,
    )
    _notify_new_assignees(task, actor, {user.pk for user in assignees})
    return task


def _stale() -> StaleTaskError:
    return StaleTaskError(
        _(
            "Someone changed this task while you were working on it. "
            "Nothing was saved; the current version is shown."
        ),
        code="stale",
    )


@transaction.atomic
def task_update(
    *,
    actor: User,
    task: Task,
    expected_version: int,
    title: str,
    description: str,
    due_date: datetime.date | None,
    labels: str,
    assignees: list[User],
) -> Task:
    """Edit a task unless it changed since `expected_version` (StaleTaskError then).

    The write is one conditional UPDATE ... WHERE version = expected, so of two
    concurrent edits exactly one lands.
    """
    investigation = task.investigation
    _access(actor=actor, investigation=investigation, codename=permissions.EDIT_TASKS)
    _check_assignees(investigation, assignees)
    candidate = Task(
        pk=task.pk,
        investigation=investigation,
        column_id=task.column_id,
        position=task.position,
        title=title.strip(),
        description=description.strip(),
        due_date=due_date,
        labels=_clean_labels(labels),
        version=expected_version,
    )
    candidate._state.adding = False  # an existing row: no "ID already exists"
    candidate.full_clean(exclude=["column", "investigation", "created_by"])
    updated = Task.objects.filter(pk=task.pk, version=expected_version).update(
        title=candidate.title,
        description=candidate.description,
        due_date=candidate.due_date,
        labels=candidate.labels,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise _stale()
    task = Task.objects.get(pk=task.pk)
    before = set(task.assignees.values_list("pk", flat=True))
    task.assignees.set(assignees)
    _event(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.TASK_EDITED,
        subject=task.title,
        task=task,
    )
    _notify_new_assignees(task, actor, {user.pk for user in assignees} - before)
    return task


@transaction.atomic
def task_move(
    *,
    actor: User,
    investigation: Investigation,
    task_id: int,
    column_id: int,
    index: int,
    expected_version: int,
) -> Task:
    """Put a card at `index` of a column of the same board.

    Refused when the card or the column belongs to another investigation, or when
    the card changed since `expected_version`. The target column's row is locked,
    so moves into one column are serialised and positions never collide.
    """
    _access(actor=actor, investigation=investigation, codename=permissions.EDIT_TASKS)
    column = (
        Column.objects.select_for_update()
        .filter(pk=column_id, investigation=investigation)
        .first()
    )
    task = Task.objects.filter(pk=task_id, investigation=investigation).first()
    if column is None or task is None:
        raise ValidationError(_("The card and the column must be on the same board."))
    others = list(
        Task.objects.filter(column=column)
        .exclude(pk=task.pk)
        .order_by("position", "id")
        .values_list("pk", "position")
    )
    position, renumbered = positions.place([p for _pk, p in others], index)
    if renumbered is not None:
        Task.objects.bulk_update(
            [
                Task(pk=pk, position=p)
                for (pk, _old), p in zip(others, renumbered, strict=True)
            ],
            ["position"],
        )
    updated = Task.objects.filter(pk=task.pk, version=expected_version).update(
        column=column,
        position=position,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise _stale()
    task = Task.objects.select_related("column").get(pk=task.pk)
    _event(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.TASK_MOVED,
        subject=f"{task.title} → {column.name}",
        task=task,
    )
    return task


@transaction.atomic
def checklist_item_add(*, actor: User, task: Task, text: str) -> ChecklistItem:
    """Add an item to a task's checklist (reporters and up)."""
    _access(
        actor=actor, investigation=task.investigation, codename=permissions.EDIT_TASKS
    )
    item = ChecklistItem(task=task, text=text.strip())
    item.full_clean()
    item.save()
    _event(
        investigation=task.investigation,
        actor=actor,
        verb=ActivityVerb.CHECKLIST_CHANGED,
        subject=f"{task.title}: + {item.text}",
        task=task,
    )
    return item


@transaction.atomic
def checklist_item_toggle(*, actor: User, item: ChecklistItem) -> ChecklistItem:
    """Tick or untick a checklist item (reporters and up)."""
    task = item.task
    _access(
        actor=actor, investigation=task.investigation, codename=permissions.EDIT_TASKS
    )
    item.is_done = not item.is_done
    item.save(update_fields=["is_done"])
    _event(
        investigation=task.investigation,
        actor=actor,
        verb=ActivityVerb.CHECKLIST_CHANGED,
        subject=f"{task.title}: {'✓' if item.is_done else '○'} {item.text}",
        task=task,
    )
    return item


def mentioned_members(*, investigation: Investigation, body: str) -> list[User]:
    """Members named in `body` as @handle, where the handle is the part of their
    email address before the @ (or the whole address)."""
    handles = {handle.lower().rstrip(".") for handle in MENTION.findall(body)}
    if not handles:
        return []
    members = User.objects.filter(
        pk__in=Membership.objects.filter(investigation=investigation)
        .filter(selectors._current())
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
    _access(actor=actor, investigation=investigation, codename=permissions.COMMENT)
    comment = Comment(task=task, author=actor, body=body.strip())
    comment.full_clean()
    comment.save()
    mentioned = mentioned_members(investigation=investigation, body=comment.body)
    comment.mentions.set(mentioned)
    _event(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.TASK_COMMENTED,
        subject=task.title,
        task=task,
    )
    for user in mentioned:
        if user.pk != actor.pk:
            _enqueue("notify_mentioned", comment.pk, user.pk)
    return comment


# --- Notifications -------------------------------------------------------------------


@transaction.atomic
def notification_settings_update(
    *,
    user: User,
    language: str,
    email_invited: bool,
    email_assigned: bool,
    email_mentioned: bool,
    email_due_digest: bool,
) -> NotificationSettings:
    """Save which investigation emails `user` wants, and in which language.

    The language is the profile's language of emails: every email uses it.
    """
    account_services.user_preferred_language_set(user=user, language=language)
    row = selectors.notification_settings_for(user=user)
    row.language = language
    row.email_invited = email_invited
    row.email_assigned = email_assigned
    row.email_mentioned = email_mentioned
    row.email_due_digest = email_due_digest
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def due_digest_mark_sent(*, user_id: int, today: datetime.date) -> bool:
    """Record today's digest for a user; False when it was recorded already."""
    row, _created = NotificationSettings.objects.select_for_update().get_or_create(
        user_id=user_id
    )
    if row.due_digest_sent_on == today:
        return False
    row.due_digest_sent_on = today
    row.save(update_fields=["due_digest_sent_on"])
    return True
