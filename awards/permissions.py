"""Who may do what with awards and entries: plain predicates, no queries beyond ids."""

from accounts.models import User
from awards.enums import WITHDRAWABLE_STATES, EntryState
from awards.models import Entry


def is_awards_staff(user: User) -> bool:
    """Organisers: staff who may change entries in the Wagtail admin."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("awards.change_entry")
    )


def is_owner(user: User, entry: Entry) -> bool:
    return user.is_authenticated and entry.owner_id == user.pk


def can_view_entry(user: User, entry: Entry, *, co_author_ids: set[int]) -> bool:
    """The entrant, a co-author, or an organiser once it is submitted (drafts are
    private); everyone else gets a 404."""
    return (
        is_owner(user, entry)
        or user.pk in co_author_ids
        or (is_awards_staff(user) and entry.state != EntryState.DRAFT)
    )


def can_edit_entry(user: User, entry: Entry) -> bool:
    """Only the entrant, only while the entry is a draft."""
    return is_owner(user, entry) and entry.state == EntryState.DRAFT


def can_withdraw_entry(user: User, entry: Entry) -> bool:
    return is_owner(user, entry) and entry.state in WITHDRAWABLE_STATES
