"""The search index: reading a unit's text into sealed segments, then its words
into blind postings (units: index_sources; keys and reconcile: index_upkeep).

A document version is read in the worker (decrypted into memory, never to a
file), part by part (a page, an attachment), each part's segments committed
with the progress so a crashed run resumes where it stopped. The postings are
built from the segments at the end, so a key rotation re-indexes from the
sealed text alone, without reading the document again.
"""

from __future__ import annotations

import array
import logging
import sys
from collections import defaultdict

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from secure_docs import crypto, selectors
from secure_docs.enums import IndexKind, IndexStatus
from secure_docs.models import SavedSearch, SearchPosting, SearchSegment, SearchUnit
from secure_docs.search import extract, languages
from secure_docs.search.extract.base import max_bytes
from secure_docs.search.normalise import terms, word_count
from secure_docs.search.sealing import keys_of, segment_context
from secure_docs.services._common import enqueue
from secure_docs.services.index_sources import board_text
from secure_docs.services.integrity import version_plaintext

logger = logging.getLogger(__name__)

# Segments hold at most this many characters, cut at a space: a passage then
# decrypts a few kilobytes, never a whole document.
SEGMENT_CHARS = 4000
POSTINGS_BATCH = 2000


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


def fail(unit: SearchUnit, problem: str, detail: str = "") -> None:
    """Mark `unit` not searchable, with the problem a member is told."""
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
        fail(unit, extract.Problem.TOO_LARGE)
        return False
    try:
        data = b"".join(version_plaintext(version=version))
    except crypto.IntegrityFailure as error:
        fail(unit, extract.Problem.CORRUPT, str(error))
        return False
    try:
        extraction = extract.open_extraction(
            data,
            name=version.original_name,
            content_type=version.content_type,
            language=unit.language or None,
        )
    except extract.ExtractionRefused as refused:
        fail(unit, refused.problem, refused.detail)
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
    text = board_text(unit)
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


def postings_write(unit: SearchUnit, keys: crypto.IndexKeys) -> int:
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
                count = postings_write(unit, keys)
                _finish(unit, keys, count)
        else:
            with transaction.atomic():
                SearchUnit.objects.select_for_update().filter(pk=unit.pk).first()
                _read_board(unit, keys)
                count = postings_write(unit, keys)
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
