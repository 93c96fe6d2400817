"""What the awards staff screens share: the staff-only page, and the page of one
prize its award's organisers open."""

from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from awards import selectors
from awards.permissions import is_awards_staff


class StaffTemplateView(WagtailAdminTemplateMixin, TemplateView):
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
