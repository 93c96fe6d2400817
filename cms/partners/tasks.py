"""Celery tasks of the partner API: deliver one webhook event (ids, not objects)."""

from celery import shared_task
from django.db import transaction

from cms.partners import selectors, webhooks
from cms.partners.models import DeliveryStatus, WebhookDelivery
from cms.partners.services import webhook_delivery_record


@shared_task(acks_late=True)
def webhook_deliver(delivery_id: int) -> str:
    """Attempt one pending delivery; on failure the service schedules the next
    attempt (exponential back-off) and this enqueues it. Idempotent: a delivered
    or failed delivery is left alone."""
    delivery = (
        WebhookDelivery.objects.select_related("webhook")
        .filter(pk=delivery_id, status=DeliveryStatus.PENDING)
        .first()
    )
    if delivery is None:
        return "skipped"
    status_code, error = webhooks.post(
        delivery_id=delivery.pk,
        url=delivery.webhook.url,
        secret=delivery.webhook.secret,
        event=delivery.event,
        payload=delivery.payload,
    )
    delay = webhook_delivery_record(
        delivery_id=delivery_id, status_code=status_code, error=error
    )
    if delay is not None:
        webhook_deliver.apply_async((delivery_id,), countdown=delay)
        return "retrying"
    return "done"


def enqueue_delivery(delivery_id: int) -> None:
    """Send once the transaction that made (or reset) the delivery commits."""
    transaction.on_commit(lambda: webhook_deliver.delay(delivery_id))


@shared_task(acks_late=True)
def webhook_deliveries_overdue() -> list[int]:
    """Beat, every 5 minutes: enqueue again the pending deliveries whose next
    attempt is long overdue (its task was lost). A delivery may then arrive
    twice; partners tell repeats apart by `X-Qalam-Delivery`."""
    overdue = selectors.deliveries_overdue()
    for delivery_id in overdue:
        webhook_deliver.delay(delivery_id)
    return overdue
