"""Decrypt every stored version and compare it with its recorded SHA-256."""

from django.core.management.base import BaseCommand, CommandError

from secure_docs import services


class Command(BaseCommand):
    help = "Verify every document version (decrypt and compare the SHA-256)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--investigation", type=int, help="Only this investigation (id)."
        )

    def handle(self, *args, **options):
        ok, failed = services.documents_verify(
            investigation_id=options.get("investigation")
        )
        self.stdout.write(f"{ok} version(s) verified, {failed} failed")
        if failed:
            raise CommandError(f"{failed} version(s) failed the integrity check")
