"""Sign-up, email verification, login, MFA and rate limits, through real HTTP."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]


def totp(secret: str, steps_ahead: int = 0) -> str:
    """The authenticator-app code for now (+ `steps_ahead` 30-second steps)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + steps_ahead))


def login(client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_signup_sends_verification_email_and_login_waits_for_it(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "Aida@Example.KZ",
                "password1": "a long passphrase 2026",
                "password2": "a long passphrase 2026",
            },
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get()
    assert user.email == "aida@example.kz"
    assert EmailAddress.objects.get(user=user).verified is False

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["aida@example.kz"]
    assert message.subject == "[Qalam] Please Confirm Your Email Address"
    link = re.search(
        r"http://testserver(/accounts/confirm-email/[^/\s]+/)", message.body
    )
    assert link, message.body

    # Unverified: logging in only resends the verification, it does not log in.
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(client, "aida@example.kz", "a long passphrase 2026")
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    response = client.post(link.group(1))
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified is True

    response = login(client, "aida@example.kz", "a long passphrase 2026")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signup_email_is_in_the_visitors_language(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/ru/accounts/signup/",
            {
                "email": "timur@example.uz",
                "password1": "a long passphrase 2026",
                "password2": "a long passphrase 2026",
            },
        )
    assert len(mail.outbox) == 1
    assert "/ru/accounts/confirm-email/" in mail.outbox[0].body
    assert mail.outbox[0].subject == (
        "[Qalam] Пожалуйста, подтвердите Ваш адрес электронной почты"
    )


def test_login_with_wrong_password_is_refused_with_a_message(client):
    user = UserFactory()
    response = login(client, user.email, "wrong password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert (
        "The email address and/or password you specified are not correct."
        in response.content.decode()
    )


def test_login_is_rate_limited_after_five_failures_for_one_account(client):
    user = UserFactory()
    for _ in range(5):
        login(client, user.email, "wrong password")
    # Even the right password is refused until the window passes.
    response = login(client, user.email, PASSWORD)
    assert "_auth_user_id" not in client.session
    assert (
        "Too many failed login attempts. Try again later." in response.content.decode()
    )


def test_signup_is_rate_limited_per_address(client):
    for number in range(10):
        response = client.post(
            reverse("account_signup"),
            {
                "email": f"person{number}@example.kg",
                "password1": "a long passphrase 2026",
                "password2": "a long passphrase 2026",
            },
        )
        assert response.status_code == 302
    response = client.post(
        reverse("account_signup"),
        {
            "email": "one.too.many@example.kg",
            "password1": "a long passphrase 2026",
            "password2": "a long passphrase 2026",
        },
    )
    assert response.status_code == 429
    assert not User.objects.filter(email="one.too.many@example.kg").exists()


def test_mfa_activation_then_login_needs_the_totp_code(client):
    user = UserFactory()
    assert login(client, user.email).status_code == 302

    # Changing security settings asks for the password again first.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302

    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = response.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=user).exists()
    response = client.post(reverse("mfa_activate_totp"), {"code": totp(secret)})
    assert response.status_code == 302
    assert set(
        Authenticator.objects.filter(user=user).values_list("type", flat=True)
    ) == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}

    client.logout()
    response = login(client, user.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session

    # The activation code may not be replayed; the next step's code is accepted.
    response = client.post(reverse("mfa_authenticate"), {"code": totp(secret, 1)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_password_reset_sends_a_link_that_sets_a_new_password(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    path = re.search(
        r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[0].body
    )
    assert path, mail.outbox[0].body
    response = client.get(path.group(1), follow=True)
    form_path = (
        response.redirect_chain[-1][0] if response.redirect_chain else path.group(1)
    )
    response = client.post(
        form_path,
        {"password1": "a brand new passphrase", "password2": "a brand new passphrase"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a brand new passphrase")
