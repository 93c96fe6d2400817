"""Who may do what with awards and entries: plain predicates, and the guardian
grant/revoke helpers of award teams.

An award's team is a set of guardian object permissions on the award, stored in
the direct foreign-key model AwardUserObjectPermission: observers hold OBSERVE,
organisers OBSERVE and ORGANISE. The platform admin (an active superuser) creates
awards and sees every one. Checks read the rows, never `user.has_perm` on an
object, so being staff opens no award by itself.

Organisers of an award are also the members of its page-editors group (a Django
group named `Award page editors #<award id>`): the public site (cms) gives that
group Wagtail's page permissions on the award's pages, so the team decides who
edits them without awards knowing about pages. The group also adds, edits and
chooses the images of the award's own Wagtail collection (its certificate logo,
its pages' pictures), and no other award's.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import QuerySet
from guardian.shortcuts import assign_perm
from wagtail.models import Collection, GroupCollectionPermission

from accounts.models import User
from awards.enums import WITHDRAWABLE_STATES, EntryState, TeamRole
from awards.models import Award, AwardUserObjectPermission, Entry

OBSERVE = "observe_award"
ORGANISE = "organise_award"
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    TeamRole.OBSERVER: frozenset({OBSERVE}),
    TeamRole.ORGANISER: frozenset({OBSERVE, ORGANISE}),
}


PAGE_EDITORS_GROUP_PREFIX = "Award page editors #"
# What an award's page editors may do with the images of its collection.
IMAGE_PERMISSIONS = ("add_image", "change_image", "choose_image")


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


def _holds_on_some_award(user: User, codename: str) -> bool:
    """The platform admin, or an active user holding `codename` on any award."""
    if is_platform_admin(user):
        return True
    return bool(
        user.is_authenticated
        and user.is_active
        and AwardUserObjectPermission.objects.filter(
            user=user, permission__codename=codename
        ).exists()
    )


def is_awards_staff(user: User) -> bool:
    """May open the awards admin at all: the platform admin, or a member of at
    least one award's team (what they then see is scoped to their awards)."""
    return _holds_on_some_award(user, OBSERVE)


def is_awards_organiser(user: User) -> bool:
    """Organises at least one award (or is the platform admin)."""
    return _holds_on_some_award(user, ORGANISE)


def page_editors_group_name(award_id: int) -> str:
    return f"{PAGE_EDITORS_GROUP_PREFIX}{award_id}"


def page_editors_group(award_id: int) -> Group:
    """The group whose members edit `award_id`'s public pages (made on first use)."""
    group, _created = Group.objects.get_or_create(
        name=page_editors_group_name(award_id)
    )
    return group


def page_editors_groups() -> QuerySet[Group]:
    """Every award's page-editors group."""
    return Group.objects.filter(name__startswith=PAGE_EDITORS_GROUP_PREFIX)


def award_collection(award: Award) -> Collection:
    """The award's image collection, made on first use (named after the award,
    below the root) with its page editors allowed IMAGE_PERMISSIONS there: the
    collection is the one on which that group holds them."""
    group = page_editors_group(award.pk)
    held = GroupCollectionPermission.objects.filter(
        group=group, permission__codename="choose_image"
    ).select_related("collection")
    if held:
        return held[0].collection
    collection = Collection.get_first_root_node().add_child(name=award.title)
    GroupCollectionPermission.objects.bulk_create(
        GroupCollectionPermission(group=group, collection=collection, permission=perm)
        for perm in Permission.objects.filter(
            content_type__app_label="wagtailimages", codename__in=IMAGE_PERMISSIONS
        )
    )
    return collection


def page_editors_reset(*, award: Award) -> None:
    """Make the award's page-editors group exactly its current organisers, with
    its image collection (for teams made before either existed; the grant
    helpers keep it so after)."""
    organisers = AwardUserObjectPermission.objects.filter(
        content_object=award, permission__codename=ORGANISE
    ).values("user_id")
    page_editors_group(award.pk).user_set.set(User.objects.filter(pk__in=organisers))
    award_collection(award)


def team_role_grant(*, user: User, award: Award, role: str) -> None:
    """Make the user's object permissions on `award` exactly those of `role`
    (organisers also join the award's page-editors group)."""
    team_role_revoke(user=user, award=award)
    for codename in sorted(ROLE_PERMISSIONS[role]):
        assign_perm(f"awards.{codename}", user, award)
    if ORGANISE in ROLE_PERMISSIONS[role]:
        user.groups.add(page_editors_group(award.pk))
        award_collection(award)


def team_role_revoke(*, user: User, award: Award) -> None:
    """Remove every team permission `user` holds on `award`."""
    AwardUserObjectPermission.objects.filter(user=user, content_object=award).delete()
    user.groups.remove(*Group.objects.filter(name=page_editors_group_name(award.pk)))


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


def may_see_media_upload(user: User, entry: Entry) -> bool:
    """Who learns that an entry's upload endpoint exists: its entrant and its
    award's organisers; everyone else (co-authors, jurors, observers) gets a 404."""
    return is_owner(user, entry) or can_organise_award(user, entry.category.award_id)


def can_upload_media(user: User, entry: Entry, *, is_open: bool) -> bool:
    """The entrant while the entry is a draft and its award takes entries; the
    award's organisers at any time (a winner's file after the deadline)."""
    return (can_edit_entry(user, entry) and is_open) or can_organise_award(
        user, entry.category.award_id
    )
