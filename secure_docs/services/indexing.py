"""The search index: reading a unit's text into sealed segments, then its words
into blind postings; and keeping both in line with the workspace key.

A document version is read in the worker (decrypted into memory, never to a
file), part by part (a page, an attachment), each part's segments committed
with the progress so a crashed run resumes where it stopped. The postings are
built from the segments at the end, so a key rotation re-indexes from the
sealed text alone, without reading the document again.
"""

from __future__ import annotations

import array
import contextlib
import logging
import sys
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from investigations.models import Comment, Investigation, Task
from secure_docs import crypto, selectors
from secure_docs.enums import IndexKind, IndexStatus
from secure_docs.models import (
    DocumentVersion,
    Note,
    SavedSearch,
    SearchPosting,
    SearchSegment,
    SearchUnit,
    WorkspaceKey,
)
from secure_docs.search import extract, languages
from secure_docs.search.extract.base import max_bytes
from secure_docs.search.normalise import terms, word_count
from secure_docs.services._common import enqueue
from secure_docs.services.integrity import version_plaintext

logger = logging.getLogger(__name__)

# Segments hold at most this many characters, cut at a space: a passage then
# decrypts a few kilobytes, never a whole document.
SEGMENT_CHARS = 4000
POSTINGS_BATCH = 2000


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


def _labels(text: str) -> str:
    items = [item.strip().lower() for item in text.split(",") if item.strip()]
    return f",{','.join(items)}," if items else ""


