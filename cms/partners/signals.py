"""The partner API's receiver of awards' `results_published` (cms/apps.py)."""

from cms.partners import tasks


def webhooks_on_publication(sender, award_id: int, **kwargs) -> None:
    """Tell every active webhook that `award_id`'s results are public (the beat
    task `webhook_deliveries_overdue` does it too if this never ran)."""
    tasks.publication_webhooks_queue(award_id)
