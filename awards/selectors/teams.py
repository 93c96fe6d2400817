"""Which awards a person's team membership opens, and how each awards model reaches
its award: the scoping every staff screen and listing applies."""

from django.db.models import Model, QuerySet

from accounts.models import User
from awards.jury.models import Conflict, Criterion, Juror, Round
from awards.models import (
    Award,
    AwardTeamMember,
    AwardUserObjectPermission,
    Category,
    Entry,
    EntryTranslation,
)
from awards.permissions import OBSERVE, ORGANISE, is_platform_admin


def _award_ids(user: User, codename: str) -> QuerySet:
    return AwardUserObjectPermission.objects.filter(
        user=user, permission__codename=codename
    ).values("content_object_id")


def awards_for_team(*, user: User) -> QuerySet[Award]:
    """The awards `user` sees in the admin: those whose team they are on
    (organiser or observer); every award for the platform admin."""
    if is_platform_admin(user):
        return Award.objects.all()
    if not (user.is_authenticated and user.is_active):
        return Award.objects.none()
    return Award.objects.filter(pk__in=_award_ids(user, OBSERVE))


def awards_for_organiser(*, user: User) -> QuerySet[Award]:
    """The awards `user` may change: those they organise; all for the admin."""
    if is_platform_admin(user):
        return Award.objects.all()
    if not (user.is_authenticated and user.is_active):
        return Award.objects.none()
    return Award.objects.filter(pk__in=_award_ids(user, ORGANISE))


# How each model of the awards admin reaches its award: the admin's permission
# policies (awards/wagtail_hooks.py) and the log entries of its objects follow it.
AWARD_PATHS: dict[type[Model], str] = {
    Award: "",
    Category: "award",
    Entry: "category__award",
    Round: "award",
    Criterion: "award",
    Juror: "award",
    Conflict: "juror__award",
    EntryTranslation: "entry__category__award",
}


def scope_to_team(queryset: QuerySet, *, user: User, award_path: str) -> QuerySet:
    """`queryset` cut to the rows of the awards `user` sees; `award_path` leads
    from its model to the award ("" when the model is Award)."""
    if is_platform_admin(user):
        return queryset
    lookup = f"{award_path}__in" if award_path else "pk__in"
    return queryset.filter(**{lookup: awards_for_team(user=user).values("pk")})


def team_of_award(*, award: Award) -> QuerySet[AwardTeamMember]:
    """The award's organisers and observers, organisers first."""
    return award.team.select_related("user", "added_by").order_by("role", "user__email")
