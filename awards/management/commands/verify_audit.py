"""`manage.py verify_audit`: check the jury audit chain; exit 1 at the first break."""

from django.core.management.base import BaseCommand, CommandError

from awards.jury.audit import audit_verify
from awards.jury.models import AuditRecord


class Command(BaseCommand):
    help = "Verify the hash chain of the jury audit record."

    def handle(self, *args, **options):
        broken = audit_verify()
        if broken is not None:
            raise CommandError(
                f"Audit chain broken at record {broken.sequence}: {broken.problem}."
            )
        count = AuditRecord.objects.count()
        self.stdout.write(f"Audit chain intact: {count} records.")
