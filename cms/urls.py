"""Public site addresses outside the page tree: open data, feed, sitemap, robots."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from cms import api, views
from cms.feeds import NewsAndResultsFeed
from cms.partners.api import api as partner_api
from cms.sitemaps import PublicSitemap

urlpatterns = [
    path("api/winners.json", api.winners_json, name="api_winners_json"),
    path("api/winners.csv", api.winners_csv, name="api_winners_csv"),
    # The partner API (cms/partners/api.py): keys, winners, embargoed shortlists.
    path("api/partners/v1/", partner_api.urls),
    path("feeds/atom.xml", NewsAndResultsFeed(), name="feed_atom"),
    path(
        "sitemap.xml", sitemap, {"sitemaps": {"pages": PublicSitemap}}, name="sitemap"
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
