"""Checks and steps shared by the entry services: the clock against an award's
dates, who may change an entry, the row lock and the state-change record."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from awards.clock import now
from awards.enums import TRANSITIONS, EntryState
from awards.models import Award, Entry, EntryTransition
from awards.permissions import can_organise_award, is_owner
from awards.selectors.localized import localized


def format_deadline(award: Award) -> str:
    """The deadline as the award's wall-clock time, naming its zone."""
    local = award.deadline.astimezone(award.zone)
    return f"{date_format(local, 'DATETIME_FORMAT')} ({award.timezone})"


def require_open(award: Award) -> None:
    moment = now()
    if moment < award.opens_at:
        raise ValidationError(
            _("%(award)s opens for entries on %(opens)s (%(zone)s).")
            % {
                "award": localized(award, "title").text,
                "opens": date_format(award.opens_at, "DATETIME_FORMAT"),
                "zone": award.timezone,
            },
            code="not_open",
        )
    if moment > award.deadline:
        raise ValidationError(
            _("The deadline has passed: entries closed at %(deadline)s.")
            % {"deadline": format_deadline(award)},
            code="deadline",
        )


def require_draft_owner(entry: Entry, actor: User) -> None:
    if not is_owner(actor, entry):
        raise PermissionDenied
    if entry.state != EntryState.DRAFT:
        raise ValidationError(
            _("This entry has been submitted and can no longer be changed."),
            code="frozen",
        )


def lock(entry: Entry) -> Entry:
    return (
        Entry.objects.select_for_update()
        .select_related("category__award")
        .get(pk=entry.pk)
    )


def record(entry: Entry, *, to_state: str, actor: User, note: str = "") -> None:
    """Move `entry` to `to_state` if the table allows it, and write who and when."""
    if to_state not in TRANSITIONS[entry.state]:
        raise ValidationError(
            _("An entry that is %(from)s cannot become %(to)s.")
            % {
                "from": EntryState(entry.state).label,
                "to": EntryState(to_state).label,
            },
            code="transition",
        )
    EntryTransition.objects.create(
        entry=entry,
        from_state=entry.state,
        to_state=to_state,
        actor=actor,
        at=now(),
        note=note,
    )
    entry.state = to_state


def require_staff(actor: User, entry: Entry) -> None:
    """Organisers of the entry's award (or the platform admin) only."""
    if not can_organise_award(actor, entry.category.award_id):
        raise PermissionDenied
