"""The search index's keys and the contexts its sealed pieces are bound to."""

from django.conf import settings

from secure_docs import crypto
from secure_docs.models import WorkspaceKey


def keys_of(key: WorkspaceKey) -> crypto.IndexKeys:
    """The search keys of a workspace key."""
    return crypto.index_keys(
        key_id=key.pk,
        wrapped_secret_key=key.wrapped_secret_key,
        kek=settings.QALAM_KEY_ENCRYPTION_KEY,
    )


def segment_context(unit_id: int, seq: int) -> bytes:
    """What a sealed segment is bound to: moved to another row, it fails to open."""
    return f"segment:{unit_id}:{seq}".encode()


def saved_search_context(*, saved_search) -> bytes:
    """What a saved search's sealed payload is bound to: its workspace, its owner
    and itself, so a row moved to another member or workspace does not open."""
    return (
        f"saved:{saved_search.investigation_id}:{saved_search.user_id}:"
        f"{saved_search.pk}"
    ).encode()


def saved_search_open(
    saved_search, *, cache: dict[int, crypto.IndexKeys]
) -> dict | None:
    """A saved search's payload (name, query) opened in memory, or None when it no
    longer opens; `cache` keeps each workspace key's derived keys for a loop."""
    if saved_search.key_id not in cache:
        cache[saved_search.key_id] = keys_of(saved_search.key)
    try:
        return cache[saved_search.key_id].unseal(
            saved_search.ciphertext,
            context=saved_search_context(saved_search=saved_search),
        )
    except crypto.IntegrityFailure:
        return None
