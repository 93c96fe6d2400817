"""Award teams in the Wagtail admin: a permission policy and view mixins that cut
every awards screen (listings, filters, choosers, edit, inspect, history, usage)
to the awards whose team the user is on.

Someone outside an award's team gets a 404 on its objects, never a 403, so ids
cannot be probed; an observer of the award gets a refusal (403, which Wagtail
shows as a redirect with a message) on every change.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import policy_registry

from accounts.models import User
from awards import selectors
from awards.models import Award, Category
from awards.permissions import (
    OBSERVE,
    ORGANISE,
    award_permissions,
    is_awards_organiser,
    is_awards_staff,
    is_platform_admin,
)

READ = "view"


def award_id_of(instance: Model, award_path: str) -> int:
    """The id of the award `instance` belongs to, following `award_path`."""
    if not award_path:
        return instance.pk
    *hops, last = award_path.split("__")
    for hop in hops:
        instance = getattr(instance, hop)
    return getattr(instance, f"{last}_id")


class TeamPolicy(BasePermissionPolicy):
    """Model-level: the awards admin opens to team members (reading) and
    organisers (changing); only the platform admin adds or deletes awards.
    Instance-level: the award's team only."""

    def __init__(self, model, award_path: str):
        super().__init__(model)
        self.award_path = award_path

    def _admin_only(self, action: str) -> bool:
        return self.model is Award and action in ("add", "delete")

    def user_has_permission(self, user, action):
        if is_platform_admin(user):
            return True
        if self._admin_only(action):
            return False
        cache = user.__dict__.setdefault("_awards_admin_roles", {})
        key = READ if action == READ else ORGANISE
        if key not in cache:
            check = is_awards_staff if action == READ else is_awards_organiser
            cache[key] = check(user)
        return cache[key]

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if is_platform_admin(user):
            return True
        if self._admin_only(action):
            return False
        held = self._held(user, award_id_of(instance, self.award_path))
        return (OBSERVE if action == READ else ORGANISE) in held

    @staticmethod
    def _held(user, award_id: int) -> frozenset[str]:
        # Listings ask once per row and button: one query per award and request
        # (the admin loads a fresh user object for every request).
        cache = user.__dict__.setdefault("_award_team_permissions", {})
        if award_id not in cache:
            cache[award_id] = award_permissions(user, award_id)
        return cache[award_id]

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance)
            for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if is_platform_admin(user):
            return queryset
        if set(actions) == {READ}:
            awards = selectors.awards_for_team(user=user)
        else:
            awards = selectors.awards_for_organiser(user=user)
        lookup = f"{self.award_path}__in" if self.award_path else "pk__in"
        return queryset.filter(**{lookup: awards.values("pk")})

    def users_with_any_permission(self, actions):
        return User.objects.filter(is_active=True, is_superuser=True)


def _policy(model) -> TeamPolicy:
    return policy_registry.get_by_type(model)


class TeamIndexMixin:
    def get_base_queryset(self):
        return selectors.scope_to_team(
            super().get_base_queryset(),
            user=self.request.user,
            award_path=_policy(self.model).award_path,
        )


class TeamObjectMixin:
    """404 outside the award's team; 403 for a change by an observer."""

    team_action = None  # the action on the object that needs an organiser

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is None:
            return obj
        policy = _policy(self.model)
        user = self.request.user
        if not policy.user_has_permission_for_instance(user, READ, obj):
            raise Http404
        action = self.team_action
        if action:
            if not policy.user_has_permission_for_instance(user, action, obj):
                raise PermissionDenied
        return obj


class TeamIndexView(TeamIndexMixin, generic.IndexView):
    pass


class TeamEditView(TeamObjectMixin, generic.EditView):
    team_action = "change"


class TeamDeleteView(TeamObjectMixin, generic.DeleteView):
    team_action = "delete"


class TeamInspectView(TeamObjectMixin, generic.InspectView):
    pass


class TeamHistoryView(TeamObjectMixin, generic.HistoryView):
    pass


class TeamUsageView(TeamObjectMixin, generic.UsageView):
    pass


TEAM_VIEWS = {
    "index_view_class": TeamIndexView,
    "edit_view_class": TeamEditView,
    "delete_view_class": TeamDeleteView,
    "inspect_view_class": TeamInspectView,
    "history_view_class": TeamHistoryView,
    "usage_view_class": TeamUsageView,
}


class TeamFilterSet(WagtailFilterSet):
    """Award and category filters offer only the awards the user sees."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.request.user if self.request else None
        awards = selectors.awards_for_team(user=user) if user else Award.objects.none()
        for item in self.filters.values():
            queryset = getattr(item, "queryset", None)
            if isinstance(queryset, QuerySet):
                if queryset.model is Award:
                    item.queryset = queryset.filter(pk__in=awards.values("pk"))
                elif queryset.model is Category:
                    item.queryset = queryset.filter(award__in=awards.values("pk"))


def team_filterset(model, fields: list[str]) -> type[TeamFilterSet]:
    meta = type("Meta", (), {"model": model, "fields": fields})
    return type(f"{model.__name__}TeamFilterSet", (TeamFilterSet,), {"Meta": meta})


class TeamForm(WagtailAdminModelForm):
    """Choosers of awards and categories offer only the awards the user runs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        awards = selectors.awards_for_organiser(user=user).values("pk")
        if "award" in self.fields:
            self.fields["award"].queryset = Award.objects.filter(pk__in=awards)
        for name in ("category", "categories"):
            if name in self.fields:
                categories = Category.objects.filter(award__in=awards)
                award_id = getattr(self.instance, "award_id", None)
                if award_id and "award" not in self.fields:
                    categories = categories.filter(award_id=award_id)
                self.fields[name].queryset = categories.select_related("award")
