"""Issue a certificate to every prize of results published before certificates
existed (the 2025 demo edition among them). Idempotent: prizes that have one
keep it."""

import base64
import secrets

from django.db import migrations
from django.utils import timezone


def issue(apps, schema_editor):
    Prize = apps.get_model("awards", "Prize")
    Certificate = apps.get_model("awards", "Certificate")
    now = timezone.now()
    prizes = Prize.objects.filter(
        round__award__results_publication__publish_at__lte=now,
        withdrawn_at__isnull=True,
        certificate__isnull=True,
    ).select_related("round__award__results_publication")
    Certificate.objects.bulk_create(
        Certificate(
            prize=prize,
            code=base64.b32encode(secrets.token_bytes(10)).decode("ascii"),
            issued_at=prize.round.award.results_publication.publish_at,
        )
        for prize in prizes
    )


class Migration(migrations.Migration):
    dependencies = [("awards", "0010_certificates")]

    operations = [migrations.RunPython(issue, migrations.RunPython.noop)]
