"""Reads of the admin's shared screens, scoped to the person who asks."""

from collections.abc import Iterator

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import GroupPagePermission, ModelLogEntry, PageLogEntry

from awards import selectors as awards_selectors
from awards.permissions import is_platform_admin, page_editors_group_name

# Investigations are never named in the admin, not even to the platform admin
# (docs/permissions.md): their log entries stay out of every log screen.
CONFIDENTIAL_APPS = ("investigations", "secure_docs")


def log_entries_for_user(
    *, user: AbstractBaseUser | AnonymousUser, log_model: type[Model]
) -> QuerySet:
    """The entries of `log_model` that `user` reads in the admin's log screens
    (site history, its filters and exports).

    The platform admin reads every entry; a member of award teams the entries of
    their awards' objects (awards.selectors) and public pages; nobody reads an
    investigation's. Wagtail's own rule (any model permission opens every entry
    of that model) is not used: a log entry's label is the object's title.
    """
    if is_platform_admin(user):
        entries = log_model.objects.all()
    elif log_model is ModelLogEntry:
        entries = awards_selectors.log_entries_for_team(user=user)
    elif log_model is PageLogEntry:
        entries = _page_log_entries_for_team(user=user)
    else:
        entries = log_model.objects.none()
    return entries.exclude(content_type__app_label__in=CONFIDENTIAL_APPS)


def _page_log_entries_for_team(
    *, user: AbstractBaseUser | AnonymousUser
) -> QuerySet[PageLogEntry]:
    """The log entries of the public pages of `user`'s awards (organisers and
    observers): each page its award's page-editors group holds permissions on,
    and the pages below it, in every language."""
    if not (user.is_authenticated and user.is_active):
        return PageLogEntry.objects.none()
    awards = awards_selectors.awards_for_team(user=user).values_list("pk", flat=True)
    groups = [page_editors_group_name(award_id) for award_id in awards]
    paths = GroupPagePermission.objects.filter(group__name__in=groups).values_list(
        "page__path", flat=True
    )
    below = Q(pk__in=[])
    for path in set(paths):
        below |= Q(page__path__startswith=path)
    return PageLogEntry.objects.filter(below)


def log_entry_models() -> list[type[Model]]:
    """Every log model Wagtail writes to, in a stable order."""
    return list(log_action_registry.get_log_entry_models())


def _readable_logs(user: AbstractBaseUser | AnonymousUser) -> Iterator[QuerySet]:
    """`user`'s readable entries of each log model, one queryset per model."""
    for log_model in log_entry_models():
        yield log_entries_for_user(user=user, log_model=log_model)


def log_content_types_for_user(*, user) -> QuerySet[ContentType]:
    """The object types of the log entries `user` reads (the report's type filter)."""
    ids = set().union(*(e.get_content_type_ids() for e in _readable_logs(user)))
    return ContentType.objects.filter(pk__in=ids).order_by("model")


def log_actions_for_user(*, user) -> set[str]:
    """The actions of the log entries `user` reads."""
    return set().union(*(entries.get_actions() for entries in _readable_logs(user)))


def log_user_ids_for_user(*, user) -> set[int]:
    """Who wrote the log entries `user` reads."""
    return set().union(*(entries.get_user_ids() for entries in _readable_logs(user)))
