"""Wagtail viewsets for jury configuration: rounds, rubric criteria, jurors,
conflicts. State changes, assignment and decisions go through the round's
management page (awards/jury/admin_views.py), never through these forms."""

from django.contrib import messages
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet

from awards.admin_views import scoping
from awards.jury import admin_bias, admin_calibration, admin_deliberation, admin_views
from awards.jury.models import Conflict, Criterion, Juror, Round


class TeamViewSet(ModelViewSet):
    """A viewset whose screens show only the awards of the user's teams
    (awards/scoping.py); forms offer only the awards they organise."""

    index_view_class = scoping.TeamIndexView
    edit_view_class = scoping.TeamEditView
    delete_view_class = scoping.TeamDeleteView
    inspect_view_class = scoping.TeamInspectView
    history_view_class = scoping.TeamHistoryView
    usage_view_class = scoping.TeamUsageView
    # A viewset that offers fewer screens names the URLs it keeps (None: all) and
    # the views whose links its screens must not show.
    kept_urls: frozenset[str] | None = None
    hidden_links: tuple[str, ...] = ()
    # The edit form's base (a subclass of scoping.TeamForm).
    team_form_class = scoping.TeamForm

    def get_common_view_kwargs(self, **kwargs):
        hidden = {f"{name}_url_name": None for name in self.hidden_links}
        return super().get_common_view_kwargs(**{**hidden, **kwargs})

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        if self.kept_urls is None:
            return patterns
        return [p for p in patterns if p.name in self.kept_urls]

    def get_edit_handler(self):
        if getattr(self, "panels", None):
            return ObjectList(
                self.panels, base_form_class=self.team_form_class
            ).bind_to_model(self.model)
        return super().get_edit_handler()


class KeepReferencedDeleteView(scoping.TeamDeleteView):
    """Refuses, with a message, to delete what sheets or the audit record use."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _("It is in use by score sheets or the audit record, so it stays."),
            )
            return HttpResponseRedirect(self.get_success_url())


class RoundForm(scoping.TeamForm):
    """The chair is chosen among the active jurors of the round's award (of the
    awards the user organises, for a new round); `Round.clean` checks the rest."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "chair" in self.fields:
            jurors = Juror.objects.filter(
                accepted_at__isnull=False, removed_at__isnull=True
            ).select_related("user", "award")
            if self.instance.award_id:
                jurors = jurors.filter(award_id=self.instance.award_id)
            else:
                jurors = jurors.filter(award__in=self.fields["award"].queryset)
            self.fields["chair"].queryset = jurors


