"""`manage.py demo_totp`: the current authenticator code of the demo jurors."""

from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.management.base import BaseCommand

from awards.jury.demo import DEMO_JUROR, DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo jurors (local demo only)."

    def handle(self, *args, **options):
        counters = list(yield_hotp_counters_from_time())
        code = format_hotp_value(
            hotp_value(DEMO_TOTP_SECRET, counters[len(counters) // 2])
        )
        self.stdout.write(
            f"{DEMO_JUROR} (and juror01–11@qalam.test): code {code} "
            f"(secret {DEMO_TOTP_SECRET})"
        )
