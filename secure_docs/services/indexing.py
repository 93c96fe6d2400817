"""The search index: reading a unit's text into sealed segments, then its words
into blind postings (units: index_sources; keys and reconcile: index_upkeep).

A document version is read in the worker (decrypted into memory, never to a
file), part by part (a page, an attachment), each part's segments committed
with the progress so a crashed run resumes where it stopped. The postings are
built from the segments at the end, so a key rotation re-indexes from the
sealed text alone, without reading the document again.
"""

from __future__ import annotations

import datetime
import logging
import re
import uuid

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from secure_docs import crypto, selectors
from secure_docs.enums import IndexKind, IndexStatus
from secure_docs.models import SavedSearch, SearchSegment, SearchUnit
from secure_docs.search import extract, languages
from secure_docs.search.extract.base import max_bytes
from secure_docs.search.normalise import word_count
from secure_docs.search.sealing import keys_of, segment_context
from secure_docs.services._common import enqueue
from secure_docs.services.index_postings import postings_write
from secure_docs.services.index_sources import board_text
from secure_docs.services.integrity import version_plaintext

logger = logging.getLogger(__name__)

# Segments hold at most this many characters, cut at a space: a passage then
# decrypts a few kilobytes, never a whole document.
SEGMENT_CHARS = 4000
SPACE = re.compile(r"\s")


def _chunks(text: str) -> list[str]:
    """`text` cut into pieces of at most SEGMENT_CHARS, at whitespace when it can
    (a word cut in two would be found in neither piece)."""
    pieces = []
    while len(text) > SEGMENT_CHARS:
        spaces = [
            m.end() for m in SPACE.finditer(text, SEGMENT_CHARS // 2, SEGMENT_CHARS)
        ]
        cut = spaces[-1] if spaces else SEGMENT_CHARS
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


# A warning's detail is kept only when it names no content: a page ("3"), a
# count ("300/512") or a language code. File names from inside a document
# (an attachment, a zip member) are plaintext of the document.
SAFE_DETAIL = re.compile(r"[0-9/]{1,20}|[a-z]{2,3}(-[a-z]{4})?|[A-Za-z]{1,40}Error")


def _safe(problem: str, detail: str) -> list[str]:
    return [str(problem), detail if SAFE_DETAIL.fullmatch(detail or "") else ""]


def fail(*, unit_id: int, problem: str, detail: str = "") -> None:
    """Mark a unit not searchable, with the problem a member is told."""
    SearchUnit.objects.filter(pk=unit_id).update(
        status=IndexStatus.FAILED,
        problem=problem,
        warnings=[_safe(problem, detail)],
        indexed_at=timezone.now(),
        claim="",
    )


class Superseded(Exception):
    """This run no longer holds the unit (another run took it over, or the
    workspace key changed): it stops without writing."""


def claim(*, unit_id: int) -> str | None:
    """Take the unit for this run; None while another live run holds it.

    A claim older than SEARCH_CLAIM_TTL belongs to a dead worker and is taken
    over; its run, if alive after all, finds out at its next write and stops.
    """
    token = uuid.uuid4().hex
    now = timezone.now()
    stale = now - datetime.timedelta(seconds=settings.SEARCH_CLAIM_TTL)
    taken = (
        SearchUnit.objects.filter(pk=unit_id)
        .filter(Q(claim="") | Q(claimed_at__lt=stale))
        .update(claim=token, claimed_at=now)
    )
    return token if taken else None


def _hold(unit: SearchUnit, token: str, keys: crypto.IndexKeys) -> dict:
    """Inside a transaction: lock the unit and check this run still holds it under
    the active key (Superseded else); its current progress."""
    row = (
        SearchUnit.objects.select_for_update()
        .filter(pk=unit.pk, claim=token)
        .values("parts_done")
        .first()
    )
    active = selectors.active_workspace_key(investigation=unit.investigation)
    if row is None or active is None or active.pk != keys.key_id:
        raise Superseded
    SearchUnit.objects.filter(pk=unit.pk).update(claimed_at=timezone.now())
    return row


def _read_version(unit: SearchUnit, keys: crypto.IndexKeys, token: str) -> bool:
    """Read the version's text into segments, resuming after the parts done.

    False when the document cannot be read (the unit says why)."""
    version = unit.version
    if version.size > max_bytes():
        fail(unit_id=unit.pk, problem=extract.Problem.TOO_LARGE)
        return False
    try:
        data = b"".join(version_plaintext(version=version))
    except crypto.IntegrityFailure:
        fail(unit_id=unit.pk, problem=extract.Problem.CORRUPT)
        return False
    try:
        extraction = extract.open_extraction(
            data,
            name=version.original_name,
            content_type=version.content_type,
            language=unit.language or None,
        )
    except extract.ExtractionRefused as refused:
        fail(unit_id=unit.pk, problem=refused.problem, detail=refused.detail)
        return False
    earlier = [list(w) for w in unit.warnings]  # of the runs before this one
    total = max(extraction.total, unit.parts_done)
    with transaction.atomic():
        _hold(unit, token, keys)
        SearchUnit.objects.filter(pk=unit.pk).update(
            parts_total=total, status=IndexStatus.READING, key_id=keys.key_id
        )
    pending: list = []  # the Parts of the extraction unit being read

    def commit(through: int) -> None:
        """Write the buffered Parts and count units up to `through` as done."""
        nonlocal pending
        warnings = earlier + [_safe(p, d) for p, d in extraction.warnings]
        with transaction.atomic():
            done = _hold(unit, token, keys)["parts_done"]
            seq, position = _next_slot(unit)
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
            SearchUnit.objects.filter(pk=unit.pk).update(
                parts_done=min(max(done, through), total),
                language=extraction.language or unit.language,
                warnings=warnings,
            )
        unit.warnings = warnings
        pending = []

    parts = extraction.parts(start=unit.parts_done)
    while True:
        try:
            part = next(parts, None)
        except SoftTimeLimitExceeded:
            raise  # what was committed stays; the reconcile resumes from there
        except Exception as error:  # noqa: BLE001 - a parser's bug stops this file only
            # The type alone: a parser's message may quote the document.
            extraction.warnings.append((extract.Problem.CORRUPT, type(error).__name__))
            logger.warning(
                "search unit %s: reading stopped (%s)", unit.pk, type(error).__name__
            )
            break
        if part is None:
            break
        if pending and part.unit != pending[-1].unit:
            commit(part.unit)
        pending.append(part)
    commit(total)
    unit.language = extraction.language or unit.language
    return True


def _read_board(unit: SearchUnit, keys: crypto.IndexKeys) -> None:
    text = board_text(unit=unit)
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
        claim="",
    )


