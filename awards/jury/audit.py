"""The append-only, hash-chained audit record of juries.

Each record stores sha256(prev_hash + canonical JSON of its content). Records are
only ever added (`audit_append`); `audit_verify` recomputes the chain and returns the
first record whose link does not hold, so an edit or deletion in the table shows.
"""

import hashlib
import json
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from awards.jury.models import AuditRecord, Round

GENESIS = "0" * 64


def canonical(record: AuditRecord) -> str:
    """The fields a record's hash covers, as sorted, compact JSON."""
    return json.dumps(
        {
            "sequence": record.sequence,
            "at": record.at.isoformat(),
            "actor": record.actor_id,
            "action": record.action,
            "round": record.round_id,
            "data": record.data,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )


def link_hash(prev_hash: str, record: AuditRecord) -> str:
    return hashlib.sha256((prev_hash + canonical(record)).encode()).hexdigest()


@transaction.atomic
def audit_append(
    *, action: str, actor: User | None, round: Round | None, data: dict
) -> AuditRecord:
    """Add one record at the end of the chain.

    Writers queue on a table lock (PostgreSQL; SQLite has one writer anyway): a
    row lock on the last record would not stop two writers from both reading it
    and linking to it.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"LOCK TABLE {AuditRecord._meta.db_table} IN SHARE ROW EXCLUSIVE MODE"
            )
    last = AuditRecord.objects.order_by("-sequence").first()
    record = AuditRecord(
        sequence=(last.sequence + 1) if last else 1,
        at=timezone.now(),
        actor=actor,
        action=action,
        round=round,
        data=json.loads(json.dumps(data, default=str)),
        prev_hash=last.hash if last else GENESIS,
    )
    record.hash = link_hash(record.prev_hash, record)
    record.full_clean()
    record.save()
    return record


@dataclass(frozen=True)
class Break:
    sequence: int
    problem: str


def audit_verify() -> Break | None:
    """The first broken link of the chain, or None if every record checks out."""
    prev_hash = GENESIS
    expected = 1
    for record in AuditRecord.objects.order_by("sequence").iterator(chunk_size=2000):
        if record.sequence != expected:
            return Break(expected, "record missing")
        if record.prev_hash != prev_hash:
            return Break(record.sequence, "previous hash does not match")
        if link_hash(prev_hash, record) != record.hash:
            return Break(record.sequence, "content does not match its hash")
        prev_hash = record.hash
        expected += 1
    return None
