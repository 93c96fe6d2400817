from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock, SocialLinkBlock


class HomePage(Page):
    """The front page of a site in one language; translations are its siblings."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the site's name."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.StandardPage", "cms.AwardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class StandardPage(Page):
    """A page of text: rules, about, partners, contact."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class AwardPage(Page):
    """The public call for entries of one award: categories, rules, deadline, Enter.

    The award's data (dates, categories, rules) lives in `awards` and is read through
    its selectors; this page adds the editorial text around it.
    """

    award = models.ForeignKey(
        "awards.Award",
        verbose_name=_("award"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("award"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("award page")
        verbose_name_plural = _("award pages")

    def get_context(self, request, *args, **kwargs):
        from awards import selectors
        from awards.services import now

        context = super().get_context(request, *args, **kwargs)
        context["award"] = self.award
        context["categories"] = selectors.categories_for_award(award=self.award)
        context["is_open"] = self.award.is_open(now())
        context["has_opened"] = now() >= self.award.opens_at
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details shown in every page's footer."""

    contact_email = models.EmailField(_("contact email"), blank=True)
    social_links = StreamField(
        [("link", SocialLinkBlock())], verbose_name=_("social links"), blank=True
    )

    panels = [FieldPanel("contact_email"), FieldPanel("social_links")]

    class Meta:
        verbose_name = _("site settings")
