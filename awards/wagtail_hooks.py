"""Organisers' screens: awards, categories, entries (filter, search, export), the
eligibility queue, results publication, prizes and their certificates, and entry
translations."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from awards import selectors
from awards.admin_views import (
    broadcasts,
    certificates,
    prize_image,
    publication,
    scoping,
    teams,
)
from awards.admin_views.award_form import AwardAdminForm
from awards.admin_views.content_translations import (
    PrizeTranslationsView,
    TranslatedTeamForm,
)
from awards.admin_views.entries import EntryViewSet
from awards.admin_views.translations import EntryTranslationViewSet
from awards.jury.viewsets import (
    ConflictViewSet,
    CriterionViewSet,
    JurorViewSet,
    RoundViewSet,
    TeamViewSet,
)
from awards.models import Award, Category
from awards.permissions import is_awards_organiser, is_awards_staff

# Every awards model in the admin answers to its award's team (before any viewset
# asks Wagtail for a policy, which would otherwise make a model-wide fallback).
for _model, _path in selectors.AWARD_PATHS.items():
    register_permission_policy(_model, scoping.TeamPolicy(_model, _path))


class AwardViewSet(TeamViewSet):
    model = Award
    name = "award_editions"
    icon = "calendar-check"
    menu_label = _("Awards")
    add_to_admin_menu = False
    team_form_class = AwardAdminForm
    list_display = [
        "title",
        "year",
        "timezone",
        "closes_date",
        "closes_time",
        TitleColumn(
            "team",
            label=_("Team (organisers, observers)"),
            accessor=lambda award: _("Team"),
            url_name="award_editions:team",
        ),
    ]
    search_fields = ["title", "description"]
    search_backend_name = None
    copy_view_enabled = False
    panels = [
        FieldPanel("title"),
        FieldPanel("language"),
        FieldPanel("slug"),
        FieldPanel("year"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("timezone"),
                FieldRowPanel([FieldPanel("opens_date"), FieldPanel("opens_time")]),
                FieldRowPanel([FieldPanel("closes_date"), FieldPanel("closes_time")]),
                FieldPanel("grace_minutes"),
            ],
            heading=_("Dates"),
        ),
        FieldPanel("eligible_countries"),
        FieldPanel("max_entries_per_person"),
        FieldPanel("max_file_size_mb"),
        FieldPanel("rules"),
        FieldPanel("ai_policy"),
        MultiFieldPanel(
            [
                FieldPanel("certificate_heading"),
                FieldPanel("certificate_accent"),
                FieldRowPanel(
                    [
                        FieldPanel("certificate_signatory_name"),
                        FieldPanel("certificate_signatory_role"),
                    ]
                ),
                FieldPanel("certificate_logo"),
            ],
            heading=_("Certificates"),
        ),
        # The award's words in the other site languages (awards/selectors/localized).
        InlinePanel(
            "translations",
            heading=_("Translations"),
            label=_("Translation"),
            panels=[
                FieldPanel("language"),
                FieldPanel("title"),
                FieldPanel("description"),
                FieldPanel("rules"),
                FieldPanel("ai_policy"),
                FieldPanel("certificate_heading"),
            ],
        ),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/team/", teams.TeamView.as_view(), name="team"),
            path(
                "<int:pk>/team/<int:member_pk>/remove/",
                teams.team_member_remove,
                name="team_remove",
            ),
        ]


class CategoryViewSet(TeamViewSet):
    model = Category
    name = "award_categories"
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    team_form_class = TranslatedTeamForm
    list_display = ["name", "award", "max_age", "word_limit", "allows_teams"]
    filterset_class = scoping.team_filterset(Category, ["award"])

    # No usage page: it would link to entries, which have no edit screen.
    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"usage_url_name": None, **kwargs})

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name != "usage"]

    search_fields = ["name", "description"]
    search_backend_name = None
    copy_view_enabled = False
    panels = [
        FieldPanel("award"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("position"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("countries"),
                FieldRowPanel(
                    [FieldPanel("published_from"), FieldPanel("published_until")]
                ),
                FieldPanel("max_age"),
                FieldPanel("languages"),
                FieldPanel("allows_teams"),
                FieldPanel("required_attachments"),
                FieldPanel("word_limit"),
            ],
            heading=_("Eligibility"),
        ),
        InlinePanel(
            "translations",
            heading=_("Translations"),
            label=_("Translation"),
            panels=[
                FieldPanel("language"),
                FieldPanel("name"),
                FieldPanel("description"),
            ],
        ),
    ]


class AwardsGroup(ModelViewSetGroup):
    menu_label = _("Awards")
    menu_icon = "calendar-check"
    items = (
        AwardViewSet,
        CategoryViewSet,
        EntryViewSet,
        RoundViewSet,
        CriterionViewSet,
        JurorViewSet,
        ConflictViewSet,
    )


@hooks.register("register_admin_viewset")
def register_awards_viewsets():
    return AwardsGroup()


class StaffMenuItem(MenuItem):
    """Shown to the platform admin and every award team's members."""

    def is_shown(self, request):
        return is_awards_staff(request.user)


@hooks.register("register_admin_menu_item")
def register_eligibility_menu_item():
    return StaffMenuItem(
        _("Eligibility queue"),
        "/admin/award_entries/eligibility/",
        icon_name="tasks",
        order=310,
    )


@hooks.register("register_admin_urls")
def register_results_publication_urls():
    return [
        path(
            "results/",
            publication.ResultsPublicationView.as_view(),
            name="cms_results_publication",
        ),
        path(
            "results/<int:award_id>/publish/",
            publication.results_publish,
            name="cms_results_publish",
        ),
        path(
            "results/<int:award_id>/prizes/",
            certificates.AwardPrizesView.as_view(),
            name="cms_award_prizes",
        ),
        path(
            "results/prizes/<int:prize_id>/translations/",
            PrizeTranslationsView.as_view(),
            name="cms_prize_translations",
        ),
        path(
            "results/prizes/<int:prize_id>/image/",
            prize_image.PrizeImageView.as_view(),
            name="cms_prize_image",
        ),
        path(
            "results/prizes/<int:prize_id>/withdraw/",
            certificates.PrizeWithdrawView.as_view(),
            name="cms_prize_withdraw",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_results_publication_menu_item():
    return StaffMenuItem(
        _("Publish results"), "/admin/results/", icon_name="doc-full-inverse", order=320
    )


@hooks.register("register_admin_urls")
def register_broadcast_urls():
    return broadcasts.urlpatterns()


class OrganiserMenuItem(MenuItem):
    """Shown to the platform admin and the organisers of some award."""

    def is_shown(self, request):
        return is_awards_organiser(request.user)


@hooks.register("register_admin_menu_item")
def register_broadcasts_menu_item():
    return OrganiserMenuItem(
        _("Broadcasts"), "/admin/broadcasts/", icon_name="mail", order=325
    )


@hooks.register("register_admin_viewset")
def register_entry_translations():
    return EntryTranslationViewSet("entry_translations")


@hooks.register("register_admin_menu_item")
def register_entry_translations_menu_item():
    return StaffMenuItem(
        _("Entry translations"),
        "/admin/entry_translations/",
        icon_name="globe",
        order=330,
    )
