"""Staff see nothing of investigations; superusers see counts only.

A title is content ("the minister's offshore accounts"), so no admin screen lists,
searches, chooses or reports investigations. A superuser gets one page of figures:
how many investigations there are by status and how many current memberships.
There is no menu item, listing, search, chooser or viewset for anyone else.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from investigations import selectors


def investigation_counts_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_superuser:
        raise PermissionDenied
    return TemplateResponse(
        request,
        "investigations/admin_counts.html",
        {"counts": selectors.investigation_counts()},
    )


@hooks.register("register_admin_urls")
def register_investigation_counts_url():
    return [
        path(
            "investigation-counts/",
            investigation_counts_view,
            name="investigation_counts",
        )
    ]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_menu_item")
def register_investigation_counts_menu_item():
    return SuperuserMenuItem(
        _("Investigation figures"),
        reverse("investigation_counts"),
        icon_name="folder-inverse",
        order=900,
    )
