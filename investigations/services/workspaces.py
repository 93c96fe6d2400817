"""Workspaces: create one (with its board and its lead), change it, archive it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from investigations import hooks, permissions, positions, selectors
from investigations.enums import (
    DEFAULT_COLUMNS,
    ActivityVerb,
    InvestigationStatus,
    Role,
)
from investigations.models import Column, Investigation
from investigations.services._common import record_event
from investigations.services.memberships import membership_create


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
    membership_create(investigation=investigation, user=actor, role=Role.LEAD)
    record_event(
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
    selectors.access_required(
        user=actor, investigation=investigation, codename=permissions.CHANGE_SETTINGS
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
    record_event(
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
    selectors.access_required(
        user=actor, investigation=investigation, codename=permissions.ARCHIVE
    )
    status = InvestigationStatus.ARCHIVED if archived else InvestigationStatus.ACTIVE
    if investigation.status == status:
        raise ValidationError(_("Nothing to change."))
    investigation.status = status
    investigation.full_clean()
    investigation.save(update_fields=["status"])
    record_event(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.INVESTIGATION_ARCHIVED
        if archived
        else ActivityVerb.INVESTIGATION_REOPENED,
        subject=investigation.title,
    )
    return investigation
