"""Appending to the hash-chained audit record of juries (how it is read and
verified: selectors/audit.py)."""

import json

from django.db import connection, transaction

from accounts.models import User
from awards import clock
from awards.jury.models import AuditRecord, Round
from awards.jury.selectors.audit import GENESIS, link_hash


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
        at=clock.now(),
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
