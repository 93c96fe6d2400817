"""Behind our proxy (QALAM_BEHIND_PROXY) the sign-in limits count each person's own
address, the one the proxy adds to X-Forwarded-For, not the proxy's: otherwise one
limit and one lock would serve everyone on deadline day. Real HTTP sign-ins."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LIMIT = 3


@pytest.fixture(autouse=True)
def tight_limit(settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login": f"{LIMIT}/m/ip",
    }
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    cache.clear()
    yield
    cache.clear()


def sign_in(client, user, address: str):
    client.logout()
    return client.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR=f"203.0.113.250, {address}",
    )


def test_people_behind_one_proxy_each_have_their_own_limit(client):
    people = [UserFactory() for _ in range(LIMIT + 2)]
    for number, person in enumerate(people):
        response = sign_in(client, person, f"198.51.100.{number + 1}")
        assert response.status_code == 302, number


def test_one_address_is_still_limited(client):
    person = UserFactory()
    answers = [
        sign_in(client, person, "198.51.100.7").status_code for _ in range(LIMIT + 1)
    ]
    assert answers == [302] * LIMIT + [429]


def test_the_address_comes_from_our_proxy_not_from_the_client(client):
    # A client cannot escape its limit by sending its own X-Forwarded-For: only the
    # last hop, added by our proxy, counts.
    person = UserFactory()
    answers = []
    for number in range(LIMIT + 1):
        client.logout()
        answers.append(
            client.post(
                reverse("account_login"),
                {"login": person.email, "password": PASSWORD},
                HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 198.51.100.9",
            ).status_code
        )
    assert answers == [302] * LIMIT + [429]
