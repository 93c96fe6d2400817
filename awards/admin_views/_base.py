"""What the awards staff screens share: the staff-only page, the page of one
prize its award's organisers open, and such a page with a form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.flash import form_errors
from awards import selectors
from awards.permissions import is_awards_staff


class TitledAdminMixin(WagtailAdminTemplateMixin):
    """Breadcrumbs that end in the page's own title: with Wagtail's default (Home
    alone) the slim header shows "Home" as the page's only visible heading. A view
    names the pages above it in `get_parent_breadcrumbs`."""

    def get_parent_breadcrumbs(self) -> list[dict]:
        return []

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            *self.get_parent_breadcrumbs(),
            {"url": "", "label": self.get_header_title()},
        ]


class StaffTemplateView(TitledAdminMixin, TemplateView):
    """An admin page for the platform admin and award teams only (403 otherwise)."""

    def dispatch(self, request, *args, **kwargs):
        if not is_awards_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PrizeTemplateView(StaffTemplateView):
    """A staff page of one prize (`self.prize`): its award's organisers only, 404
    for anyone else whether the prize exists or not."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.prize = selectors.prize_for_organiser(
                user=request.user, pk=kwargs["prize_id"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_parent_breadcrumbs(self) -> list[dict]:
        award = self.prize.round.award
        return [
            {
                "url": reverse("cms_award_prizes", args=[award.pk]),
                "label": _("Prizes and certificates: %(award)s") % {"award": award},
            }
        ]


class PrizeFormView(PrizeTemplateView):
    """A form about one prize: shown with the prize, handed to `save` (a service
    call) when valid; the service's refusal is shown on the form, success goes back
    to the award's prizes with `success_message()`."""

    def make_form(self, data=None):
        raise NotImplementedError

    def save(self, form) -> None:
        raise NotImplementedError

    def success_message(self) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["prize"] = self.prize
        context.setdefault("form", self.make_form())
        return context

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                self.save(form)
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, self.success_message())
                return redirect("cms_award_prizes", self.prize.round.award_id)
        return self.render_to_response(self.get_context_data(form=form))
