"""The entries' screens in the Wagtail admin: the team's list with its filters,
the inspect page and the export (registered by awards/wagtail_hooks.py)."""

import django_filters
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.models import Language
from awards import selectors
from awards.admin_views import eligibility, scoping
from awards.admin_views.columns import TextColumn
from awards.enums import EntryState
from awards.jury.viewsets import TeamViewSet
from awards.media_upload.page import media_context
from awards.models import Award, Category, Entry
from awards.services.entries import ENTRY_DETAIL_FIELDS


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


class EntryInspectView(scoping.TeamInspectView):
    """The entry's fields and, for its award's organisers, the uploader of its
    video or audio file (the same tus uploader as the entrant's page)."""

    template_name = "awards/admin/entry_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(media_context(self.request, self.object))
        return context

    def get_media_file_display_value(self):
        """The entry's uploaded video or audio: its name linking to it, its type,
        size, and who uploaded it when."""
        media = self.object.media_file
        if media is None or not media.is_complete:
            return "—"
        return format_html(
            '<a href="{}">{}</a> ({}, {}) · {}',
            reverse("awards:media_play", args=[self.object.pk]),
            media.filename,
            media.content_type,
            filesizeformat(media.length),
            _("uploaded by %(person)s on %(date)s")
            % {
                "person": media.uploaded_by,
                "date": date_format(localtime(media.completed_at), "DATETIME_FORMAT"),
            },
        )


class EntryViewSet(TeamViewSet):
    """Entries are written by entrants and moved by services: no add, edit or
    delete here, only the list, the inspect page and the eligibility queue."""

    model = Entry
    name = "award_entries"
    icon = "doc-full"
    menu_label = _("Entries")
    index_view_class = EntryIndexView
    inspect_view_class = EntryInspectView
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
        "media_file",
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
