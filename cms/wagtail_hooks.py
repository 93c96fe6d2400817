"""Admin hooks of the public site: pages' permissions, and what the shared admin
screens (site history, dashboard) show to award teams."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.home import RecentEditsPanel
from wagtail.models import Page
from wagtail.permissions import policy_registry

from awards.permissions import is_awards_staff, is_platform_admin
from cms import admin_views, services
from cms.models import AwardPage
from cms.partners import admin_views as partners


@hooks.register("construct_reports_menu")
def show_site_history_to_award_teams(request, menu_items):
    # Wagtail lists "Site history" only to page editors; an award's observers
    # read their award's entries there too (cms.selectors.log_entries_for_user).
    if is_awards_staff(request.user) and not any(
        item.name == "site-history" for item in menu_items
    ):
        menu_items.append(
            MenuItem(
                # Wagtail's own label (and its translations).
                admin_views.SiteHistoryView.page_title,
                reverse("wagtailadmin_reports:site_history"),
                name="site-history",
                icon_name="history",
                order=1000,
            )
        )


class OwnRecentEditsPanel(RecentEditsPanel):
    """Wagtail's "Your most recent edits", without the pages the user may no
    longer edit (an award they have left)."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        context["last_edits"] = [
            (edited_at, page)
            for edited_at, page in context["last_edits"]
            if page.permissions_for_user(user).can_edit()
        ]
        return context


@hooks.register("construct_homepage_panels")
def scope_recent_edits_panel(request, panels):
    panels[:] = [
        OwnRecentEditsPanel() if type(panel) is RecentEditsPanel else panel
        for panel in panels
    ]


# An award's pages answer to its organisers (cms/services.py). After wagtail-
# localize's own after_create_page hook (order 0), so its aliases are included.
@hooks.register("after_create_page", order=100)
@hooks.register("after_edit_page", order=100)
def sync_award_page_permissions(request, page):
    if isinstance(page.specific, AwardPage):
        services.award_page_permissions_sync()


@hooks.register("after_copy_page", order=100)
def sync_award_page_permissions_after_copy(request, page, new_page):
    sync_award_page_permissions(request, new_page)


@hooks.register("before_delete_page")
def keep_award_pages_to_the_platform_admin(request, page):
    # Organisers edit their award's page and add pages below it; the page itself
    # is made and removed by the platform admin, like the award.
    if isinstance(page.specific, AwardPage) and not is_platform_admin(request.user):
        raise PermissionDenied


@hooks.register("construct_page_chooser_queryset")
def choose_among_live_pages_and_ones_own(pages, request):
    # A link may point to any published page; a draft's title is another team's
    # content, so only its editors find it.
    user = request.user
    if is_platform_admin(user):
        return pages
    editable = policy_registry.get_by_type(Page).instances_user_has_any_permission_for(
        user, {"change", "publish"}
    )
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))


@hooks.register("construct_explorer_page_queryset")
def explore_only_explorable_pages(parent_page, pages, request):
    # Wagtail opens any page's listing to a page editor; its children are
    # another award's content unless the user may explore them.
    user = request.user
    if is_platform_admin(user):
        return pages
    explorable = policy_registry.get_by_type(Page).explorable_instances(user)
    return pages.filter(pk__in=explorable.values("pk"))


# --- Partner API keys and webhooks: the platform admin's screens (cms/partners/) ----


@hooks.register("register_admin_urls")
def register_partner_api_urls():
    return [
        path("partners/", partners.PartnerKeysView.as_view(), name="cms_partner_keys"),
        path(
            "partners/new/",
            partners.PartnerKeyCreateView.as_view(),
            name="cms_partner_key_create",
        ),
        path(
            "partners/<int:pk>/revoke/",
            partners.PartnerKeyRevokeView.as_view(),
            name="cms_partner_key_revoke",
        ),
        path(
            "partners/<int:pk>/webhooks/",
            partners.PartnerWebhooksView.as_view(),
            name="cms_partner_webhooks",
        ),
        path(
            "partners/webhooks/<int:pk>/deliveries/",
            partners.WebhookDeliveriesView.as_view(),
            name="cms_partner_webhook_deliveries",
        ),
    ]


class PlatformAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return is_platform_admin(request.user)


@hooks.register("register_settings_menu_item")
def register_partner_keys_menu_item():
    return PlatformAdminMenuItem(
        _("Partner API keys"), "/admin/partners/", icon_name="key", order=900
    )