class RoundViewSet(TeamViewSet):
    model = Round
    name = "award_rounds"
    delete_view_class = KeepReferencedDeleteView
    icon = "group"
    menu_label = _("Jury rounds")
    copy_view_enabled = False
    list_display = [
        "name",
        "award",
        "kind",
        TitleColumn(
            "manage",
            label=_("State (manage, assign, results)"),
            accessor="get_state_display",
            url_name="award_rounds:manage",
        ),
        "closes_at",
        "jurors_per_entry",
        "is_blind",
    ]
    filterset_class = scoping.team_filterset(Round, ["award", "state"])
    search_fields = ["name"]
    search_backend_name = None
    team_form_class = RoundForm
    panels = [
        FieldPanel("award"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("position")]),
        FieldPanel("categories"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("jurors_per_entry"),
        FieldRowPanel(
            [FieldPanel("min_juror_countries"), FieldPanel("exclude_own_country")]
        ),
        FieldPanel("expertise_weight"),
        FieldPanel("is_blind"),
        FieldPanel("score_visibility"),
        FieldPanel("disagreement_threshold"),
        FieldPanel("feedback_to_entrants"),
        FieldPanel("results_remove_own_country"),
        FieldPanel("chair"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/manage/", admin_views.RoundManageView.as_view(), name="manage"
            ),
            path("<int:pk>/state/<str:action>/", admin_views.round_state, name="state"),
            path("<int:pk>/assign/", admin_views.round_assign, name="assign"),
            path(
                "<int:pk>/calibration/",
                admin_calibration.calibration_add,
                name="calibration_add",
            ),
            path(
                "<int:pk>/calibration/<int:entry_pk>/remove/",
                admin_calibration.calibration_remove,
                name="calibration_remove",
            ),
            path(
                "<int:pk>/swap/<int:assignment_pk>/",
                admin_views.round_swap,
                name="swap",
            ),
            path("<int:pk>/conflict/", admin_views.round_conflict, name="conflict"),
            path("<int:pk>/invite/", admin_views.juror_invite, name="invite"),
            path(
                "<int:pk>/jurors/<int:juror_pk>/remove/",
                admin_views.juror_remove,
                name="juror_remove",
            ),
            path(
                "<int:pk>/results/", admin_views.ResultsView.as_view(), name="results"
            ),
            path("<int:pk>/export.<str:fmt>", admin_views.round_export, name="export"),
            path("<int:pk>/bias/", admin_bias.BiasView.as_view(), name="bias"),
            path("<int:pk>/bias.<str:fmt>", admin_bias.bias_export, name="bias_export"),
            path("<int:pk>/shortlist/", admin_views.round_shortlist, name="shortlist"),
            path("<int:pk>/prize/", admin_views.round_prize, name="prize"),
            path(
                "<int:pk>/feedback/",
                admin_views.FeedbackView.as_view(),
                name="feedback",
            ),
            path(
                "<int:pk>/deliberation/",
                admin_deliberation.DeliberationView.as_view(),
                name="deliberation",
            ),
            path(
                "<int:pk>/reminders/",
                admin_deliberation.RemindersView.as_view(),
                name="reminders",
            ),
            path(
                "<int:pk>/feedback/<int:sheet_pk>/",
                admin_views.feedback_review,
                name="feedback_review",
            ),
        ]


class CriterionViewSet(TeamViewSet):
    model = Criterion
    name = "award_criteria"
    delete_view_class = KeepReferencedDeleteView
    icon = "list-ol"
    menu_label = _("Rubric criteria")
    copy_view_enabled = False
    list_display = [
        "name",
        "award",
        "category",
        "weight",
        "min_score",
        "max_score",
        "step",
    ]
    filterset_class = scoping.team_filterset(Criterion, ["award"])
    search_fields = ["name"]
    search_backend_name = None
    panels = [
        FieldPanel("award"),
        FieldPanel("category"),
        FieldPanel("name"),
        FieldPanel("guidance"),
        FieldRowPanel(
            [
                FieldPanel("weight"),
                FieldPanel("min_score"),
                FieldPanel("max_score"),
                FieldPanel("step"),
            ]
        ),
        FieldPanel("position"),
    ]


class JurorViewSet(TeamViewSet):
    """Jurors join by invitation (from a round's page); here staff set what they
    judge and the relations they declared."""

    model = Juror
    name = "award_jurors"
    icon = "user"
    menu_label = _("Jurors")
    copy_view_enabled = False
    list_display = ["email", "award", "user", "accepted_at", "removed_at"]
    filterset_class = scoping.team_filterset(Juror, ["award"])
    search_fields = ["email"]
    search_backend_name = None
    panels = [
        FieldPanel("categories"),
        FieldPanel("max_entries"),
        FieldPanel("expertise"),
        FieldPanel("related_people"),
    ]
    kept_urls = frozenset({"index", "index_results", "edit"})
    hidden_links = ("add", "delete", "usage", "history")


class ConflictViewSet(TeamViewSet):
    """Recorded conflicts, read-only; staff add one from a round's page."""

    model = Conflict
    name = "award_conflicts"
    icon = "warning"
    menu_label = _("Conflicts")
    copy_view_enabled = False
    list_display = ["juror", "entry", "source", "reason", "created_at"]
    filterset_class = scoping.team_filterset(Conflict, ["source"])
    search_fields = ["reason"]
    search_backend_name = None
    form_fields = ["reason"]
    kept_urls = frozenset({"index", "index_results"})
    hidden_links = ("add", "edit", "delete")
