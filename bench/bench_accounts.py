"""Sign-in cost: one password sign-in through the login page, with the hasher we ship
(Argon2id at the figures in accounts/hashers.py) against the same sign-in with
Django's default (PBKDF2-SHA256, 1,000,000 iterations) measured in the same run.

A sign-in that costs seconds under load is a denial of service: during the deadline
peak every sign-in, right or wrong, takes a core for that long. Runs in a throwaway
test database; the password check and the whole page are both reported.
"""

import statistics
import time
from collections.abc import Iterator

from bench import Figure

RUNS = 9
PASSWORD = "a long bench passphrase 2026"  # noqa: S105 - bench data


def _median_ms(call, runs: int = RUNS) -> float:
    call()  # warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _sign_in_ms(hashers: list[str], email: str) -> tuple[float, float]:
    """Median ms of a whole sign-in (login POST) and of the password check alone."""
    from allauth.account.models import EmailAddress
    from django.test import Client, override_settings
    from django.urls import reverse

    from accounts.models import User

    with override_settings(PASSWORD_HASHERS=hashers):
        user = User.objects.create_user(email=email, password=PASSWORD)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        url = reverse("account_login")

        def sign_in():
            client = Client(SERVER_NAME="localhost")
            response = client.post(url, {"login": email, "password": PASSWORD})
            assert response.status_code == 302  # noqa: S101 - a failed sign-in is no figure

        def check():
            assert user.check_password(PASSWORD)  # noqa: S101

        return _median_ms(sign_in), _median_ms(check)


def run() -> Iterator[Figure]:
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        cache.clear()  # the login rate limits count in the cache
        ours, ours_check = _sign_in_ms(
            list(settings.PASSWORD_HASHERS), "ours@bench.example.org"
        )
        django_default = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
        theirs, theirs_check = _sign_in_ms(django_default, "pbkdf2@bench.example.org")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    yield Figure("accounts.signin.time", ours, "ms", "< 100 ms")
    yield Figure("accounts.signin.password_check", ours_check, "ms", "-")
    yield Figure("accounts.signin_pbkdf2.time", theirs, "ms", "baseline")
    yield Figure(
        "accounts.signin.ratio", ours / theirs, "x Django's PBKDF2 sign-in", "< 1"
    )
