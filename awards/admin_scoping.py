"""Moved to awards.admin_views.scoping. Kept so that awards.jury (another
engineer's area) imports it until it is switched over."""

from awards.admin_views.scoping import (
    READ,
    TEAM_VIEWS,
    TeamDeleteView,
    TeamEditView,
    TeamFilterSet,
    TeamForm,
    TeamHistoryView,
    TeamIndexMixin,
    TeamIndexView,
    TeamInspectView,
    TeamObjectMixin,
    TeamPolicy,
    TeamUsageView,
    award_id_of,
    team_filterset,
)

__all__ = [
    "READ",
    "TEAM_VIEWS",
    "TeamDeleteView",
    "TeamEditView",
    "TeamFilterSet",
    "TeamForm",
    "TeamHistoryView",
    "TeamIndexMixin",
    "TeamIndexView",
    "TeamInspectView",
    "TeamObjectMixin",
    "TeamPolicy",
    "TeamUsageView",
    "award_id_of",
    "team_filterset",
]
