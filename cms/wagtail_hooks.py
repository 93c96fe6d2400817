"""Admin hooks of the public site: the "Publish results" screen."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from awards.permissions import is_awards_staff
from cms import admin_views


@hooks.register("register_admin_urls")
def register_results_publication_urls():
    return [
        path(
            "results/",
            admin_views.ResultsPublicationView.as_view(),
            name="cms_results_publication",
        ),
        path(
            "results/<int:award_id>/publish/",
            admin_views.results_publish,
            name="cms_results_publish",
        ),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_awards_staff(request.user)


@hooks.register("register_admin_menu_item")
def register_results_publication_menu_item():
    return StaffMenuItem(
        _("Publish results"), "/admin/results/", icon_name="doc-full-inverse", order=320
    )
