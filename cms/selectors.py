"""Reads of the admin's shared screens, scoped to the person who asks."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import ModelLogEntry, PageLogEntry

from awards import selectors as awards_selectors
from awards.permissions import is_platform_admin

# Investigations are never named in the admin, not even to the platform admin
# (docs/permissions.md): their log entries stay out of every log screen.
CONFIDENTIAL_APPS = ("investigations", "secure_docs")


def log_entries_for_user(
    *, user: AbstractBaseUser | AnonymousUser, log_model: type[Model]
) -> QuerySet:
    """The entries of `log_model` that `user` reads in the admin's log screens
    (site history, its filters and exports).

    The platform admin reads every entry; a member of award teams the entries of
    their awards' objects and public pages (awards.selectors); nobody reads an
    investigation's. Wagtail's own rule (any model permission opens every entry
    of that model) is not used: a log entry's label is the object's title.
    """
    if is_platform_admin(user):
        entries = log_model.objects.all()
    elif log_model is ModelLogEntry:
        entries = awards_selectors.log_entries_for_team(user=user)
    elif log_model is PageLogEntry:
        entries = awards_selectors.page_log_entries_for_team(user=user)
    else:
        entries = log_model.objects.none()
    return entries.exclude(content_type__app_label__in=CONFIDENTIAL_APPS)


def log_entry_models() -> list[type[Model]]:
    """Every log model Wagtail writes to, in a stable order."""
    return list(log_action_registry.get_log_entry_models())


def log_content_types_for_user(*, user) -> QuerySet[ContentType]:
    """The object types of the log entries `user` reads (the report's type filter)."""
    ids = set()
    for log_model in log_entry_models():
        entries = log_entries_for_user(user=user, log_model=log_model)
        ids |= entries.get_content_type_ids()
    return ContentType.objects.filter(pk__in=ids).order_by("model")


def log_actions_for_user(*, user) -> set[str]:
    """The actions of the log entries `user` reads."""
    actions = set()
    for log_model in log_entry_models():
        actions |= log_entries_for_user(user=user, log_model=log_model).get_actions()
    return actions


def log_user_ids_for_user(*, user) -> set[int]:
    """Who wrote the log entries `user` reads."""
    ids = set()
    for log_model in log_entry_models():
        ids |= log_entries_for_user(user=user, log_model=log_model).get_user_ids()
    return ids