def _chunks(text: str) -> list[str]:
    """`text` cut into pieces of at most SEGMENT_CHARS, at whitespace when it can."""
    pieces = []
    while len(text) > SEGMENT_CHARS:
        cut = text.rfind(" ", SEGMENT_CHARS // 2, SEGMENT_CHARS)
        cut = SEGMENT_CHARS if cut < 0 else cut + 1
        pieces.append(text[:cut])
        text = text[cut:]
    pieces.append(text)
    return pieces


# --- Units: one per version, task, comment and note ------------------------------


def unit_for_version(*, version: DocumentVersion) -> SearchUnit:
    """The version's search unit (created pending on first need)."""
    document = version.document
    unit, _created = SearchUnit.objects.get_or_create(
        version=version,
        defaults={
            "investigation_id": document.investigation_id,
            "kind": IndexKind.DOCUMENT,
            "author_id": version.uploaded_by_id,
            "dated_at": version.created_at,
            "language": document.language,
            "labels": _labels(document.tags),
        },
    )
    return unit


def version_index_schedule(*, version: DocumentVersion) -> SearchUnit:
    """Index a new version once its row is committed."""
    unit = unit_for_version(version=version)
    enqueue("index_unit", unit.pk)
    return unit


def _board_unit(kind: str, object_id: int) -> SearchUnit | None:
    if kind == IndexKind.TASK:
        task = Task.objects.filter(pk=object_id).first()
        if task is None:
            return None
        source = {"task": task}
        fields = {
            "investigation_id": task.investigation_id,
            "author_id": task.created_by_id,
            "dated_at": task.created_at,
            "labels": _labels(task.labels),
        }
    elif kind == IndexKind.COMMENT:
        comment = Comment.objects.select_related("task").filter(pk=object_id).first()
        if comment is None:
            return None
        source = {"comment": comment}
        fields = {
            "investigation_id": comment.task.investigation_id,
            "author_id": comment.author_id,
            "dated_at": comment.created_at,
            "labels": _labels(comment.task.labels),
        }
    elif kind == IndexKind.NOTE:
        note = Note.objects.select_related("document").filter(pk=object_id).first()
        if note is None:
            return None
        source = {"note": note}
        fields = {
            "investigation_id": note.document.investigation_id,
            "author_id": note.author_id,
            "dated_at": note.created_at,
            "labels": _labels(note.document.tags),
        }
    else:
        raise ValueError(f"not a board kind: {kind}")
    unit, created = SearchUnit.objects.get_or_create(
        **source, defaults={"kind": kind, **fields}
    )
    if not created:
        SearchUnit.objects.filter(pk=unit.pk).update(
            labels=fields["labels"], status=IndexStatus.PENDING
        )
    return unit


def text_index_schedule(*, kind: str, object_id: int) -> None:
    """A task's, comment's or note's text changed: index it after the commit."""
    unit = _board_unit(kind, object_id)
    if unit is not None:
        enqueue("index_unit", unit.pk)


def _board_text(unit: SearchUnit) -> str:
    if unit.kind == IndexKind.TASK:
        task = unit.task
        items = "\n".join(task.checklist.values_list("text", flat=True))
        return "\n\n".join(
            part for part in (task.title, task.description, items) if part
        )
    if unit.kind == IndexKind.COMMENT:
        return unit.comment.body
    return unit.note.body


# --- Reading: a unit's text into sealed segments ------------------------------------


def _segments_write(
    *,
    unit: SearchUnit,
    keys: crypto.IndexKeys,
    seq: int,
    position: int,
    text: str,
    page: int | None,
    label: str,
    ocr: bool,
) -> tuple[int, int]:
    """Seal `text` as segments from `seq` on; returns the next seq and position."""
    rows = []
    for piece in _chunks(text):
        count = word_count(piece)
        rows.append(
            SearchSegment(
                unit=unit,
                seq=seq,
                page=page,
                first_position=position,
                end_position=position + count,
                ciphertext=keys.seal(
                    {"text": piece, "label": label, "ocr": ocr},
                    context=segment_context(unit.pk, seq),
                ),
            )
        )
        seq += 1
        position += count
    SearchSegment.objects.bulk_create(rows)
    return seq, position


def _next_slot(unit: SearchUnit) -> tuple[int, int]:
    last = unit.segments.order_by("-seq").values("seq", "end_position").first()
    return (last["seq"] + 1, last["end_position"]) if last else (0, 0)


def _fail(unit: SearchUnit, problem: str, detail: str = "") -> None:
    SearchUnit.objects.filter(pk=unit.pk).update(
        status=IndexStatus.FAILED,
        problem=problem,
        warnings=[[problem, detail[:300]]] if detail else [],
        indexed_at=timezone.now(),
    )


def _read_version(unit: SearchUnit, keys: crypto.IndexKeys) -> bool:
    """Read the version's text into segments, resuming after the parts done.

    False when the document cannot be read (the unit says why)."""
    version = unit.version
    if version.size > max_bytes():
        _fail(unit, extract.Problem.TOO_LARGE)
        return False
    try:
        data = b"".join(version_plaintext(version=version))
    except crypto.IntegrityFailure as error:
        _fail(unit, extract.Problem.CORRUPT, str(error))
        return False
    try:
        extraction = extract.open_extraction(
            data,
            name=version.original_name,
            content_type=version.content_type,
            language=unit.language or None,
        )
    except extract.ExtractionRefused as refused:
        _fail(unit, refused.problem, refused.detail)
        return False
    SearchUnit.objects.filter(pk=unit.pk).update(
        parts_total=max(extraction.total, unit.parts_done),
        status=IndexStatus.READING,
    )
    unit.parts_total = max(extraction.total, unit.parts_done)
    seq, position = _next_slot(unit)
    done = unit.parts_done
    pending: list = []  # the Parts of the unit being read, written when it ends

    def commit(through: int) -> None:
        """Write the buffered Parts and count units up to `through` as done."""
        nonlocal seq, position, done, pending
        with transaction.atomic():
            for part in pending:
                seq, position = _segments_write(
                    unit=unit,
                    keys=keys,
                    seq=seq,
                    position=position,
                    text=part.text,
                    page=part.page,
                    label=part.label,
                    ocr=part.ocr,
                )
            done = min(max(done, through), unit.parts_total)
            SearchUnit.objects.filter(pk=unit.pk).update(
                parts_done=done,
                language=extraction.language or unit.language,
                warnings=_warnings(extraction),
            )
        pending = []

    parts = extraction.parts(start=done)
    while True:
        try:
            part = next(parts, None)
        except Exception as error:  # noqa: BLE001 - a parser's bug stops this file only
            # The type alone: a parser's message may quote the document.
            extraction.warnings.append((extract.Problem.CORRUPT, type(error).__name__))
            logger.warning(
                "search unit %s: reading stopped at part %s (%s)",
                unit.pk,
                done,
                type(error).__name__,
            )
            break
        if part is None:
            break
        if pending and part.unit != pending[-1].unit:
            commit(part.unit)
        pending.append(part)
    commit(unit.parts_total)
    unit.language = extraction.language or unit.language
    unit.warnings = _warnings(extraction)
    return True


def _warnings(extraction) -> list[list[str]]:
    return [[str(problem), detail[:300]] for problem, detail in extraction.warnings]


def _read_board(unit: SearchUnit, keys: crypto.IndexKeys) -> None:
    text = _board_text(unit)
    unit.segments.all().delete()
    _segments_write(
        unit=unit,
        keys=keys,
        seq=0,
        position=0,
        text=text,
        page=None,
        label="",
        ocr=False,
    )
    language = languages.detect(text) or ""
    SearchUnit.objects.filter(pk=unit.pk).update(
        parts_total=1, parts_done=1, language=language
    )
    unit.warnings = []


# --- Indexing: the segments' words into postings -------------------------------------


def _postings_write(unit: SearchUnit, keys: crypto.IndexKeys) -> int:
    """Replace the unit's postings with those of its sealed segments; the word count."""
    positions: dict[int, array.array] = defaultdict(lambda: array.array("I"))
    total = 0
    for seq, first, blob in unit.segments.order_by("seq").values_list(
        "seq", "first_position", "ciphertext"
    ):
        text = keys.unseal(blob, context=segment_context(unit.pk, seq))["text"]
        for offset, key in enumerate(terms(text)):
            positions[keys.term_hash(key)].append(first + offset)
    rows = []
    for hashed, places in positions.items():
        if sys.byteorder != "little":
            places.byteswap()
        rows.append((unit.pk, hashed, len(places), places.tobytes()))
        total += len(places)
    unit.postings.all().delete()
    _postings_insert(rows)
    return total


def _postings_insert(rows: list[tuple[int, int, int, bytes]]) -> None:
    """Insert (unit, term, count, positions) rows with one prepared statement.

    The ORM's bulk_create spends more time building SQL than the database spends
    storing rows (a document has hundreds); this is the indexing's hot path.
    """
    table = connection.ops.quote_name(SearchPosting._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(SearchPosting._meta.get_field(name).column)
        for name in ("unit", "term", "count", "positions")
    )
    sql = f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s)"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), POSTINGS_BATCH):
            cursor.executemany(sql, rows[start : start + POSTINGS_BATCH])


