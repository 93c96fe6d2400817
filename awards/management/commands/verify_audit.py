"""`manage.py verify_audit`: check the jury audit chain and every published head.

Exit 1 when a link is broken, when the chain no longer reaches the head a results
publication recorded, or when it does not reach a head given with `--head` (one an
outsider copied from a public page or the open data).
"""

import re

from django.core.management.base import BaseCommand, CommandError

from awards.jury.models import AuditRecord
from awards.jury.selectors.audit import audit_verify, chain_hashes
from awards.models import ResultsPublication
from awards.selectors.audit_log import published_heads_verify

HEAD = re.compile(r"^(?P<sequence>[1-9][0-9]*):(?P<hash>[0-9a-f]{64})$")


def _head(value: str) -> tuple[int, str]:
    match = HEAD.match(value.strip().lower())
    if match is None:
        raise CommandError(f"--head takes SEQUENCE:SHA256HEX, not {value!r}.")
    return int(match["sequence"]), match["hash"]


class Command(BaseCommand):
    help = (
        "Verify the hash chain of the jury audit record and the head every results "
        "publication recorded."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--head",
            action="append",
            default=[],
            type=_head,
            metavar="SEQUENCE:HASH",
            help="Also check the chain reaches HASH at record SEQUENCE (repeatable).",
        )

    def handle(self, *args, **options):
        problems = []
        broken = audit_verify()
        if broken is not None:
            problems.append(
                f"Audit chain broken at record {broken.sequence}: {broken.problem}."
            )
        mismatches = published_heads_verify()
        problems += [f"{mismatch}." for mismatch in mismatches]
        given = options["head"]
        hashes = chain_hashes(sequence for sequence, _hash in given)
        for sequence, expected in given:
            found = hashes.get(sequence)
            if found != expected:
                problems.append(
                    f"Given head {expected} at record {sequence} does not match: "
                    + ("that record is missing." if found is None else f"{found}.")
                )
        if problems:
            raise CommandError("\n".join(problems))
        count = AuditRecord.objects.count()
        self.stdout.write(f"Audit chain intact: {count} records.")
        heads = ResultsPublication.objects.filter(audit_sequence__isnull=False).count()
        if heads or given:
            self.stdout.write(
                f"Published heads match: {heads} publications"
                + (f", {len(given)} given heads." if given else ".")
            )
