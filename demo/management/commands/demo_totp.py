"""`manage.py demo_totp`: the current authenticator code of the demo jurors and
investigation members."""

from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.management.base import BaseCommand

from demo.accounts import DEMO_TOTP_SECRET
from demo.jury import DEMO_JUROR


class Command(BaseCommand):
    help = (
        "Print the current two-factor code of the demo jurors and investigation "
        "members (local demo only)."
    )

    def handle(self, *args, **options):
        counters = list(yield_hotp_counters_from_time())
        code = format_hotp_value(
            hotp_value(DEMO_TOTP_SECRET, counters[len(counters) // 2])
        )
        self.stdout.write(
            f"{DEMO_JUROR} (and juror01–11@qalam.test, investigator@qalam.test and "
            f"the other members of the demo investigation): code {code} "
            f"(secret {DEMO_TOTP_SECRET})"
        )
