"""Reads of the partner API's own data: keys by their secret, webhooks, deliveries."""

import datetime
import hmac

from django.db.models import QuerySet
from django.utils import timezone

from cms.partners.models import PartnerKey, PartnerWebhook, WebhookDelivery
from cms.partners.services import key_hash


def key_for_secret(secret: str, *, include_revoked: bool = False) -> PartnerKey | None:
    """The unrevoked key (or any, with `include_revoked`) whose secret this is,
    else None.

    Looked up by its public prefix, then compared in constant time, so a wrong
    key reveals nothing through timing.
    """
    parts = secret.split("_")
    if len(parts) < 3 or len(secret) > 200:
        return None
    key = PartnerKey.objects.filter(prefix=parts[1]).first()
    if key is None or not hmac.compare_digest(key.secret_hash, key_hash(secret)):
        return None
    if key.is_revoked and not include_revoked:
        return None
    return key


def keys_for_admin() -> QuerySet[PartnerKey]:
    """Every key, newest first, with who made it."""
    return PartnerKey.objects.select_related("created_by").order_by(
        "-created_at", "-pk"
    )


def active_webhooks() -> QuerySet[PartnerWebhook]:
    """Webhooks that should be told about a publication: active, key not revoked."""
    return PartnerWebhook.objects.filter(
        is_active=True, key__revoked_at__isnull=True
    ).order_by("pk")


def deliveries_of(*, webhook: PartnerWebhook, limit: int = 100):
    """The newest deliveries to `webhook`, for its log."""
    return list(WebhookDelivery.objects.filter(webhook=webhook)[:limit])


def deliveries_overdue(
    *, now: datetime.datetime | None = None, grace_minutes: int = 10
) -> list[int]:
    """Ids of pending deliveries whose next attempt is `grace_minutes` overdue."""
    now = now or timezone.now()
    return list(
        WebhookDelivery.objects.filter(
            status="pending",
            next_attempt_at__lt=now - datetime.timedelta(minutes=grace_minutes),
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:500]
    )


def recent_publications(
    *, now: datetime.datetime | None = None, days: int = 7
) -> list[int]:
    """Awards whose results became public in the last `days` (and are sealed):
    the beat task makes sure each told the webhooks."""
    from awards.models import ResultsPublication

    now = now or timezone.now()
    return list(
        ResultsPublication.objects.filter(
            publish_at__lte=now,
            publish_at__gte=now - datetime.timedelta(days=days),
            purged_at__isnull=False,
        )
        .order_by("publish_at")
        .values_list("award_id", flat=True)
    )
