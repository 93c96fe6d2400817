"""Organisers' screens: awards, categories, entries (filter, search, export), the
eligibility queue, results publication, prizes and their certificates, and entry
translations."""

import django_filters
from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from accounts.models import Language
from awards import selectors
from awards.admin_views import (
    broadcasts,
    certificates,
    eligibility,
    publication,
    scoping,
    teams,
)
from awards.admin_views.columns import TextColumn
from awards.admin_views.translations import EntryTranslationViewSet
from awards.enums import EntryState
from awards.jury.viewsets import (
    ConflictViewSet,
    CriterionViewSet,
    JurorViewSet,
    RoundViewSet,
    TeamViewSet,
)
from awards.models import Award, Category, Entry
from awards.permissions import is_awards_organiser, is_awards_staff
from awards.services.entries import ENTRY_DETAIL_FIELDS

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
    ]


class EntryFilterSet(scoping.TeamFilterSet):
    award = django_filters.ModelChoiceFilter(
        label=_("Award"), field_name="category__award", queryset=Award.objects.all()
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Category"),
        queryset=Category.objects.select_related("award"),
    )
    state = django_filters.ChoiceFilter(label=_("State"), choices=EntryState.choices)
    country = django_filters.ChoiceFilter(label=_("Country"), choices=countries)
    language = django_filters.ModelChoiceFilter(
        label=_("Language"), queryset=Language.objects.all()
    )

    class Meta:
        model = Entry
        fields = ["award", "category", "state", "country", "language"]


class EntryIndexView(scoping.TeamIndexView):
    def get_base_queryset(self):
        return selectors.entries_for_staff(user=self.request.user)

    def get_list_more_buttons(self, instance):
        # Entries have no edit, copy or delete screens, so Wagtail's "More" menu
        # would hold only "Inspect", the link the reference already is; drawn
        # for every row it cost as much as the rest of the row.
        return []


class EntryViewSet(TeamViewSet):
    """Entries are written by entrants and moved by services: no add, edit or
    delete here, only the list, the inspect page and the eligibility queue."""

    model = Entry
    name = "award_entries"
    icon = "doc-full"
    menu_label = _("Entries")
    index_view_class = EntryIndexView
    list_per_page = 50
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = EntryFilterSet
    search_fields = ["title", "reference", "owner__email", "owner__display_name"]
    search_backend_name = None
    list_display = [
        "reference",
        TextColumn("title", label=_("Title"), accessor="title"),
        TextColumn("owner", label=_("Entrant"), accessor="owner"),
        TextColumn("category", label=_("Category"), accessor="category"),
        TextColumn("state", label=_("State"), accessor="get_state_display"),
        TextColumn("country", label=_("Country"), accessor="country.name"),
        TextColumn("language", label=_("Language"), accessor="language"),
        TextColumn(
            "submitted_at",
            label=capfirst(Entry._meta.get_field("submitted_at").verbose_name),
            sort_key="submitted_at",
        ),
    ]
    list_export = [
        "reference",
        "title",
        "owner.display_name",
        "owner.email",
        "category.award.title",
        "category.name",
        "get_state_display",
        "country.name",
        "language_id",
        "outlet",
        "published_on",
        "publication_urls",
        "media_url",
        "ai_use",
        "ai_use_description",
        "get_licence_display",
        "submitted_at",
        "file_count",
    ]
    export_headings = {
        "reference": _("Reference"),
        "title": _("Title"),
        "owner.display_name": _("Entrant"),
        "owner.email": _("Email"),
        "category.award.title": _("Award"),
        "category.name": _("Category"),
        "get_state_display": _("State"),
        "country.name": _("Country"),
        "language_id": _("Language"),
        "outlet": _("Outlet"),
        "published_on": _("Publication date"),
        "publication_urls": _("Publication URLs"),
        "media_url": _("Video or audio link"),
        "ai_use": _("Use of AI"),
        "ai_use_description": _("How AI was used"),
        "get_licence_display": _("Licence for partner broadcasters"),
        "submitted_at": _("Submitted at"),
        "file_count": _("Attachments"),
    }
    export_filename = "entries"
    inspect_view_fields = [
        "reference",
        "title",
        "owner",
        "category",
        "state",
        *ENTRY_DETAIL_FIELDS,
        "submitted_at",
    ]
    form_fields = ["title"]  # required by ModelViewSet; no edit view is routed

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                **kwargs,
            }
        )

    def get_urlpatterns(self):
        kept = {"index", "index_results", "inspect", "history", "history_results"}
        patterns = [p for p in super().get_urlpatterns() if p.name in kept]
        return [
            *patterns,
            path(
                "eligibility/",
                eligibility.EligibilityQueueView.as_view(),
                name="eligibility",
            ),
            path(
                "eligibility/<int:pk>/check/",
                eligibility.eligibility_check,
                name="eligibility_check",
            ),
            path(
                "eligibility/<int:pk>/override/",
                eligibility.eligibility_override,
                name="eligibility_override",
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
