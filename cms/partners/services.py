"""Writes of the partner API: keys (created, revoked, used) and webhooks."""

import datetime
import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from awards.permissions import is_platform_admin
from cms.partners.models import PartnerKey, PartnerScope, PartnerWebhook
from cms.partners.webhooks import address_problem

KEY_PREFIX = "qk_"


def key_hash(secret: str) -> str:
    """The SHA-256 stored for a key (the key is random, so no salt or stretching)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _check_admin(actor: User) -> None:
    if not is_platform_admin(actor):
        raise PermissionDenied


@transaction.atomic
def partner_key_create(
    *,
    partner: str,
    scopes: list[str],
    rate_limit_per_minute: int,
    actor: User,
) -> tuple[PartnerKey, str]:
    """A new key for `partner`; returns it with its plaintext, which is shown once
    and never stored (only its hash and a short public prefix are).

    Only the platform admin creates keys; scopes must be known ones.
    """
    _check_admin(actor)
    unknown = set(scopes) - set(PartnerScope.values)
    if unknown:
        raise ValidationError(_("Unknown scope."), code="unknown_scope")
    prefix = secrets.token_hex(4)
    secret = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    key = PartnerKey(
        partner=partner.strip(),
        prefix=prefix,
        secret_hash=key_hash(secret),
        scopes=sorted(set(scopes)),
        rate_limit_per_minute=rate_limit_per_minute,
        created_by=actor,
        created_at=timezone.now(),
    )
    key.full_clean()
    key.save()
    return key, secret


@transaction.atomic
def partner_key_revoke(*, key: PartnerKey, actor: User) -> PartnerKey:
    """Revoke `key` at once: its next request is refused. Revoking twice keeps
    the first time."""
    _check_admin(actor)
    key = PartnerKey.objects.select_for_update().get(pk=key.pk)
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.full_clean()
        key.save(update_fields=["revoked_at"])
    return key


def partner_key_touch(*, key: PartnerKey) -> None:
    """Record that `key` was used; at most once a minute, so reads stay cheap."""
    now = timezone.now()
    if key.last_used_at is None or (now - key.last_used_at).total_seconds() >= 60:
        PartnerKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now


@transaction.atomic
def partner_webhook_create(
    *, key: PartnerKey, url: str, actor: User
) -> tuple[PartnerWebhook, str]:
    """A webhook for `key`'s partner; returns it with its signing secret (shown
    once in the admin). HTTPS only, except in development (DEBUG)."""
    from django.conf import settings

    _check_admin(actor)
    if not url.startswith("https://") and not settings.DEBUG:
        raise ValidationError(
            _("A webhook address must start with https://."), code="not_https"
        )
    problem = address_problem(url)
    if problem:
        raise ValidationError(problem, code="not_public")
    webhook = PartnerWebhook(
        key=key, url=url, secret=secrets.token_hex(32), created_at=timezone.now()
    )
    webhook.full_clean()
    webhook.save()
    return webhook, webhook.secret


# --- webhooks: the delivery log -------------------------------------------------------

EVENT_RESULTS_PUBLISHED = "results.published"


def _max_attempts() -> int:
    from django.conf import settings

    return settings.QALAM_WEBHOOK_MAX_ATTEMPTS


def _backoff_seconds(attempts: int) -> int:
    """Seconds before attempt `attempts + 1`: 30 s, 1, 2, 4, 8 minutes…"""
    from django.conf import settings

    return settings.QALAM_WEBHOOK_BACKOFF_SECONDS * 2 ** (attempts - 1)


@transaction.atomic
def webhook_deliveries_create(
    *, event: str, payload: dict, created_before: datetime.datetime | None = None
) -> list[int]:
    """One pending delivery of `event` to every active webhook (made by
    `created_before`, if given); returns their ids.

    Once per webhook and event subject: a second call for the same award (the
    signal fired twice, or the beat task catching up) creates nothing.
    """
    from cms.partners.models import WebhookDelivery
    from cms.partners.selectors import active_webhooks

    now = timezone.now()
    created = []
    webhooks = active_webhooks()
    if created_before is not None:
        webhooks = webhooks.filter(created_at__lte=created_before)
    for webhook in webhooks:
        if WebhookDelivery.objects.filter(
            webhook=webhook, event=event, payload__award__id=payload["award"]["id"]
        ).exists():
            continue
        delivery = WebhookDelivery(
            webhook=webhook,
            event=event,
            payload=payload,
            next_attempt_at=now,
            created_at=now,
        )
        delivery.full_clean()
        delivery.save()
        created.append(delivery.pk)
    return created


@transaction.atomic
def webhook_delivery_record(
    *, delivery_id: int, status_code: int | None, error: str = "", final: bool = False
) -> "int | None":
    """Record one attempt's outcome. A 2xx delivers it; anything else (timeout,
    refused connection, non-2xx) schedules the next attempt with exponential
    back-off, until the last one marks it failed; `final` (an address that is
    not public, a revoked key) marks it failed at once. The row always stays.

    Returns the seconds until the next attempt, or None when there is none.
    """
    from cms.partners.models import DeliveryStatus, WebhookDelivery

    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery_id)
    if delivery.status != DeliveryStatus.PENDING:
        return None  # another attempt already settled it: a final status stays
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_status_code = status_code
    delivery.last_error = error[:2000]
    delay = None
    if status_code is not None and 200 <= status_code < 300:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
    elif final or delivery.attempts >= _max_attempts():
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = None
    else:
        delay = _backoff_seconds(delivery.attempts)
        delivery.next_attempt_at = now + datetime.timedelta(seconds=delay)
    delivery.full_clean()
    delivery.save()
    return delay


def webhook_delivery_claim(*, delivery_id: int, lease_seconds: int = 120) -> bool:
    """Take a pending delivery for one attempt: True for exactly one of several
    workers asking at once (the beat's re-queue racing a delayed retry). The
    claim pushes its next attempt `lease_seconds` on, so the beat leaves it alone
    while the attempt runs; recording the outcome sets it properly."""
    from cms.partners.models import DeliveryStatus, WebhookDelivery

    now = timezone.now()
    return bool(
        WebhookDelivery.objects.filter(
            pk=delivery_id,
            status=DeliveryStatus.PENDING,
            # Two seconds for clocks of different workers that disagree a little.
            next_attempt_at__lte=now + datetime.timedelta(seconds=2),
        ).update(next_attempt_at=now + datetime.timedelta(seconds=lease_seconds))
    )


@transaction.atomic
def webhook_delivery_retry(*, delivery, actor: User):
    """Put a failed delivery back in the queue for a fresh round of attempts
    (not for a revoked key's or a switched-off webhook's)."""
    from cms.partners.models import DeliveryStatus

    _check_admin(actor)
    webhook = delivery.webhook
    if not webhook.is_active or webhook.key.is_revoked:
        raise ValidationError(
            _("This webhook is switched off or its key is revoked: nothing is sent."),
            code="inactive",
        )
    delivery.status = DeliveryStatus.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = timezone.now()
    delivery.full_clean()
    delivery.save()
    return delivery
