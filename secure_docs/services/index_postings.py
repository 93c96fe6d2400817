"""The search index's postings: a unit's words, as keyed hashes with their
positions, built from its sealed segments (so a rotation re-keys from them)."""

from __future__ import annotations

import array
import sys
from collections import defaultdict

from django.db import connection

from secure_docs import crypto
from secure_docs.models import SearchPosting, SearchUnit
from secure_docs.search.normalise import terms
from secure_docs.search.sealing import segment_context

POSTINGS_BATCH = 2000


def postings_write(*, unit: SearchUnit, keys: crypto.IndexKeys) -> int:
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
