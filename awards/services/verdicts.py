"""Organisers move entries up after the deadline: shortlist, finalist, winner."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from awards.clock import now
from awards.enums import EntryState
from awards.models import Award, Entry
from awards.services._common import format_deadline, lock, record, require_staff


def require_entries_closed(award: Award) -> None:
    """The jury's verdict on an entry waits until entries can no longer be withdrawn.

    Before the deadline (plus grace) an entrant may still withdraw, and a verdict
    taken earlier would show through the embargo as a missing *Withdraw* button.
    """
    if now() <= award.deadline:
        raise ValidationError(
            _(
                "Entrants can still withdraw until %(deadline)s: shortlists and "
                "prizes wait until the deadline has passed."
            )
            % {"deadline": format_deadline(award)},
            code="entries_open",
        )


def _staff_move(entry: Entry, actor: User, to_state: str) -> Entry:
    require_staff(actor, entry)
    # The award as stored now, not as the caller last read it.
    require_entries_closed(Award.objects.get(pk=entry.category.award_id))
    entry = lock(entry)
    record(entry, to_state=to_state, actor=actor)
    entry.save(update_fields=["state", "updated_at"])
    return entry


@transaction.atomic
def entry_shortlist(*, entry: Entry, actor: User) -> Entry:
    """Staff put an eligible entry on the shortlist."""
    return _staff_move(entry, actor, EntryState.SHORTLISTED)


@transaction.atomic
def entry_make_finalist(*, entry: Entry, actor: User) -> Entry:
    """Staff make a shortlisted entry a finalist."""
    return _staff_move(entry, actor, EntryState.FINALIST)


@transaction.atomic
def entry_make_winner(*, entry: Entry, actor: User) -> Entry:
    """Staff make a finalist a winner."""
    return _staff_move(entry, actor, EntryState.WINNER)
