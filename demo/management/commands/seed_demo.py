from django.core.management.base import BaseCommand

from demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET
from demo.partners import DEMO_PARTNER_KEY
from demo.seed import seed_demo


class Command(BaseCommand):
    help = "Load the demo site and users (idempotent: a second run changes nothing)."

    def handle(self, *args, **options) -> None:
        users = seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Demo logins:"))
        for user in users:
            self.stdout.write(f"  {user.role:<28} {user.email:<28} {DEMO_PASSWORD}")
        self.stdout.write(
            "Jurors and investigators sign in with a second step: add the demo-only "
            f"authenticator secret {DEMO_TOTP_SECRET} to an app, or run "
            "`DEBUG=1 .venv/bin/python manage.py demo_totp` for the current code."
        )
        self.stdout.write(
            "Site:  http://127.0.0.1:8000/   Admin: http://127.0.0.1:8000/admin/"
        )
        self.stdout.write(
            "Partner API (demo key): curl -H "
            f"'Authorization: Bearer {DEMO_PARTNER_KEY}' "
            "http://127.0.0.1:8000/api/partners/v1/winners   "
            "OpenAPI: http://127.0.0.1:8000/api/partners/v1/openapi.json"
        )
