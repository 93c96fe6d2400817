"""What the awards staff screens share: the staff-only page, and a service call
whose refusal or success becomes a message."""

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.flash import flash_errors
from awards.permissions import is_awards_staff

T = TypeVar("T")


class StaffTemplateView(WagtailAdminTemplateMixin, TemplateView):
    """An admin page for the platform admin and award teams only (403 otherwise)."""

    def dispatch(self, request, *args, **kwargs):
        if not is_awards_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def call_and_flash(
    request: HttpRequest, service: Callable[[], T], success: Callable[[T], str]
) -> T | None:
    """Run `service`: flash its refusal and return None, or flash `success` of
    its result and return that."""
    try:
        result = service()
    except ValidationError as error:
        flash_errors(request, error)
        return None
    messages.success(request, success(result))
    return result
