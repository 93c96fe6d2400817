"""Search inside one workspace, for a member: the blind index answers which
units hold every word, the sealed segments give the passage, opened in memory.

A search costs the same few queries whatever the number of results: the keys,
the matching units' ids, [the phrases' positions], the page's units, their
postings, their segments.
"""

from __future__ import annotations

import array
import dataclasses
import datetime
import sys
from collections import defaultdict

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from investigations.access import Access
from secure_docs import crypto, permissions
from secure_docs.enums import IndexKind
from secure_docs.models import (
    SearchPosting,
    SearchSegment,
    SearchUnit,
    WorkspaceKey,
)
from secure_docs.search.normalise import query_words, term, words
from secure_docs.search.sealing import keys_of, segment_context

PAGE_SIZE = 20
# Words of context either side of the match in a passage.
BEFORE, AFTER = 12, 24
# Phrases are checked in memory over at most this many candidate units, the best
# first: a phrase of common words must not make one search take seconds.
PHRASE_CANDIDATES = 1000


@dataclasses.dataclass(frozen=True)
class SearchQuery:
    """What a member asked: the words, and the filters."""

    text: str = ""
    kind: str = ""
    author_id: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    language: str = ""
    label: str = ""

    def as_dict(self) -> dict:
        """The query as JSON-safe values (a saved search keeps it sealed)."""
        data = dataclasses.asdict(self)
        for name in ("date_from", "date_to"):
            if data[name] is not None:
                data[name] = data[name].isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict) -> SearchQuery:
        values = {f.name: data.get(f.name) for f in dataclasses.fields(cls)}
        for name in ("date_from", "date_to"):
            if values[name]:
                values[name] = datetime.date.fromisoformat(values[name])
        values["text"] = values["text"] or ""
        for name in ("kind", "language", "label"):
            values[name] = values[name] or ""
        return cls(**values)


@dataclasses.dataclass
class SearchHit:
    """One result: the unit, and the passage around its first match."""

    unit: SearchUnit
    score: int
    # (text, is_match) fragments; empty when the unit's text could not be opened.
    passage: list[tuple[str, bool]] = dataclasses.field(default_factory=list)
    page: int | None = None
    label: str = ""
    ocr: bool = False


@dataclasses.dataclass
class SearchPage:
    """A page of hits, with the page's paginator, and what the query lost."""

    hits: list[SearchHit]
    page: Page | None
    total: int
    is_empty_query: bool = False
    was_truncated: bool = False
    # More units held the phrase's words than PHRASE_CANDIDATES: the best were checked.
    phrase_limited: bool = False
    phrase_candidates: int = PHRASE_CANDIDATES


def _keys(access: Access) -> list[crypto.IndexKeys]:
    return [
        keys_of(key)
        for key in WorkspaceKey.objects.filter(investigation=access.investigation)
    ]


def _units(access: Access, query: SearchQuery) -> QuerySet[SearchUnit]:
    units = SearchUnit.objects.filter(
        investigation=access.investigation, indexed_at__isnull=False
    )
    return _filtered(units, query)


def _filtered(units: QuerySet[SearchUnit], query: SearchQuery) -> QuerySet[SearchUnit]:
    """`units` narrowed by the query's filters (dates in the current time zone)."""
    if query.kind in IndexKind.values:
        units = units.filter(kind=query.kind)
    if query.author_id:
        units = units.filter(author_id=query.author_id)
    zone = timezone.get_current_timezone()
    if query.date_from:
        units = units.filter(
            dated_at__gte=datetime.datetime.combine(
                query.date_from, datetime.time.min, zone
            )
        )
    if query.date_to:
        units = units.filter(
            dated_at__lt=datetime.datetime.combine(
                query.date_to + datetime.timedelta(days=1), datetime.time.min, zone
            )
        )
    if query.language:
        units = units.filter(language=query.language)
    if query.label:
        units = units.filter(labels__contains=f",{query.label.strip().lower()},")
    return units


def _unpack(blob: bytes) -> array.array:
    places = array.array("I")
    places.frombytes(bytes(blob))
    if sys.byteorder != "little":
        places.byteswap()
    return places


def _phrase_start(
    groups: list[list[int]], places: dict[int, array.array]
) -> int | None:
    """The first position where every phrase (and word) of `groups` is found, or
    None when a phrase is nowhere whole. `groups` hold one unit's term hashes."""
    first = None
    for group in groups:
        found = None
        lists = [set(places.get(h, ())) for h in group]
        for start in places.get(group[0], ()):
            if all(start + i in lists[i] for i in range(1, len(group))):
                found = start
                break
        if found is None:
            return None
        first = found if first is None else min(first, found)
    return first


def _hashes(keys: list[crypto.IndexKeys], terms: set[str]) -> list[int]:
    """Every term under every key the workspace's index may be sealed under."""
    return list({k.term_hash(t) for k in keys for t in terms})


def _hashed_groups(keys: crypto.IndexKeys, groups: list[list[str]]) -> list[list[int]]:
    """The query's groups (phrases, words) as one unit's term hashes."""
    return [[keys.term_hash(t) for t in group] for group in groups]


def _passage(text: str, start: int, matches: set[str]) -> list[tuple[str, bool]]:
    spans = words(text)
    if not spans:
        return []
    start = max(0, min(start, len(spans) - 1))
    low, high = max(0, start - BEFORE), min(len(spans), start + AFTER)
    fragments: list[tuple[str, bool]] = []
    cursor = spans[low].start
    if low > 0:
        fragments.append(("… ", False))
    for word in spans[low:high]:
        if word.start > cursor:
            fragments.append((text[cursor : word.start], False))
        fragments.append((word.text, term(word.text) in matches))
        cursor = word.end
    if high < len(spans):
        fragments.append((" …", False))
    return fragments


