"""Admin addresses of Wagtail's that we answer ourselves, mounted before Wagtail's
admin in config/urls.py (hooks' URLs come after Wagtail's own and could not
replace them). Wrapped as Wagtail wraps its admin views."""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from cms import admin_views

urlpatterns = decorate_urlpatterns(
    decorate_urlpatterns(
        [
            path(
                "site-history/",
                admin_views.SiteHistoryView.as_view(),
                name="cms_site_history",
            ),
            path(
                "site-history/results/",
                admin_views.SiteHistoryView.as_view(results_only=True),
                name="cms_site_history_results",
            ),
        ],
        require_admin_access,
    ),
    never_cache,
)
