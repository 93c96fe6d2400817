"""The partner API's receiver of awards' `results_published` (cms/apps.py)."""

from django.db import transaction

from awards.selectors import partners as award_partners
from cms.partners import services, tasks


def webhooks_on_publication(sender, award_id: int, **kwargs) -> None:
    """Tell every active webhook that `award_id`'s results are public."""
    payload = award_partners.publication_payload(award_id=award_id)
    if payload is None:
        return
    with transaction.atomic():
        ids = services.webhook_deliveries_create(
            event=services.EVENT_RESULTS_PUBLISHED, payload=payload
        )
        for delivery_id in ids:
            tasks.enqueue_delivery(delivery_id)