def _finish(unit: SearchUnit, keys: crypto.IndexKeys, word_count: int) -> None:
    problem = ""
    if unit.kind == IndexKind.DOCUMENT and word_count == 0:
        problem = extract.Problem.NO_TEXT
    status = IndexStatus.DONE
    if problem or unit.warnings:
        status = IndexStatus.PARTIAL if word_count else IndexStatus.FAILED
    SearchUnit.objects.filter(pk=unit.pk).update(
        status=status,
        problem=problem,
        key_id=keys.key_id,
        words=word_count,
        indexed_at=timezone.now(),
    )


def unit_index(*, unit_id: int) -> SearchUnit | None:
    """Read and index one unit under the workspace's active key.

    Idempotent: a unit already indexed under the active key is left alone
    (board text is re-read: its source may have changed). Resumable: a version
    goes on from the parts its segments already hold. Nothing that goes wrong
    with one document stops the worker: the unit records the problem.
    """
    unit = (
        SearchUnit.objects.select_related(
            "version__document__investigation", "task", "comment", "note"
        )
        .filter(pk=unit_id)
        .first()
    )
    if unit is None:
        return None
    key = selectors.active_workspace_key(investigation=unit.investigation)
    if key is None:
        return unit  # the key job runs first; reconcile comes back
    is_document = unit.kind == IndexKind.DOCUMENT
    if (
        is_document
        and unit.indexed_at is not None
        and unit.status != IndexStatus.PENDING
        and unit.key_id == key.pk
    ):
        return unit
    keys = keys_of(key)
    if unit.key_id not in (None, key.pk) or (
        is_document and unit.parts_done > 0 and unit.key_id is None
    ):
        # Segments under another key (a rotation raced this run): start over.
        with transaction.atomic():
            unit.segments.all().delete()
            unit.postings.all().delete()
            SearchUnit.objects.filter(pk=unit.pk).update(
                parts_done=0, key=None, indexed_at=None
            )
        unit.parts_done = 0
    try:
        if is_document:
            SearchUnit.objects.filter(pk=unit.pk).update(key=key)
            if not _read_version(unit, keys):
                return unit
            with transaction.atomic():
                count = _postings_write(unit, keys)
                _finish(unit, keys, count)
        else:
            with transaction.atomic():
                SearchUnit.objects.select_for_update().filter(pk=unit.pk).first()
                _read_board(unit, keys)
                count = _postings_write(unit, keys)
                _finish(unit, keys, count)
    except IntegrityError:
        # Another run of the same unit wrote the same segments first.
        logger.info("search unit %s: a concurrent run got there first", unit.pk)
        return unit
    if (
        is_document
        and SavedSearch.objects.filter(
            investigation_id=unit.investigation_id, notify=True
        ).exists()
    ):
        enqueue("saved_searches_check", unit.pk)
    return unit


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
        _postings_write(unit, keys)
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
        context = selectors.saved_search_context(saved.pk)
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
        SearchUnit.objects.filter(investigation=investigation, key__isnull=False)
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
            saved_search_rekey(saved_search_id=pk, keys=self.keys, old=old)


def units_to_index(*, investigation_id: int | None = None) -> list[int]:
    """Versions and board items with no unit yet, or units never finished."""
    pending = SearchUnit.objects.filter(indexed_at__isnull=True)
    if investigation_id is not None:
        pending = pending.filter(investigation_id=investigation_id)
    return list(pending.order_by("pk").values_list("pk", flat=True))


def unit_failed(*, unit_id: int, detail: str) -> None:
    """Mark a unit the worker could not index (its detail names the error type)."""
    unit = SearchUnit.objects.filter(pk=unit_id).first()
    if unit is not None:
        _fail(unit, "error", detail)


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
            _board_unit(kind, object_id)
            made += 1
    return made
