"""Personal key validation with gpg in an isolated home, and workspace keys."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from secure_docs import crypto, services, tasks
from secure_docs.models import PersonalKey, WorkspaceKey
from tests.factories import InvestigationFactory, UserFactory


def test_a_valid_curve25519_key_is_accepted_with_its_fingerprint(keys):
    info = crypto.inspect_public_key(keys.alice.public)
    assert info.fingerprint == keys.alice.fingerprint
    assert info.algorithm == "ECDH cv25519"
    assert info.user_ids == ["alice <alice@example.org>"]
    assert info.expires_at is None
    assert "BEGIN PGP PUBLIC KEY BLOCK" in info.public_key


def test_an_rsa_2048_key_is_accepted(keys):
    info = crypto.inspect_public_key(keys.rsa2048.public)
    assert info.fingerprint == keys.rsa2048.fingerprint
    assert info.algorithm == "RSA 2048"


@pytest.mark.parametrize(
    ("which", "reason"),
    [
        ("secret", "This is a secret (private) key."),
        ("expired", "This key has expired."),
        ("revoked", "This key has been revoked."),
        ("sign_only", "This key has no valid encryption key"),
        ("rsa1024", "RSA keys must have at least 2048 bits; this one has 1024."),
        ("garbage", "This is not an OpenPGP public key."),
        ("two", "Give exactly one public key, not several."),
    ],
)
def test_unusable_keys_are_refused_with_their_reason(keys, which, reason):
    data = {
        "secret": keys.secret_armored,
        "expired": keys.expired.public,
        "revoked": keys.revoked.public,
        "sign_only": keys.sign_only.public,
        "rsa1024": keys.rsa1024.public,
        "garbage": "hello, I am not a key",
        "two": keys.alice.public + "\n" + keys.bob.public,
    }[which]
    with pytest.raises(crypto.KeyRefused) as refused:
        crypto.inspect_public_key(data)
    assert str(refused.value).startswith(reason)
    assert refused.value.is_secret == (which == "secret")


def test_a_secret_key_is_refused_with_a_compromise_warning(keys):
    with pytest.raises(crypto.KeyRefused) as refused:
        crypto.inspect_public_key(keys.secret_armored)
    assert "treat this key as compromised" in str(refused.value)


def test_validation_never_touches_the_users_keyring(keys, tmp_path, monkeypatch):
    monkeypatch.setenv("GNUPGHOME", str(tmp_path / "nowhere"))
    crypto.inspect_public_key(keys.alice.public)
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.django_db
def test_register_page_shows_fingerprint_and_expiry(client, keys):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("secure_docs:personal_key"), {"key": keys.alice.public}
    )
    assert response.status_code == 302
    key = PersonalKey.objects.get(user=user)
    assert key.fingerprint == keys.alice.fingerprint
    page = client.get(reverse("secure_docs:personal_key")).content.decode()
    assert keys.alice.fingerprint in page
    assert "never" in page


@pytest.mark.django_db
def test_register_page_refuses_a_secret_key_and_warns(client, keys):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("secure_docs:personal_key"), {"key": keys.secret_armored}
    )
    assert response.status_code == 400
    assert "treat this key as compromised" in response.content.decode()
    assert not PersonalKey.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_register_accepts_an_asc_file(client, keys):
    from django.core.files.uploadedfile import SimpleUploadedFile

    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("secure_docs:personal_key"),
        {"key_file": SimpleUploadedFile("me.asc", keys.bob.public.encode())},
    )
    assert response.status_code == 302
    assert PersonalKey.objects.get(user=user).fingerprint == keys.bob.fingerprint


@pytest.mark.django_db
def test_service_refusal_is_a_validation_error(keys):
    user = UserFactory()
    with pytest.raises(ValidationError) as error:
        services.personal_key_register(user=user, key_text=keys.expired.public)
    assert error.value.message_dict == {"key": ["This key has expired."]}


@pytest.mark.django_db
def test_owners_are_reminded_once_before_their_key_expires(keys):
    user = UserFactory(email="soon@example.org")
    key = services.personal_key_register(user=user, key_text=keys.carol.public)
    PersonalKey.objects.filter(pk=key.pk).update(
        expires_at=timezone.now() + datetime.timedelta(days=3)
    )
    assert tasks.remind_expiring_keys() == 1
    assert tasks.remind_expiring_keys() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["soon@example.org"]
    assert keys.carol.fingerprint in mail.outbox[0].body


@pytest.mark.django_db
def test_a_new_investigation_gets_a_cv25519_workspace_key(
    django_capture_on_commit_callbacks, tasks_in_process, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        investigation = InvestigationFactory()
    key = WorkspaceKey.objects.get(investigation=investigation, is_active=True)
    assert "PRIVATE KEY" not in key.wrapped_secret_key
    secret = crypto.unwrap_secret_key(
        key.wrapped_secret_key, kek=settings.QALAM_KEY_ENCRYPTION_KEY
    )
    assert "BEGIN PGP PRIVATE KEY BLOCK" in secret
    info = crypto.inspect_public_key(key.public_key)
    assert info.fingerprint == key.fingerprint
    assert info.algorithm == "ECDH cv25519"
    # A second run (a retried task) makes no second key.
    tasks.workspace_key_create(investigation.pk)
    assert WorkspaceKey.objects.filter(investigation=investigation).count() == 1


def test_a_wrong_kek_does_not_unwrap():
    wrapped = crypto.wrap_secret_key("secret", kek="one")
    assert crypto.unwrap_secret_key(wrapped, kek="one") == "secret"
    with pytest.raises(crypto.CryptoError):
        crypto.unwrap_secret_key(wrapped, kek="two")


@pytest.mark.django_db
def test_rotate_kek_rewraps_every_workspace_key(settings, monkeypatch, workspace):
    from django.core.management import call_command

    old = settings.QALAM_KEY_ENCRYPTION_KEY
    settings.QALAM_KEY_ENCRYPTION_KEY = "a-brand-new-key-encryption-key"
    monkeypatch.setenv("QALAM_OLD_KEY_ENCRYPTION_KEY", old)
    call_command("rotate_kek")
    for key in WorkspaceKey.objects.all():
        crypto.unwrap_secret_key(
            key.wrapped_secret_key, kek="a-brand-new-key-encryption-key"
        )
        with pytest.raises(crypto.CryptoError):
            crypto.unwrap_secret_key(key.wrapped_secret_key, kek=old)
    # Resumable: a second run finds nothing left to do.
    assert services.kek_rotate(
        old_kek=old, new_kek="a-brand-new-key-encryption-key"
    ) == (0, WorkspaceKey.objects.count())
