"""The site history report in the Wagtail admin, cut to what the person may see."""

from django.contrib.auth import get_user_model
from django.db.models import IntegerField, Value
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import ContentTypeFilter
from wagtail.admin.views.reports.audit_logging import (
    LogEntriesView,
    SiteHistoryReportFilterSet,
)
from wagtail.log_actions import registry as log_action_registry

from cms import selectors as cms_selectors


class SiteHistoryFilterSet(SiteHistoryReportFilterSet):
    """Type, action and user filters that offer only what the entries shown hold."""

    object_type = ContentTypeFilter(
        label=gettext_lazy("Type"),
        method="filter_object_type",
        queryset=lambda request: cms_selectors.log_content_types_for_user(
            user=request.user
        ),
    )

    def get_action_choices(self):
        actions = cms_selectors.log_actions_for_user(user=self.request.user)
        return [c for c in log_action_registry.get_choices() if c[0] in actions]

    def get_users_queryset(self):
        User = get_user_model()
        ids = cms_selectors.log_user_ids_for_user(user=self.request.user)
        return User.objects.filter(pk__in=ids).order_by(User.USERNAME_FIELD)


class SiteHistoryView(LogEntriesView):
    """Wagtail's site history report (with its results and exports), mounted over
    Wagtail's own address: each person reads the entries of
    `cms.selectors.log_entries_for_user`, not those of their model permissions."""

    filterset_class = SiteHistoryFilterSet

    def get_filtered_queryset(self):
        # Wagtail's union of one values() query per log model (see LogEntriesView).
        self.log_models = cms_selectors.log_entry_models()
        parts = [
            self.filter_queryset(
                cms_selectors.log_entries_for_user(
                    user=self.request.user, log_model=log_model
                )
                .values("pk", "timestamp")
                .annotate(log_model_index=Value(index, output_field=IntegerField()))
            ).order_by()
            for index, log_model in enumerate(self.log_models)
        ]
        return parts[0].union(*parts[1:], all=True).order_by("-timestamp")
