"""Staff see that investigations exist, never what is in them.

The Wagtail listing shows metadata only (title, status, member count, created);
there is no add, edit, delete or inspect view for anyone, and no column, filter or
export that reaches tasks, comments, members' names or documents.
"""

from django.contrib.auth.models import Permission
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.models import User
from investigations.models import Investigation


class MetadataOnlyPolicy(BasePermissionPolicy):
    """Active staff may list investigations; nobody may add, change or delete."""

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return User.objects.none()
        return User.objects.filter(is_active=True, is_staff=True)

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_staff


register_permission_policy(Investigation, MetadataOnlyPolicy(Investigation))


class InvestigationIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .only("id", "title", "status", "created_at")
            .annotate(member_count=Count("memberships"))
        )


class InvestigationViewSet(ModelViewSet):
    model = Investigation
    index_view_class = InvestigationIndexView
    icon = "folder-inverse"
    menu_label = _("Investigations")
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["title"]  # required by Wagtail; the policy forbids editing
    list_display = [
        "title",
        "status",
        Column("member_count", label=_("Members")),
        Column("created_at", label=_("Created")),
    ]
    list_filter = ["status"]
    search_fields = ["title"]
    ordering = ["-created_at"]

    def get_permissions_to_register(self):
        # Investigation permissions are object permissions granted by role; no
        # group may ever hold them model-wide.
        return Permission.objects.none()


@hooks.register("register_admin_viewset")
def register_investigation_viewset():
    return InvestigationViewSet("investigation_listing")
