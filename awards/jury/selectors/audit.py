"""Reading the append-only, hash-chained audit record of juries.

Each record stores sha256(prev_hash + canonical JSON of its content). Records are
only ever added (`audit_append`, services/audit.py); `audit_verify` recomputes the
chain and returns the first record whose link does not hold, so an edit or
deletion in the table shows.

The chain is global: one sequence for every award and round. An edit that re-hashes
every later record is internally consistent again, so `audit_verify` alone cannot
see it; what catches it is a head recorded outside the table's control. Each results
publication stores the head at the time it was made and shows it publicly
(awards/publishing.py); `chain_hashes` recomputes the chain from the genesis value
so those heads can be compared with what the table says today.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from awards.jury.models import AuditRecord

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


def chain_hashes(sequences: Iterable[int]) -> dict[int, str]:
    """The hash the chain reaches at each of `sequences`, recomputed from GENESIS.

    Each link is sha256(previous recomputed hash + canonical JSON), ignoring the
    stored `prev_hash` and `hash` columns, so a position's value depends on every
    record up to it. A position with no record is absent from the result.
    """
    wanted = set(sequences)
    found: dict[int, str] = {}
    if not wanted:
        return found
    last = max(wanted)
    prev_hash = GENESIS
    records = AuditRecord.objects.filter(sequence__lte=last).order_by("sequence")
    for record in records.iterator(chunk_size=2000):
        prev_hash = link_hash(prev_hash, record)
        if record.sequence in wanted:
            found[record.sequence] = prev_hash
    return found
