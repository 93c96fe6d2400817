from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    # Wagtail's site history report, cut to the awards the user works on
    # (cms/admin_urls.py), answers at Wagtail's own address.
    path("admin/reports/", include("cms.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("cms.urls")),
]

if settings.DEBUG:  # pragma: no cover - local development only
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("awards/", include("awards.urls")),
    path("investigations/", include("investigations.urls")),
    path("investigations/", include("secure_docs.urls")),
    # A prize certificate's public verification page (its QR code leads here).
    path("certificates/", include("awards.public_urls")),
    # Wagtail's catch-all comes last.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
