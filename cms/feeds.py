"""An Atom feed of news and published results."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Site

from awards.selectors import public
from awards.selectors.localized import localized
from cms.models import AwardPage, NewsPage


class NewsAndResultsFeed(Feed):
    """News pages and announcements of published results, newest first."""

    feed_type = Atom1Feed
    link = "/"

    def title(self):
        return _("Qalam: news and results")

    def subtitle(self):
        return _("Announcements and award results from Qalam.")

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def items(self):
        news = [
            {
                "title": page.title,
                "description": page.intro,
                "link": page.get_url(self.request),
                "date": datetime.datetime.combine(
                    page.date, datetime.time(), tzinfo=datetime.UTC
                ),
                "id": f"news-{page.pk}",
            }
            for page in NewsPage.objects.live().public().order_by("-date")[:20]
        ]
        award_pages = {
            page.award_id: page
            for page in AwardPage.objects.live()
            .public()
            .filter(locale__language_code="en")
        }
        results = []
        for award in public.latest_publications():
            page = award_pages.get(award.pk)
            title = localized(award, "title").text
            results.append(
                {
                    "title": _("Results: %(award)s") % {"award": title},
                    "description": _("The winners and finalists of %(award)s.")
                    % {"award": title},
                    "link": page.get_url(self.request) if page else "/",
                    "date": award.results_publication.publish_at,
                    "id": f"results-{award.pk}",
                }
            )
        items = news + results
        items.sort(key=lambda item: item["date"], reverse=True)
        return items[:30]

    def item_title(self, item):
        return item["title"]

    def item_description(self, item):
        return item["description"]

    def item_link(self, item):
        return item["link"]

    def item_pubdate(self, item):
        return item["date"]

    def item_updateddate(self, item):
        return item["date"]

    def item_guid(self, item):
        site = Site.objects.filter(is_default_site=True).first()
        host = site.hostname if site else "qalam"
        return f"tag:{host},2025:{item['id']}"

    item_guid_is_permalink = False
