"""What the awards staff screens share: the staff-only page."""

from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from awards.permissions import is_awards_staff


class StaffTemplateView(WagtailAdminTemplateMixin, TemplateView):
    """An admin page for the platform admin and award teams only (403 otherwise)."""

    def dispatch(self, request, *args, **kwargs):
        if not is_awards_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
