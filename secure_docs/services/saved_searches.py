"""Saved searches: a member keeps a query (sealed like the index) and hears by
email when a new document matches it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from investigations import selectors as investigation_selectors
from investigations.models import Investigation
from secure_docs import crypto, permissions, selectors
from secure_docs.enums import IndexKind
from secure_docs.models import SavedSearch, SavedSearchMatch, SearchUnit
from secure_docs.search.normalise import query_words
from secure_docs.search.sealing import (
    keys_of,
    saved_search_context,
    saved_search_open,
)
from secure_docs.selectors import SearchQuery
from secure_docs.services._common import enqueue
from secure_docs.services.keys import workspace_key_ensure

MAX_PER_MEMBER = 50


@transaction.atomic
def saved_search_create(
    *,
    actor: User,
    investigation: Investigation,
    name: str,
    query: SearchQuery,
    notify: bool = True,
) -> SavedSearch:
    """Keep `query` for the actor (members); its name and words are sealed."""
    investigation_selectors.access_required(
        user=actor, investigation=investigation, codename=permissions.READ
    )
    groups, _truncated = query_words(query.text)
    if not groups:
        raise ValidationError(_("Type at least one word to search for."))
    name = name.strip()[:100] or query.text.strip()[:100]
    mine = SavedSearch.objects.filter(investigation=investigation, user=actor)
    if mine.count() >= MAX_PER_MEMBER:
        raise ValidationError(
            _("You have %(n)s saved searches here; delete one first.")
            % {"n": MAX_PER_MEMBER}
        )
    key = workspace_key_ensure(investigation=investigation)
    saved = SavedSearch(
        investigation=investigation,
        user=actor,
        key=key,
        ciphertext=b"",
        notify=notify,
    )
    saved.full_clean(exclude=["ciphertext"])
    saved.save()
    saved.ciphertext = keys_of(key).seal(
        {"name": name, "query": query.as_dict()},
        context=saved_search_context(saved_search=saved),
    )
    saved.save(update_fields=["ciphertext"])
    return saved


@transaction.atomic
def saved_search_delete(*, actor: User, saved_search: SavedSearch) -> None:
    """Delete one of the actor's own saved searches."""
    if saved_search.user_id != actor.pk:
        raise ValidationError(_("This saved search is not yours."))
    saved_search.delete()


def saved_searches_prune(*, investigation: Investigation) -> int:
    """Delete the saved searches of people who are no longer members here."""
    members = selectors.current_members(investigation=investigation).values("user_id")
    deleted, _rows = (
        SavedSearch.objects.filter(investigation=investigation)
        .exclude(user_id__in=members)
        .delete()
    )
    return deleted


def saved_searches_check(*, unit_id: int) -> list[int]:
    """Record which saved searches a newly indexed document matches, and enqueue
    one email per new match; returns the new matches' ids. Idempotent: a match
    is recorded (and announced) once."""
    unit = (
        SearchUnit.objects.select_related("investigation")
        .filter(pk=unit_id, kind=IndexKind.DOCUMENT, indexed_at__isnull=False)
        .first()
    )
    if unit is None:
        return []
    keys: dict[int, crypto.IndexKeys] = {}
    created = []
    for saved in SavedSearch.objects.filter(
        investigation=unit.investigation, notify=True
    ).select_related("key", "user"):
        access = investigation_selectors.access_for(
            user=saved.user, investigation=unit.investigation
        )
        if access is None or not access.can(permissions.READ):
            continue
        payload = saved_search_open(saved, cache=keys)
        if payload is None:
            continue
        query = SearchQuery.from_dict(payload["query"])
        if not selectors.unit_matches(query=query, unit=unit):
            continue
        with transaction.atomic():
            match, is_new = SavedSearchMatch.objects.get_or_create(
                saved_search=saved, unit=unit
            )
            if is_new:
                enqueue("notify_saved_search_match", match.pk)
                created.append(match.pk)
    return created
