"""Passwords are hashed with Argon2id at the figures in accounts/hashers.py, and a
hash made any other way is replaced when its owner signs in (real HTTP sign-ins)."""

import pytest
from django.contrib.auth.hashers import (
    Argon2PasswordHasher,
    PBKDF2PasswordHasher,
    identify_hasher,
    make_password,
)
from django.urls import reverse

from config import settings as production
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

CURRENT = "argon2$argon2id$v=19$m=19456,t=2,p=1$"


@pytest.fixture(autouse=True)
def production_hashers(settings):
    # The suite hashes with MD5 for speed; these tests use what production uses.
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS


def sign_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_a_new_password_is_hashed_with_argon2id_at_our_figures():
    assert make_password("a long passphrase 2026").startswith(CURRENT)


@pytest.mark.parametrize(
    "old_hasher",
    [PBKDF2PasswordHasher(), Argon2PasswordHasher()],  # Django's own 100 MiB, 8 lanes
    ids=["pbkdf2", "argon2-django-defaults"],
)
def test_an_older_hash_is_replaced_at_sign_in(client, old_hasher):
    user = UserFactory()
    user.password = old_hasher.encode(PASSWORD, old_hasher.salt())
    user.save(update_fields=["password"])
    assert not user.password.startswith(CURRENT)

    response = sign_in(client, user.email)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    user.refresh_from_db()
    assert user.password.startswith(CURRENT)
    assert identify_hasher(user.password).verify(PASSWORD, user.password)


def test_a_wrong_password_leaves_the_old_hash_alone(client):
    user = UserFactory()
    old = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    user.password = old
    user.save(update_fields=["password"])

    response = sign_in(client, user.email, "not the passphrase")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    user.refresh_from_db()
    assert user.password == old
