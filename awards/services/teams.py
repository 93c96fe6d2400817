"""Award teams: who runs (organisers) and who watches (observers) one award.

The platform admin assigns any award's team; an organiser of an award may add
and remove colleagues on that award only, so nobody puts themselves on another
award's team. Each change grants or revokes the guardian object permissions
(awards.permissions) in the same transaction, and keeps the person's access to
the Wagtail admin (the group TEAM_GROUP) while they are on at least one team.
"""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from awards import permissions
from awards.enums import TeamRole
from awards.models import Award, AwardTeamMember

TEAM_GROUP = "Award teams"


def _team_group() -> Group:
    group, created = Group.objects.get_or_create(name=TEAM_GROUP)
    if created:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label="wagtailadmin", codename="access_admin"
            )
        )
    return group


def _require_team_manager(actor: User, award: Award) -> None:
    if not permissions.can_organise_award(actor, award):
        raise PermissionDenied


@transaction.atomic
def team_member_add(
    *, award: Award, email: str, role: str, actor: User
) -> AwardTeamMember:
    """Put the account with `email` on `award`'s team as organiser or observer
    (or change their role there).

    Only the platform admin or an organiser of this award; the person needs an
    account; nobody changes their own role (an observer cannot promote themselves).
    """
    _require_team_manager(actor, award)
    if role not in TeamRole.values:
        raise ValidationError(_("Choose a role."), code="role")
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError(
            _("No account uses this address: ask them to sign up first."),
            code="no_account",
        )
    if user.pk == actor.pk:
        raise ValidationError(
            _("You cannot change your own role on a team."), code="self"
        )
    member = AwardTeamMember.objects.filter(award=award, user=user).first()
    if member is None:
        member = AwardTeamMember(award=award, user=user, added_by=actor)
    member.role = role
    member.full_clean()
    member.save()
    permissions.team_role_grant(user=user, award=award, role=role)
    user.groups.add(_team_group())
    return member


@transaction.atomic
def team_member_remove(*, member: AwardTeamMember, actor: User) -> None:
    """Take a person off an award's team; their permissions on it go at once.

    Only the platform admin or an organiser of the award; leaving the last team
    also ends their access to the admin (unless they are the platform admin).
    """
    _require_team_manager(actor, member.award)
    user = member.user
    permissions.team_role_revoke(user=user, award=member.award)
    member.delete()
    if not AwardTeamMember.objects.filter(user=user).exists():
        user.groups.remove(_team_group())
