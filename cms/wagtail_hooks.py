"""Admin hooks of the public site: "Publish results", entry translations, and
what the shared admin screens (site history, dashboard) show to award teams."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.views.home import RecentEditsPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry

from awards import admin_scoping, publishing, selectors
from awards.models import EntryTranslation
from awards.permissions import is_awards_staff, is_platform_admin
from cms import admin_views, services
from cms.models import AwardPage


@hooks.register("register_admin_urls")
def register_results_publication_urls():
    return [
        path(
            "results/",
            admin_views.ResultsPublicationView.as_view(),
            name="cms_results_publication",
        ),
        path(
            "results/<int:award_id>/publish/",
            admin_views.results_publish,
            name="cms_results_publish",
        ),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_awards_staff(request.user)


@hooks.register("register_admin_menu_item")
def register_results_publication_menu_item():
    return StaffMenuItem(
        _("Publish results"), "/admin/results/", icon_name="doc-full-inverse", order=320
    )


class _TranslationSaveMixin:
    """Write through `publishing.entry_translation_save`, not `form.save()`, and
    show its refusal (the entry's own language) on the form."""

    def get_form(self, *args, **kwargs):
        # The entry chooser offers only entries of the awards the user organises.
        form = super().get_form(*args, **kwargs)
        if "entry" in form.fields:
            awards = selectors.awards_for_organiser(user=self.request.user)
            form.fields["entry"].queryset = form.fields["entry"].queryset.filter(
                category__award__in=awards.values("pk")
            )
        return form

    def save_instance(self):
        data = self.form.cleaned_data
        return publishing.entry_translation_save(
            entry=data["entry"],
            language=data["language"],
            title=data["title"],
            summary=data.get("summary", ""),
            actor=self.request.user,
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class TranslationCreateView(_TranslationSaveMixin, CreateView):
    pass


class TranslationEditView(
    admin_scoping.TeamObjectMixin, _TranslationSaveMixin, EditView
):
    team_action = "change"


class EntryTranslationViewSet(ModelViewSet):
    """Translated titles and summaries of prize-winning entries for the public site."""

    model = EntryTranslation
    icon = "globe"
    menu_label = _("Entry translations")
    add_to_admin_menu = False
    list_display = ["entry", "language", "title"]
    search_fields = ["title", "entry__title"]
    search_backend_name = None
    copy_view_enabled = False
    form_fields = ["entry", "language", "title", "summary"]
    add_view_class = TranslationCreateView
    index_view_class = admin_scoping.TeamIndexView
    delete_view_class = admin_scoping.TeamDeleteView
    edit_view_class = TranslationEditView

    def get_queryset(self, request):
        return EntryTranslation.objects.select_related("entry")


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


@hooks.register("construct_reports_menu")
def show_site_history_to_award_teams(request, menu_items):
    # Wagtail lists "Site history" only to page editors; an award's observers
    # read their award's entries there too (cms.selectors.log_entries_for_user).
    if is_awards_staff(request.user) and not any(
        item.name == "site-history" for item in menu_items
    ):
        menu_items.append(
            MenuItem(
                # Wagtail's own label (and its translations).
                admin_views.SiteHistoryView.page_title,
                reverse("wagtailadmin_reports:site_history"),
                name="site-history",
                icon_name="history",
                order=1000,
            )
        )


class OwnRecentEditsPanel(RecentEditsPanel):
    """Wagtail's "Your most recent edits", without the pages the user may no
    longer edit (an award they have left)."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        context["last_edits"] = [
            (edited_at, page)
            for edited_at, page in context["last_edits"]
            if page.permissions_for_user(user).can_edit()
        ]
        return context


@hooks.register("construct_homepage_panels")
def scope_recent_edits_panel(request, panels):
    panels[:] = [
        OwnRecentEditsPanel() if type(panel) is RecentEditsPanel else panel
        for panel in panels
    ]


# An award's pages answer to its organisers (cms/services.py). After wagtail-
# localize's own after_create_page hook (order 0), so its aliases are included.
@hooks.register("after_create_page", order=100)
@hooks.register("after_edit_page", order=100)
def sync_award_page_permissions(request, page):
    if isinstance(page.specific, AwardPage):
        services.award_page_permissions_sync()


@hooks.register("after_copy_page", order=100)
def sync_award_page_permissions_after_copy(request, page, new_page):
    sync_award_page_permissions(request, new_page)


@hooks.register("before_delete_page")
def keep_award_pages_to_the_platform_admin(request, page):
    # Organisers edit their award's page and add pages below it; the page itself
    # is made and removed by the platform admin, like the award.
    if isinstance(page.specific, AwardPage) and not is_platform_admin(request.user):
        raise PermissionDenied


@hooks.register("construct_page_chooser_queryset")
def choose_among_live_pages_and_ones_own(pages, request):
    # A link may point to any published page; a draft's title is another team's
    # content, so only its editors find it.
    user = request.user
    if is_platform_admin(user):
        return pages
    editable = policy_registry.get_by_type(Page).instances_user_has_any_permission_for(
        user, {"change", "publish"}
    )
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))


@hooks.register("construct_explorer_page_queryset")
def explore_only_explorable_pages(parent_page, pages, request):
    # Wagtail opens any page's listing to a page editor; its children are
    # another award's content unless the user may explore them.
    user = request.user
    if is_platform_admin(user):
        return pages
    explorable = policy_registry.get_by_type(Page).explorable_instances(user)
    return pages.filter(pk__in=explorable.values("pk"))