def _restart(unit: SearchUnit) -> None:
    """Forget what was read under another key; the unit is read again."""
    with transaction.atomic():
        unit.segments.all().delete()
        unit.postings.all().delete()
        SearchUnit.objects.filter(pk=unit.pk).update(
            parts_done=0, key=None, indexed_at=None, claim="", warnings=[]
        )
    unit.parts_done = 0
    unit.warnings = []


def _index_document(unit: SearchUnit, keys: crypto.IndexKeys) -> bool:
    """Read (resuming) and index a document's unit; False if another run holds it."""
    token = claim(unit_id=unit.pk)
    if token is None:
        return False
    if unit.key_id not in (None, keys.key_id) or (
        unit.parts_done > 0 and unit.key_id is None
    ):
        _restart(unit)  # segments under a retired key: read it again
        token = claim(unit_id=unit.pk)
        if token is None:
            return False
    try:
        if _read_version(unit, keys, token):
            with transaction.atomic():
                _hold(unit, token, keys)
                count = postings_write(unit=unit, keys=keys)
                _finish(unit, keys, count)
    except Superseded:
        logger.info("search unit %s: superseded, stopped", unit.pk)
        if SearchUnit.objects.filter(pk=unit.pk, claim=token).exists():
            # The key changed under this run: read it again under the new key.
            _restart(unit)
            enqueue("index_unit", unit.pk)
        return False
    except BaseException:
        # What was committed stays; the next run (a retry, the reconcile) resumes.
        SearchUnit.objects.filter(pk=unit.pk, claim=token).update(claim="")
        raise
    return True


def unit_index(*, unit_id: int) -> SearchUnit | None:
    """Read and index one unit under the workspace's active key.

    Idempotent: a document already indexed under the active key is left alone
    (board text is read again: its source may have changed). Resumable: a
    version goes on from the parts its segments already hold. One run at a time
    (a claim on the unit); a run whose key was retired meanwhile starts over.
    Nothing that goes wrong with one document stops the worker: the unit
    records the problem.
    """
    unit = (
        SearchUnit.objects.select_related(
            "investigation", "version__document", "task", "comment", "note"
        )
        .filter(pk=unit_id)
        .first()
    )
    if unit is None:
        return None
    if unit.kind != IndexKind.DOCUMENT:
        with transaction.atomic():
            SearchUnit.objects.select_for_update().filter(pk=unit.pk).first()
            # The key after the lock: a rotation's re-keying waits on this row.
            key = selectors.active_workspace_key(investigation=unit.investigation)
            if key is None:
                return unit
            keys = keys_of(key)
            _read_board(unit, keys)
            count = postings_write(unit=unit, keys=keys)
            _finish(unit, keys, count)
        return unit
    key = selectors.active_workspace_key(investigation=unit.investigation)
    if key is None:
        return unit  # the key job runs first; the reconcile comes back
    if (
        unit.indexed_at is not None
        and unit.status != IndexStatus.PENDING
        and unit.key_id == key.pk
    ):
        return unit
    _index_document(unit, keys_of(key))
    return unit


def saved_searches_due(*, unit_id: int) -> bool:
    """Whether a newly indexed document's workspace has saved searches to check."""
    return SavedSearch.objects.filter(
        investigation__search_units__pk=unit_id,
        investigation__search_units__kind=IndexKind.DOCUMENT,
        notify=True,
    ).exists()
