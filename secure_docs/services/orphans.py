"""Tidying the storage: objects no version references."""

import logging

from secure_docs import storage
from secure_docs.models import DocumentVersion
from secure_docs.services._common import stale_before

logger = logging.getLogger(__name__)


def orphans_delete(*, batch: int = 500) -> list[str]:
    """Delete stored objects no version references; returns their names.

    A worker or an upload that died between writing an object and switching its row
    leaves one behind (re-encryption writes the new ciphertext, switches the row, then
    deletes the old one). Only objects older than SECURE_DOCS_STALE_AFTER go, so an
    upload in flight keeps its object; references are read after the listing, so an
    object a version points at is never deleted.
    """
    cutoff = stale_before()
    deleted: list[str] = []

    def sweep(names: list[str]) -> None:
        referenced = set(
            DocumentVersion.objects.filter(storage_name__in=names).values_list(
                "storage_name", flat=True
            )
        )
        for name in names:
            if name not in referenced:
                storage.delete(name)
                logger.warning("deleted orphan secure object %s", name)
                deleted.append(name)

    old: list[str] = []
    for name, modified in storage.stored_objects():
        if modified < cutoff:
            old.append(name)
        if len(old) >= batch:
            sweep(old)
            old = []
    if old:
        sweep(old)
    return deleted
