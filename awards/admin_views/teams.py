"""An award's team screen in the Wagtail admin (routed in wagtail_hooks): who
organises and who observes the award; its organisers and the platform admin add
and remove colleagues by email."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from accounts.flash import call_and_flash
from awards import selectors, services
from awards.admin_views._base import TitledAdminMixin
from awards.enums import TeamRole
from awards.models import Award
from awards.permissions import can_organise_award, is_awards_staff


class TeamMemberForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address of their account"))
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=TeamRole.choices)


def _award(request: HttpRequest, pk: int) -> Award:
    """The award if the user is on its team (404 otherwise)."""
    if not is_awards_staff(request.user):
        raise PermissionDenied
    return get_object_or_404(selectors.awards_for_team(user=request.user), pk=pk)


class TeamView(TitledAdminMixin, TemplateView):
    """The award's organisers and observers; add one (POST) by email."""

    template_name = "awards/admin/award_team.html"
    header_icon = "group"

    def get_page_title(self):
        return _("Team: %(award)s") % {"award": self.award}

    def get_parent_breadcrumbs(self) -> list[dict]:
        return [
            {
                "url": reverse("award_editions:index"),
                "label": capfirst(Award._meta.verbose_name_plural),
            }
        ]

    def dispatch(self, request, *args, **kwargs):
        self.award = _award(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not can_organise_award(request.user, self.award):
            raise PermissionDenied
        form = TeamMemberForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give an email address and a role."))
            return redirect("award_editions:team", self.award.pk)
        call_and_flash(
            request,
            lambda: services.team_member_add(
                award=self.award, actor=request.user, **form.cleaned_data
            ),
            lambda member: (
                _("%(person)s is now %(role)s of %(award)s.")
                % {
                    "person": member.user,
                    "role": member.get_role_display(),
                    "award": self.award,
                }
            ),
        )
        return redirect("award_editions:team", self.award.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            award=self.award,
            members=list(selectors.team_of_award(award=self.award)),
            can_manage=can_organise_award(self.request.user, self.award),
            form=TeamMemberForm(),
        )
        return context


@require_POST
def team_member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    award = _award(request, pk)
    member = get_object_or_404(award.team.select_related("user"), pk=member_pk)
    services.team_member_remove(member=member, actor=request.user)
    messages.success(
        request, _("%(person)s is off the team.") % {"person": member.user}
    )
    return redirect("award_editions:team", award.pk)
