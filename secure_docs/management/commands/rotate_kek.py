"""Re-wrap every workspace key under a new key-encryption key.

Usage: set QALAM_KEY_ENCRYPTION_KEY to the NEW key and pass the old one in the
environment variable QALAM_OLD_KEY_ENCRYPTION_KEY (never on the command line,
where `ps` would show it). Safe to re-run: keys already under the new KEK are
skipped.
"""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from secure_docs import crypto, services


class Command(BaseCommand):
    help = (
        "Re-wrap all workspace keys under QALAM_KEY_ENCRYPTION_KEY; the old KEK is "
        "read from QALAM_OLD_KEY_ENCRYPTION_KEY."
    )

    def handle(self, *args, **options):
        old = os.environ.get("QALAM_OLD_KEY_ENCRYPTION_KEY", "")
        if not old:
            raise CommandError(
                "Set QALAM_OLD_KEY_ENCRYPTION_KEY to the current key-encryption key "
                "and QALAM_KEY_ENCRYPTION_KEY to the new one."
            )
        new = settings.QALAM_KEY_ENCRYPTION_KEY
        if old == new:
            raise CommandError("The old and the new key-encryption key are the same.")
        try:
            rewrapped, already = services.kek_rotate(old_kek=old, new_kek=new)
        except crypto.CryptoError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"re-wrapped {rewrapped} workspace key(s); "
            f"{already} already used the new key"
        )
