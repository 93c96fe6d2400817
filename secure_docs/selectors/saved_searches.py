"""A member's own saved searches, opened in memory."""

from django.http import Http404

from investigations.access import Access
from secure_docs import crypto, permissions
from secure_docs.models import SavedSearch
from secure_docs.search.sealing import keys_of, saved_search_context


def saved_searches_of(*, access: Access) -> list[tuple[SavedSearch, dict]]:
    """The member's own saved searches here, each with its opened payload."""
    access.require(permissions.READ)
    found = []
    keys: dict[int, crypto.IndexKeys] = {}
    for saved in SavedSearch.objects.filter(
        investigation=access.investigation, user_id=access.membership.user_id
    ).select_related("key"):
        if saved.key_id not in keys:
            keys[saved.key_id] = keys_of(saved.key)
        try:
            payload = keys[saved.key_id].unseal(
                saved.ciphertext, context=saved_search_context(saved_search=saved)
            )
        except crypto.IntegrityFailure:
            continue
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
    try:
        return keys_of(saved_search.key).unseal(
            saved_search.ciphertext,
            context=saved_search_context(saved_search=saved_search),
        )
    except crypto.IntegrityFailure:
        return None
