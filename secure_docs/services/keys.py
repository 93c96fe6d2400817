"""Workspace keys, the key-encryption key, personal keys, and the recipients
a document is encrypted to."""

import dataclasses

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from investigations import selectors as investigation_selectors
from investigations import services as investigation_services
from investigations.enums import ActivityVerb
from investigations.models import Investigation, Membership
from secure_docs import crypto, permissions, selectors
from secure_docs.enums import JobReason
from secure_docs.models import PersonalKey, WorkspaceKey
from secure_docs.services._common import enqueue


@transaction.atomic
def workspace_key_ensure(*, investigation: Investigation) -> WorkspaceKey:
    """The investigation's active workspace key, generated on first need.

    Rows lock on the investigation so two workers never make two keys.
    """
    Investigation.objects.select_for_update().filter(pk=investigation.pk).first()
    key = selectors.active_workspace_key(investigation=investigation)
    if key is not None:
        return key
    return _workspace_key_new(investigation=investigation)


def _workspace_key_new(*, investigation: Investigation) -> WorkspaceKey:
    generated = crypto.generate_workspace_key(
        name=f"Qalam workspace {investigation.codename}"
    )
    key = WorkspaceKey(
        investigation=investigation,
        fingerprint=generated.fingerprint,
        public_key=generated.public_key,
        wrapped_secret_key=crypto.wrap_secret_key(
            generated.secret_key, kek=settings.QALAM_KEY_ENCRYPTION_KEY
        ),
    )
    key.full_clean()
    key.save()
    return key


def workspace_key_schedule(*, investigation: Investigation) -> None:
    """Generate the new investigation's workspace key once it is committed."""
    enqueue("workspace_key_create", investigation.pk)


@transaction.atomic
def workspace_key_rotate(*, actor: User, investigation: Investigation) -> WorkspaceKey:
    """A new workspace key (leads); every version is re-encrypted to it by a job.

    The retired key stays until no version needs it, then it is deleted.
    """
    investigation_selectors.access_required(
        user=actor, investigation=investigation, codename=permissions.ROTATE_KEY
    )
    Investigation.objects.select_for_update().filter(pk=investigation.pk).first()
    WorkspaceKey.objects.filter(investigation=investigation, is_active=True).update(
        is_active=False
    )
    key = _workspace_key_new(investigation=investigation)
    investigation_services.activity_record(
        investigation=investigation,
        actor=actor,
        verb=ActivityVerb.WORKSPACE_KEY_ROTATED,
        subject=key.fingerprint,
    )
    enqueue("reencrypt_investigation", investigation.pk, JobReason.KEY_ROTATED)
    return key


def kek_rotate(*, old_kek: str, new_kek: str) -> tuple[int, int]:
    """Re-wrap every workspace key under `new_kek`; returns (re-wrapped, already).

    Resumable: keys that open with the new KEK already are left alone.
    """
    rewrapped = already = 0
    for key_id in WorkspaceKey.objects.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            key = WorkspaceKey.objects.select_for_update().get(pk=key_id)
            try:
                crypto.unwrap_secret_key(key.wrapped_secret_key, kek=new_kek)
            except crypto.CryptoError:
                pass
            else:
                already += 1
                continue
            secret = crypto.unwrap_secret_key(key.wrapped_secret_key, kek=old_kek)
            key.wrapped_secret_key = crypto.wrap_secret_key(secret, kek=new_kek)
            key.full_clean()
            key.save(update_fields=["wrapped_secret_key"])
            rewrapped += 1
    return rewrapped, already


def _user_investigations(user: User) -> list[Investigation]:
    return [
        membership.investigation
        for membership in Membership.objects.filter(user=user).select_related(
            "investigation"
        )
    ]


@transaction.atomic
def personal_key_register(*, user: User, key_text: str | bytes) -> PersonalKey:
    """Register (or replace) the user's public key after gpg validated it.

    Documents of the user's investigations are then re-encrypted to include it.
    """
    try:
        info = crypto.inspect_public_key(key_text)
    except crypto.KeyRefused as error:
        raise ValidationError({"key": str(error)}) from error
    key = selectors.personal_key_of(user=user) or PersonalKey(user=user)
    key.fingerprint = info.fingerprint
    key.public_key = info.public_key
    key.algorithm = info.algorithm
    key.user_ids = ", ".join(info.user_ids)[:500]
    key.expires_at = info.expires_at
    key.reminded_at = None
    key.full_clean()
    key.save()
    for investigation in _user_investigations(user):
        members_changed(investigation=investigation)
    return key


@transaction.atomic
def personal_key_delete(*, user: User) -> None:
    """Forget the user's key; their investigations' documents drop it as a recipient."""
    deleted, _rows = PersonalKey.objects.filter(user=user).delete()
    if deleted:
        for investigation in _user_investigations(user):
            members_changed(investigation=investigation)


def personal_key_mark_reminded(*, key_id: int) -> bool:
    """Mark an expiry reminder sent; False if it was sent already (idempotent)."""
    return bool(
        PersonalKey.objects.filter(pk=key_id, reminded_at__isnull=True).update(
            reminded_at=timezone.now()
        )
    )


@dataclasses.dataclass(frozen=True)
class Recipients:
    fingerprints: list[str]
    public_keys: list[str]
    expired: list[PersonalKey]


def recipients_for(*, investigation: Investigation) -> Recipients:
    """The workspace key plus every current member's usable personal key.

    Members whose key expired are left out (and listed, so leads can be told).
    """
    workspace_key = workspace_key_ensure(investigation=investigation)
    usable, expired = selectors.member_keys(investigation=investigation)
    keys = {workspace_key.fingerprint: workspace_key.public_key}
    for key in usable:
        keys[key.fingerprint] = key.public_key
    fingerprints = sorted(keys)
    return Recipients(
        fingerprints=fingerprints,
        public_keys=[keys[fp] for fp in fingerprints],
        expired=expired,
    )


def members_changed(*, investigation: Investigation) -> None:
    """Bring every version's recipients in line with the members, after commit."""
    enqueue("reencrypt_investigation", investigation.pk, JobReason.MEMBERS_CHANGED)