def search(
    *, access: Access, query: SearchQuery, page_number: int | str | None = 1
) -> SearchPage:
    """The units of this workspace that hold every word and phrase of the query,
    best first, one page with passages. Members only (Http404 else)."""
    access.require(permissions.READ)
    groups, was_truncated = query_words(query.text)
    if not groups:
        return SearchPage(hits=[], page=None, total=0, is_empty_query=True)
    distinct = {t for group in groups for t in group}
    keys = _keys(access)
    hashes = _hashes(keys, distinct)
    units = _units(access, query)
    ranked = list(
        SearchPosting.objects.filter(term__in=hashes, unit__in=units)
        .values("unit")
        .annotate(matched=Count("id"), score=Sum("count"))
        .filter(matched=len(distinct))
        .order_by("-score", "-unit")
        .values_list("unit", "score")
    )
    keys_by_id = {k.key_id: k for k in keys}
    starts: dict[int, int] = {}
    phrase_limited = False
    if any(len(group) > 1 for group in groups):
        phrase_limited = len(ranked) > PHRASE_CANDIDATES
        ranked = ranked[:PHRASE_CANDIDATES]
        places: dict[int, dict[int, array.array]] = defaultdict(dict)
        key_of: dict[int, int] = {}
        for unit_id, key_id, hashed, blob in SearchPosting.objects.filter(
            unit_id__in=[unit_id for unit_id, _score in ranked], term__in=hashes
        ).values_list("unit_id", "unit__key_id", "term", "positions"):
            places[unit_id][hashed] = _unpack(blob)
            key_of[unit_id] = key_id
        kept = []
        for unit_id, score in ranked:
            unit_keys = keys_by_id.get(key_of.get(unit_id))
            if unit_keys is None:
                continue
            unit_groups = _hashed_groups(unit_keys, groups)
            start = _phrase_start(unit_groups, places[unit_id])
            if start is not None:
                starts[unit_id] = start
                kept.append((unit_id, score))
        ranked = kept
    paginator = Paginator(ranked, PAGE_SIZE)
    page = paginator.get_page(page_number)
    scores = dict(page.object_list)
    page_units = {
        unit.pk: unit
        for unit in SearchUnit.objects.filter(pk__in=scores).select_related(
            "author",
            "version__document",
            "task",
            "comment__task",
            "note__document",
        )
    }
    hits = [
        SearchHit(unit=page_units[unit_id], score=score)
        for unit_id, score in page.object_list
        if unit_id in page_units
    ]
    _passages_fill(hits, groups, keys_by_id, starts, hashes)
    return SearchPage(
        hits=hits,
        page=page,
        total=paginator.count,
        was_truncated=was_truncated,
        phrase_limited=phrase_limited,
        phrase_candidates=PHRASE_CANDIDATES,
    )


def _passages_fill(
    hits: list[SearchHit],
    groups: list[list[str]],
    keys_by_id: dict[int, crypto.IndexKeys],
    starts: dict[int, int],
    hashes: list[int],
) -> None:
    """Give each hit its passage: one query for first positions, one for segments."""
    missing = [hit.unit.pk for hit in hits if hit.unit.pk not in starts]
    if missing:
        for unit_id, blob in SearchPosting.objects.filter(
            unit_id__in=missing, term__in=hashes
        ).values_list("unit_id", "positions"):
            first = _unpack(blob)[0]
            starts[unit_id] = min(starts.get(unit_id, first), first)
    wanted = Q(pk__in=[])
    for hit in hits:
        if hit.unit.pk in starts:
            position = starts[hit.unit.pk]
            wanted |= Q(
                unit_id=hit.unit.pk,
                first_position__lte=position,
                end_position__gt=position,
            )
    segments = {
        segment.unit_id: segment
        for segment in SearchSegment.objects.filter(wanted).only(
            "unit_id", "seq", "page", "first_position", "ciphertext"
        )
    }
    matches = {t for group in groups for t in group}
    for hit in hits:
        segment = segments.get(hit.unit.pk)
        unit_keys = keys_by_id.get(hit.unit.key_id)
        if segment is None or unit_keys is None:
            continue
        try:
            payload = unit_keys.unseal(
                segment.ciphertext, context=segment_context(hit.unit.pk, segment.seq)
            )
        except crypto.IntegrityFailure:
            continue
        hit.passage = _passage(
            payload["text"], starts[hit.unit.pk] - segment.first_position, matches
        )
        hit.page = segment.page
        hit.label = payload.get("label", "")
        hit.ocr = bool(payload.get("ocr"))


def unit_matches(*, query: SearchQuery, unit: SearchUnit) -> bool:
    """Whether `unit` holds every word and phrase of `query` (a saved search's)."""
    groups, _truncated = query_words(query.text)
    if not groups or unit.key_id is None:
        return False
    if not _filtered(SearchUnit.objects.filter(pk=unit.pk), query).exists():
        return False
    key = WorkspaceKey.objects.filter(pk=unit.key_id).first()
    if key is None:
        return False
    unit_groups = _hashed_groups(keys_of(key), groups)
    needed = {h for group in unit_groups for h in group}
    places = {
        hashed: _unpack(blob)
        for hashed, blob in SearchPosting.objects.filter(
            unit=unit, term__in=list(needed)
        ).values_list("term", "positions")
    }
    if set(places) != needed:
        return False
    return _phrase_start(unit_groups, places) is not None
