from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from awards.models.awards import validate_hex_colour
from cms.blocks import BodyBlock, SocialLinkBlock, TimelineBlock
from cms.colours import validate_brand_colour
from cms.forms import AwardPageForm


class PublicPage(Page):
    """Shared behaviour of the public pages: sitemap entries with language alternates.

    Abstract: every concrete page type below derives from it.
    """

    class Meta:
        abstract = True

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        alternates = [
            {
                "lang_code": page.locale.language_code,
                "location": page.get_full_url(request),
            }
            for page in self.get_translations(inclusive=True)
            .live()
            .public()
            .select_related("locale")
        ]
        for url in urls:
            url["alternates"] = alternates
        return urls


class HomePage(PublicPage):
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
    subpage_types = [
        "cms.StandardPage",
        "cms.AwardPage",
        "cms.AwardIndexPage",
        "cms.WinnersArchivePage",
        "cms.NewsIndexPage",
    ]
    max_count_per_parent = 1
    # How many of the latest winners the front page shows.
    LATEST_WINNERS = 3

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from cms.home import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(self, request, winners=self.LATEST_WINNERS))
        return context


class StandardPage(PublicPage):
    """A page of text: rules, about, partners, contact."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    # Below an award page: its rules, jury or partners pages, which the award's
    # organisers may add (AwardPage lists StandardPage among its subpages).
    parent_page_types = ["cms.HomePage", "cms.StandardPage", "cms.AwardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class AwardPage(RoutablePageMixin, PublicPage):
    """The public page of one award: the call for entries while open, then its
    winners and finalists once the results are published; each of those entries has
    its own page under `entries/<id>/`.

    The award's data (dates, categories, rules, prizes) lives in `awards` and is read
    through its selectors; this page adds the editorial text around it.
    """

    award = models.ForeignKey(
        "awards.Award",
        verbose_name=_("award"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    intro = models.TextField(_("introduction"), blank=True)
    timeline = StreamField(
        [("milestone", TimelineBlock())], verbose_name=_("timeline"), blank=True
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("award"),
        FieldPanel("intro"),
        FieldPanel("timeline"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    # Its award's organisers edit it (cms/services.py); they choose only among
    # the awards they organise.
    base_form_class = AwardPageForm

    parent_page_types = ["cms.HomePage", "cms.AwardIndexPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("award page")
        verbose_name_plural = _("award pages")

    def get_context(self, request, *args, **kwargs):
        from awards import selectors
        from awards.clock import now

        context = super().get_context(request, *args, **kwargs)
        context["award"] = self.award
        context["categories"] = selectors.categories_for_award(award=self.award)
        context["is_open"] = self.award.is_open(now())
        context["has_opened"] = now() >= self.award.opens_at
        context["results"] = self.results()
        context["audit_head"] = selectors.audit_head_for_award(award=self.award)
        return context

    def results(self) -> list[dict]:
        """Per category, its public prizes in display order; empty until published."""
        from awards.selectors import public

        groups: dict[int, dict] = {}
        for item in public.present_all(public.prizes_for_award(award=self.award)):
            category = item.entry.category
            group = groups.setdefault(category.pk, {"category": category, "items": []})
            group["items"].append(item)
        for group in groups.values():
            group["items"].sort(
                key=lambda item: public.PRIZE_ORDER.index(item.prize.kind)
            )
        return sorted(
            groups.values(), key=lambda g: (g["category"].position, g["category"].name)
        )

    @path("entries/<int:entry_id>/", name="entry")
    def entry(self, request, entry_id: int):
        """A winning or finalist entry's public page; any other entry is a 404."""
        from awards.selectors import public

        prize = public.public_prize_for_entry(award=self.award, entry_id=entry_id)
        if prize is None:
            raise Http404
        from awards.selectors.localized import localized
        from cms.works import media_embed, media_file, other_versions

        item = public.present(prize)
        suffix = f"entries/{entry_id}/"
        return self.render(
            request,
            template="cms/entry_page.html",
            context_overrides={
                "item": item,
                "other_versions": other_versions(
                    page=self, request=request, item=item, suffix=suffix
                ),
                "media_embed": media_embed(item.entry.media_url),
                "media_file": media_file(item.entry),
                "route_suffix": suffix,
                "og_title": item.title,
                "og_description": localized(item.prize, "citation").text,
            },
        )

    def get_sitemap_urls(self, request=None):
        from awards.selectors import public

        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        base = urls[0]
        prizes = public.prizes_for_award(award=self.award)
        for prize in prizes:
            suffix = f"entries/{prize.entry_id}/"
            urls.append(
                {
                    "location": base["location"] + suffix,
                    "lastmod": prize.entry.category.award.results_publication.publish_at,  # noqa: E501
                    "alternates": [
                        {**alt, "location": alt["location"] + suffix}
                        for alt in base.get("alternates", [])
                    ],
                }
            )
        return urls


class AwardIndexPage(PublicPage):
    """Every edition of the award in this language, newest first (wherever its page
    sits in the tree)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.AwardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("award index page")
        verbose_name_plural = _("award index pages")

    def get_context(self, request, *args, **kwargs):
        from awards.selectors import public

        context = super().get_context(request, *args, **kwargs)
        editions = list(
            AwardPage.objects.live()
            .filter(locale=self.locale)
            .select_related("award")
            .order_by("-award__year", "title")
        )
        published = set(public.published_awards().values_list("pk", flat=True))
        context["editions"] = [
            {
                "page": page,
                "award": page.award,
                "is_published": page.award_id in published,
            }
            for page in editions
        ]
        return context


class WinnersArchivePage(PublicPage):
    """Every published prize across editions: filters, search, pagination."""

    intro = models.TextField(_("introduction"), blank=True)
    per_page = 20

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("winners archive page")
        verbose_name_plural = _("winners archive pages")

    def get_context(self, request, *args, **kwargs):
        from cms.archive import archive_context

        context = super().get_context(request, *args, **kwargs)
        context.update(archive_context(self, request))
        return context


class NewsIndexPage(PublicPage):
    """Announcements, newest first."""

    intro = models.TextField(_("introduction"), blank=True)
    per_page = 10

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.child_of(self).live().order_by("-date", "-pk")
        try:
            context["page_obj"] = Paginator(news, self.per_page).page(
                request.GET.get("page") or 1
            )
        except (EmptyPage, PageNotAnInteger) as error:
            raise Http404 from error
        return context


class NewsPage(PublicPage):
    """One announcement."""

    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("introduction"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news page")
        verbose_name_plural = _("news pages")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details shown in every page's footer, and the brand's colours."""

    contact_email = models.EmailField(_("contact email"), blank=True)
    social_links = StreamField(
        [("link", SocialLinkBlock())], verbose_name=_("social links"), blank=True
    )
    brand_colour = models.CharField(
        _("brand colour"),
        max_length=7,
        blank=True,
        validators=[validate_brand_colour],
        help_text=_(
            "The header's and buttons' colour, e.g. #0b5563; white text is drawn on "
            "it. Leave empty for Qalam's own."
        ),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        blank=True,
        validators=[validate_hex_colour],
        help_text=_(
            "Underlines, focus rings and the winners' marks, e.g. #f4c95d. Leave "
            "empty for Qalam's own."
        ),
    )

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("social_links"),
        FieldPanel("brand_colour"),
        FieldPanel("accent_colour"),
    ]

    class Meta:
        verbose_name = _("site settings")


# The partner API's keys, webhooks and delivery log (cms/partners/).
from cms.partners.models import (  # noqa: E402, F401
    PartnerKey,
    PartnerWebhook,
    WebhookDelivery,
)
