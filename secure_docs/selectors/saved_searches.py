"""A member's own saved searches, opened in memory."""

from django.http import Http404

from investigations.access import Access
from secure_docs import crypto, permissions
from secure_docs.models import SavedSearch
from secure_docs.search.sealing import saved_search_open


def saved_searches_of(*, access: Access) -> list[tuple[SavedSearch, dict]]:
    """The member's own saved searches here, each with its opened payload."""
    access.require(permissions.READ)
    found = []
    cache: dict[int, crypto.IndexKeys] = {}
    for saved in SavedSearch.objects.filter(
        investigation=access.investigation, user_id=access.membership.user_id
    ).select_related("key"):
        payload = saved_search_open(saved, cache=cache)
        if payload is not None:
            found.append((saved, payload))
    return found


def saved_search_for(*, access: Access, saved_search_id: int) -> SavedSearch:
    """One of the member's own saved searches here; Http404 for anyone else's."""
    access.require(permissions.READ)
    saved = (
        SavedSearch.objects.filter(
            pk=saved_search_id,
            investigation=access.investigation,
            user_id=access.membership.user_id,
        )
        .select_related("key")
        .first()
    )
    if saved is None:
        raise Http404
    return saved


def saved_search_payload(*, access: Access, saved_search: SavedSearch) -> dict | None:
    """One of the member's saved searches opened (name, query); None if it no
    longer opens."""
    if saved_search.user_id != access.membership.user_id:
        raise Http404
    return saved_search_open(saved_search, cache={})
