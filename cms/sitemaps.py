"""sitemap.xml: every live public page in every language, with hreflang alternates."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class PublicSitemap(Sitemap):
    """Wagtail's sitemap covers one site root; the translations of the home page are
    its siblings, so this one walks every locale's tree."""

    alternates = True

    def items(self):
        root = self.get_wagtail_site().root_page
        homes = root.get_translations(inclusive=True)
        pages = Page.objects.none()
        for home in homes:
            pages = pages | Page.objects.descendant_of(home, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()
