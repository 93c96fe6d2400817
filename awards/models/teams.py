"""Award teams: who runs or watches an award, and guardian's object permissions
that carry it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from awards.enums import TeamRole
from awards.models.awards import Award


class AwardUserObjectPermission(UserObjectPermissionBase):
    """guardian's direct foreign key for users: an award team's permissions."""

    content_object = models.ForeignKey(Award, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        abstract = False


class AwardGroupObjectPermission(GroupObjectPermissionBase):
    """guardian's direct foreign key for groups (unused by teams, kept for guardian)."""

    content_object = models.ForeignKey(Award, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        abstract = False


class AwardTeamMember(models.Model):
    """A person who runs (organiser) or watches (observer) one award in the admin."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="award_teams",
    )
    role = models.CharField(_("role"), max_length=20, choices=TeamRole.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["award", "role", "user__email"]
        verbose_name = _("award team member")
        verbose_name_plural = _("award team members")
        constraints = [
            models.UniqueConstraint(
                fields=["award", "user"], name="awards_team_one_role_per_person"
            ),
            models.CheckConstraint(
                condition=Q(role__in=TeamRole.values),
                name="awards_team_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.award}"
