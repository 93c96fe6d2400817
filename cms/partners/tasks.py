"""Celery tasks of the partner API: deliver one webhook event (ids, not objects)."""

import datetime

from celery import shared_task
from django.db import transaction

from awards.selectors import partners as award_partners
from cms.partners import selectors, services, webhooks
from cms.partners.models import WebhookDelivery


@shared_task(acks_late=True)
def webhook_deliver(delivery_id: int) -> str:
    """Attempt one pending delivery that is due; on failure the service schedules
    the next attempt (exponential back-off) and this enqueues it. Idempotent:
    a delivered or failed delivery, one not due yet, or one another worker has
    just claimed is left alone, so a delivery is never sent twice at once."""
    if not services.webhook_delivery_claim(delivery_id=delivery_id):
        return "skipped"
    delivery = WebhookDelivery.objects.select_related("webhook__key").get(
        pk=delivery_id
    )
    webhook = delivery.webhook
    if not webhook.is_active or webhook.key.is_revoked:
        services.webhook_delivery_record(
            delivery_id=delivery_id,
            status_code=None,
            error="webhook switched off or key revoked: not sent",
            final=True,
        )
        return "skipped"
    problem = webhooks.address_problem(webhook.url)
    if problem:
        services.webhook_delivery_record(
            delivery_id=delivery_id, status_code=None, error=problem, final=True
        )
        return "refused"
    status_code, error = webhooks.post(
        delivery_id=delivery.pk,
        url=webhook.url,
        secret=webhook.secret,
        event=delivery.event,
        payload=delivery.payload,
    )
    delay = services.webhook_delivery_record(
        delivery_id=delivery_id, status_code=status_code, error=error
    )
    if delay is not None:
        webhook_deliver.apply_async((delivery_id,), countdown=delay)
        return "retrying"
    return "done"


def enqueue_delivery(delivery_id: int) -> None:
    """Send once the transaction that made (or reset) the delivery commits."""
    transaction.on_commit(lambda: webhook_deliver.delay(delivery_id))


def publication_webhooks_queue(award_id: int) -> list[int]:
    """Make (once) and send the `results.published` deliveries of `award_id` to
    the webhooks that existed when its results went public; nothing while they
    are not public. Returns the new deliveries' ids."""
    payload = award_partners.publication_payload(award_id=award_id)
    if payload is None:
        return []
    with transaction.atomic():
        ids = services.webhook_deliveries_create(
            event=services.EVENT_RESULTS_PUBLISHED,
            payload=payload,
            created_before=datetime.datetime.fromisoformat(payload["published_at"]),
        )
        for delivery_id in ids:
            enqueue_delivery(delivery_id)
    return ids


@shared_task(acks_late=True)
def webhook_deliveries_overdue() -> list[int]:
    """Beat, every 5 minutes: make the deliveries of recent publications that
    have none (the signal that should have made them failed: a cache or worker
    down at publication), then enqueue again the pending deliveries whose next
    attempt is long overdue (its task was lost). A delivery may then arrive
    twice; partners tell repeats apart by `X-Qalam-Delivery`."""
    for award_id in selectors.recent_publications():
        publication_webhooks_queue(award_id)
    overdue = selectors.deliveries_overdue()
    for delivery_id in overdue:
        webhook_deliver.delay(delivery_id)
    return overdue
