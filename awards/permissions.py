"""Who may do what with awards and entries: plain predicates, and the guardian
grant/revoke helpers of award teams.

An award's team is a set of guardian object permissions on the award, stored in
the direct foreign-key model AwardUserObjectPermission: observers hold OBSERVE,
organisers OBSERVE and ORGANISE. The platform admin (an active superuser) creates
awards and sees every one. Checks read the rows, never `user.has_perm` on an
object, so being staff opens no award by itself.
"""

from guardian.shortcuts import assign_perm

from accounts.models import User
from awards.enums import WITHDRAWABLE_STATES, EntryState, TeamRole
from awards.models import Award, AwardUserObjectPermission, Entry

OBSERVE = "observe_award"
ORGANISE = "organise_award"
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    TeamRole.OBSERVER: frozenset({OBSERVE}),
    TeamRole.ORGANISER: frozenset({OBSERVE, ORGANISE}),
}


def is_platform_admin(user: User) -> bool:
    """The site-wide role that creates awards and assigns their teams."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def award_permissions(user: User, award_id: int) -> frozenset[str]:
    """The team codenames `user` holds on the award (one query; all for admins)."""
    if is_platform_admin(user):
        return frozenset({OBSERVE, ORGANISE})
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    return frozenset(
        AwardUserObjectPermission.objects.filter(
            user=user, content_object_id=award_id
        ).values_list("permission__codename", flat=True)
    )


def can_see_award(user: User, award: Award | int) -> bool:
    """Organisers and observers of the award, and the platform admin."""
    award_id = award if isinstance(award, int) else award.pk
    return OBSERVE in award_permissions(user, award_id)


def can_organise_award(user: User, award: Award | int) -> bool:
    """Organisers of the award and the platform admin: every change."""
    award_id = award if isinstance(award, int) else award.pk
    return ORGANISE in award_permissions(user, award_id)


def is_awards_staff(user: User) -> bool:
    """May open the awards admin at all: the platform admin, or a member of at
    least one award's team (what they then see is scoped to their awards)."""
    if is_platform_admin(user):
        return True
    return bool(
        user.is_authenticated
        and user.is_active
        and AwardUserObjectPermission.objects.filter(
            user=user, permission__codename=OBSERVE
        ).exists()
    )


def is_awards_organiser(user: User) -> bool:
    """Organises at least one award (or is the platform admin)."""
    if is_platform_admin(user):
        return True
    return bool(
        user.is_authenticated
        and user.is_active
        and AwardUserObjectPermission.objects.filter(
            user=user, permission__codename=ORGANISE
        ).exists()
    )


def team_role_grant(*, user: User, award: Award, role: str) -> None:
    """Make the user's object permissions on `award` exactly those of `role`."""
    team_role_revoke(user=user, award=award)
    for codename in sorted(ROLE_PERMISSIONS[role]):
        assign_perm(f"awards.{codename}", user, award)


def team_role_revoke(*, user: User, award: Award) -> None:
    """Remove every team permission `user` holds on `award`."""
    AwardUserObjectPermission.objects.filter(user=user, content_object=award).delete()


def is_owner(user: User, entry: Entry) -> bool:
    return user.is_authenticated and entry.owner_id == user.pk


def can_view_entry(user: User, entry: Entry, *, co_author_ids: set[int]) -> bool:
    """The entrant, a co-author, or an organiser once it is submitted (drafts are
    private); everyone else gets a 404."""
    return (
        is_owner(user, entry)
        or user.pk in co_author_ids
        or (
            entry.state != EntryState.DRAFT
            and can_see_award(user, entry.category.award_id)
        )
    )


def can_edit_entry(user: User, entry: Entry) -> bool:
    """Only the entrant, only while the entry is a draft."""
    return is_owner(user, entry) and entry.state == EntryState.DRAFT


def can_withdraw_entry(user: User, entry: Entry) -> bool:
    return is_owner(user, entry) and entry.state in WITHDRAWABLE_STATES
