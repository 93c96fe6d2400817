"""Fixtures for secure documents: real gpg keys (made once per session), a
workspace with one member per role, and the secure storage in a temporary folder
(or on the test suite's SeaweedFS server)."""

import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from accounts.models import User
from investigations import services as investigation_services
from investigations.enums import Role
from investigations.models import Investigation, Task
from secure_docs import crypto, services
from tests.factories import InvestigationFactory, UserFactory, mfa_on


@dataclass(frozen=True)
class TestKey:
    """A key made with the gpg command line; `home` holds its secret half."""

    home: Path
    fingerprint: str
    public: str

    def gpg(
        self, *args: str, input: bytes | None = None
    ) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603 - our own test invocation
            [
                shutil.which("gpg"),
                "--homedir",
                str(self.home),
                "--batch",
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                "",
                *args,
            ],
            input=input,
            capture_output=True,
            check=False,
        )

    def decrypt(self, ciphertext: bytes) -> subprocess.CompletedProcess:
        return self.gpg("--decrypt", input=ciphertext)


def _make_key(root: Path, name: str, *steps: list[str]) -> TestKey:
    home = Path(tempfile.mkdtemp(prefix=f"k-{name}-", dir=root))
    home.chmod(0o700)
    base = [
        shutil.which("gpg"),
        "--homedir",
        str(home),
        "--batch",
        "--pinentry-mode",
        "loopback",
        "--passphrase",
        "",
    ]
    for step in steps:
        subprocess.run([*base, *step], check=True, capture_output=True)  # noqa: S603
    listing = subprocess.run(  # noqa: S603
        [*base, "--list-keys", "--with-colons"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    fingerprint = next(
        line.split(":")[9] for line in listing.splitlines() if line.startswith("fpr:")
    )
    public = subprocess.run(  # noqa: S603
        [*base, "--armor", "--export", fingerprint],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return TestKey(home=home, fingerprint=fingerprint, public=public)


@dataclass(frozen=True)
class Keys:
    alice: TestKey
    bob: TestKey
    carol: TestKey
    expired: TestKey
    revoked: TestKey
    sign_only: TestKey
    rsa1024: TestKey
    rsa2048: TestKey
    secret_armored: str


@pytest.fixture(scope="session")
def keys(tmp_path_factory) -> Iterator[Keys]:
    """Test keys, generated once: gpg key generation is the slow part."""
    if shutil.which("gpg") is None:
        pytest.skip("gpg is not installed")
    root = tmp_path_factory.mktemp("gpg")

    def cv(name: str) -> TestKey:
        return _make_key(
            root,
            name,
            [
                "--quick-gen-key",
                f"{name} <{name}@example.org>",
                "future-default",
                "default",
                "never",
            ],
        )

    alice, bob, carol = cv("alice"), cv("bob"), cv("carol")
    expired = _make_key(
        root,
        "expired",
        [
            "--faked-system-time",
            "20200101T000000",
            "--quick-gen-key",
            "expired <expired@example.org>",
            "future-default",
            "default",
            "1d",
        ],
    )
    revoked = cv("revoked")
    revocation = (
        revoked.home / "openpgp-revocs.d" / f"{revoked.fingerprint}.rev"
    ).read_text()
    # gpg stores the certificate with a leading ":" so it is not imported by accident.
    revoked.gpg(
        "--import", input=revocation.replace(":-----BEGIN", "-----BEGIN").encode()
    )
    revoked = TestKey(
        home=revoked.home,
        fingerprint=revoked.fingerprint,
        public=revoked.gpg("--armor", "--export", revoked.fingerprint).stdout.decode(),
    )
    sign_only = _make_key(
        root,
        "signonly",
        ["--quick-gen-key", "sign <sign@example.org>", "ed25519", "sign", "never"],
    )
    rsa1024 = _make_key(
        root,
        "rsa1024",
        ["--quick-gen-key", "rsa <rsa@example.org>", "rsa1024", "sign", "never"],
    )
    rsa1024.gpg("--quick-add-key", rsa1024.fingerprint, "rsa1024", "encr", "never")
    rsa1024 = TestKey(
        home=rsa1024.home,
        fingerprint=rsa1024.fingerprint,
        public=rsa1024.gpg("--armor", "--export", rsa1024.fingerprint).stdout.decode(),
    )
    rsa2048 = _make_key(
        root,
        "rsa2048",
        ["--quick-gen-key", "rsa2 <rsa2@example.org>", "rsa2048", "sign", "never"],
    )
    rsa2048.gpg("--quick-add-key", rsa2048.fingerprint, "rsa2048", "encr", "never")
    rsa2048 = TestKey(
        home=rsa2048.home,
        fingerprint=rsa2048.fingerprint,
        public=rsa2048.gpg("--armor", "--export", rsa2048.fingerprint).stdout.decode(),
    )
    secret = alice.gpg(
        "--armor", "--export-secret-keys", alice.fingerprint
    ).stdout.decode()
    yield Keys(alice, bob, carol, expired, revoked, sign_only, rsa1024, rsa2048, secret)
    # gpg started an agent in each key's home; stop them with the session.
    for home in root.iterdir():
        subprocess.run(  # noqa: S603 - fixed arguments
            [shutil.which("gpgconf"), "--homedir", str(home), "--kill", "gpg-agent"],
            capture_output=True,
            check=False,
        )


@pytest.fixture(autouse=True)
def secure_folder(settings, tmp_path) -> Path:
    """The secure storage in this test's own folder (never the developer's var/)."""
    folder = tmp_path / "secure"
    folder.mkdir()
    settings.STORAGES = {
        **django_settings.STORAGES,
        "secure_docs": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": folder, "base_url": None},
        },
    }
    return folder


def s3_settings(s3_server, bucket: str | None = None) -> dict:
    from config.settings import _s3_storage

    storage = _s3_storage(bucket or s3_server.secure_bucket)
    storage["OPTIONS"].update(
        endpoint_url=s3_server.endpoint_url,
        access_key=s3_server.access_key,
        secret_key=s3_server.secret_key,
    )
    return storage


@pytest.fixture
def on_s3(settings, s3_server) -> str:
    """Point the secure storage at SeaweedFS, under a prefix of this test's own."""
    prefix = f"t-{uuid.uuid4().hex[:8]}"
    storage = s3_settings(s3_server)
    storage["OPTIONS"]["location"] = prefix
    settings.STORAGES = {**settings.STORAGES, "secure_docs": storage}
    return prefix


@dataclass
class Workspace:
    investigation: Investigation
    people: dict[str, User]
    task: Task

    @property
    def lead(self) -> User:
        return self.people["lead"]

    @property
    def codename(self) -> str:
        return self.investigation.codename


WORKSPACE_KEY_NAME = "Qalam workspace water"


@pytest.fixture(scope="session")
def workspace_key_material() -> crypto.GeneratedKey:
    """The `workspace` fixture's key pair, made once by the real generator: about
    500 tests build a workspace, and each gpg run to make a key (a private home,
    an agent) costs a few hundred milliseconds on a busy machine."""
    return crypto.generate_workspace_key(name=WORKSPACE_KEY_NAME)


@pytest.fixture
def workspace(db, tasks_in_process, workspace_key_material, monkeypatch) -> Workspace:
    """An investigation with one member per role and its workspace key.

    The key is stored by the real service (`workspace_key_ensure`); only the gpg
    run that makes the pair is shared across tests. Keys that a test makes itself
    (a rotation, a second investigation) are generated fresh.
    """
    lead = mfa_on(UserFactory(email="lead@example.org", display_name="Lead"))
    investigation = InvestigationFactory(
        created_by=lead, title="Water rights", codename="water"
    )
    people = {"lead": lead}
    for role in (Role.EDITOR, Role.REPORTER, Role.VIEWER):
        people[role] = mfa_on(
            UserFactory(email=f"{role}@example.org", display_name=role)
        )
        investigation_services.membership_add(
            actor=lead, investigation=investigation, user=people[role], role=role
        )

    def the_shared_pair(*, name: str) -> crypto.GeneratedKey:
        assert name == WORKSPACE_KEY_NAME, name
        return workspace_key_material

    with monkeypatch.context() as patch:
        patch.setattr(crypto, "generate_workspace_key", the_shared_pair)
        services.workspace_key_ensure(investigation=investigation)
    task = investigation_services.task_create(
        actor=lead,
        investigation=investigation,
        column=investigation.columns.order_by("position").first(),
        title="Check the contracts",
    )
    return Workspace(investigation, people, task)
