"""Accounts for the deadline surge: `python bench/load/surge_setup.py COUNT`.

Run by bench/load/run.sh after the demo is seeded. Creates COUNT verified entrants,
surge0001@qalam.test … with the demo password (one Argon2 hash computed once and
shared: hashing 1,000 passwords is not what the surge measures) and a profile that
passes the demo award's eligibility rules. Idempotent.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402

from accounts.models import Language, User  # noqa: E402
from demo.accounts import DEMO_PASSWORD  # noqa: E402

COUNTRIES = ["KZ", "UZ", "KG", "TJ", "TM"]


def email(number: int) -> str:
    return f"surge{number:04d}@qalam.test"


@transaction.atomic
def main(count: int) -> None:
    existing = set(User.objects.filter(email__startswith="surge").values_list("email"))
    existing = {row[0] for row in existing}
    password = make_password(DEMO_PASSWORD)
    users = User.objects.bulk_create(
        User(
            email=email(n),
            password=password,
            display_name=f"Surge Entrant {n}",
            country=COUNTRIES[n % len(COUNTRIES)],
            outlet="Surge Media",
            birth_year=1990,
            preferred_language="en",
        )
        for n in range(1, count + 1)
        if email(n) not in existing
    )
    users = list(User.objects.filter(email__in=[u.email for u in users]))
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
    )
    languages = list(Language.objects.filter(code__in=["ru", "en"]))
    through = User.languages.through
    through.objects.bulk_create(
        through(user=u, language=language) for u in users for language in languages
    )
    print(f"surge: {len(users)} entrants created, {len(existing)} already there")


if __name__ == "__main__":
    main(int(sys.argv[1]))
