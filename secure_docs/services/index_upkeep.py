"""Keeping the search index in line: it follows the workspace key (re-keyed in
the re-encryption job, from the sealed text alone), and what a dead worker or an
older release left unindexed is found again by the hourly reconcile."""

import contextlib

from django.db import transaction
from django.db.models import Q

from investigations.models import Comment, Investigation, Task
from secure_docs import crypto, selectors
from secure_docs.enums import IndexKind, IndexStatus
from secure_docs.models import (
    DocumentVersion,
    Note,
    SavedSearch,
    SearchUnit,
    WorkspaceKey,
)
from secure_docs.search.sealing import keys_of, saved_search_context, segment_context
from secure_docs.services.index_postings import postings_write
from secure_docs.services.index_sources import board_unit, unit_for_version
from secure_docs.services.indexing import fail

# --- The index follows the keys ------------------------------------------------------


def unit_rekey(*, unit_id: int, keys: crypto.IndexKeys, old: crypto.IndexKeys) -> bool:
    """Re-seal one unit's segments and re-hash its postings under `keys`.

    Works from the sealed text alone: the document is not read again."""
    with transaction.atomic():
        unit = SearchUnit.objects.select_for_update().filter(pk=unit_id).first()
        if unit is None or unit.key_id != old.key_id:
            return False
        for segment in unit.segments.order_by("seq"):
            context = segment_context(unit.pk, segment.seq)
            payload = old.unseal(segment.ciphertext, context=context)
            segment.ciphertext = keys.seal(payload, context=context)
            segment.save(update_fields=["ciphertext"])
        postings_write(unit=unit, keys=keys)
        SearchUnit.objects.filter(pk=unit.pk).update(key_id=keys.key_id)
    return True


def saved_search_rekey(
    *, saved_search_id: int, keys: crypto.IndexKeys, old: crypto.IndexKeys
) -> bool:
    """Re-seal one saved search under `keys`."""
    with transaction.atomic():
        saved = (
            SavedSearch.objects.select_for_update().filter(pk=saved_search_id).first()
        )
        if saved is None or saved.key_id != old.key_id:
            return False
        context = saved_search_context(saved_search=saved)
        saved.ciphertext = keys.seal(
            old.unseal(saved.ciphertext, context=context), context=context
        )
        saved.key_id = keys.key_id
        saved.save(update_fields=["ciphertext", "key"])
    return True


def index_rekey_pending(*, investigation: Investigation) -> list[tuple[str, int]]:
    """The units and saved searches still under a retired key: ("unit"|"saved", id)."""
    key = selectors.active_workspace_key(investigation=investigation)
    if key is None:
        return []
    units = (
        # A unit still being read is not re-keyed: its reader sees the new key
        # at its next write and starts over under it.
        SearchUnit.objects.filter(
            investigation=investigation, key__isnull=False, indexed_at__isnull=False
        )
        .exclude(key=key)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    saved = (
        SavedSearch.objects.filter(investigation=investigation)
        .exclude(key=key)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return [("unit", pk) for pk in units] + [("saved", pk) for pk in saved]


class Rekeyer:
    """Brings the index's pending items under the active key, one at a time,
    with each retired key's derived keys made once."""

    def __init__(self, investigation: Investigation):
        active = selectors.active_workspace_key(investigation=investigation)
        self.keys = keys_of(active)
        self._old: dict[int, crypto.IndexKeys] = {}

    def _old_keys(self, key_id: int) -> crypto.IndexKeys | None:
        if key_id not in self._old:
            key = WorkspaceKey.objects.filter(pk=key_id).first()
            if key is None:
                return None
            self._old[key_id] = keys_of(key)
        return self._old[key_id]

    def run(self, kind: str, pk: int) -> None:
        """Re-key one pending item (gone or done meanwhile: nothing to do)."""
        model = SearchUnit if kind == "unit" else SavedSearch
        key_id = model.objects.filter(pk=pk).values_list("key_id", flat=True).first()
        if key_id is None or key_id == self.keys.key_id:
            return
        old = self._old_keys(key_id)
        if old is None:
            return
        if kind == "unit":
            with contextlib.suppress(crypto.IntegrityFailure):
                unit_rekey(unit_id=pk, keys=self.keys, old=old)
        else:
            try:
                saved_search_rekey(saved_search_id=pk, keys=self.keys, old=old)
            except crypto.IntegrityFailure:
                # It no longer opens (damaged): it can never run again, and it
                # must not keep the retired key alive.
                SavedSearch.objects.filter(pk=pk).delete()


def units_to_index(*, investigation_id: int | None = None) -> list[int]:
    """Units never finished, waiting to be read again (a board item changed), or
    stopped by an error that may have passed (a database or worker outage)."""
    pending = SearchUnit.objects.filter(
        Q(indexed_at__isnull=True) | Q(status=IndexStatus.PENDING) | Q(problem="error")
    )
    if investigation_id is not None:
        pending = pending.filter(investigation_id=investigation_id)
    return list(pending.order_by("pk").values_list("pk", flat=True))


def unit_failed(*, unit_id: int, detail: str) -> None:
    """Mark a unit the worker could not index (its detail names the error type)."""
    fail(unit_id=unit_id, problem="error", detail=detail)


def units_ensure() -> int:
    """Give every version, task, comment and note without a unit a pending one
    (what a dead worker or an older release left); returns how many were made."""
    made = 0
    for version in DocumentVersion.objects.filter(
        search_unit__isnull=True
    ).select_related("document"):
        unit_for_version(version=version)
        made += 1
    board = (
        (IndexKind.TASK, Task, "task"),
        (IndexKind.COMMENT, Comment, "comment"),
        (IndexKind.NOTE, Note, "note"),
    )
    for kind, model, field in board:
        indexed = SearchUnit.objects.filter(kind=kind).values(f"{field}_id")
        for object_id in model.objects.exclude(pk__in=indexed).values_list(
            "pk", flat=True
        ):
            board_unit(kind=kind, object_id=object_id)
            made += 1
    return made
